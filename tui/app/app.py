"""The full-screen wizard: a view over the core's Wizard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.app.glyphs import ASCII, UNICODE, Glyphs
from tui.app.screens.flowmap import MapScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.result import ResultScreen
from tui.app.screens.review import ReviewScreen
from tui.app.screens.start import StartScreen
from tui.core.content import Content
from tui.core.session import RESULT, REVIEW, Session
from tui.core.wizard import Wizard


class RagftApp(App[None]):
    """Walk the decision flowchart; the panels follow every answer."""

    TITLE = "ragft"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-question-mark"),
    ]

    def __init__(
        self,
        content: Content,
        session: Session | None = None,
        *,
        ascii_only: bool = False,
    ) -> None:
        super().__init__()
        self.content = content
        self.glyphs: Glyphs = ASCII if ascii_only else UNICODE
        self.wizard: Wizard | None = Wizard(content, session) if session else None

    def on_mount(self) -> None:
        if self.wizard is None:
            self.push_screen(StartScreen())
        else:
            self.open_wizard()

    # Navigation ------------------------------------------------------------

    def start_session(self, name: str) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        session = Session(name=name, created=now, updated=now, content_version=self.content.version)
        self.wizard = Wizard(self.content, session)
        self.open_wizard()

    def open_wizard(self) -> None:
        """Show the session where it was: its question, the review or the result."""
        assert self.wizard is not None
        self.sub_title = self.wizard.session.name
        if isinstance(self.screen, StartScreen):
            self.switch_screen(QuestionScreen())
        else:
            self.push_screen(QuestionScreen())
        if self.wizard.place == REVIEW:
            self.push_screen(ReviewScreen())
        elif self.wizard.place == RESULT:
            self.push_screen(ResultScreen())

    def _question_screen(self) -> QuestionScreen:
        """Close whatever lies over the question screen and return it."""
        while not isinstance(self.screen, QuestionScreen):
            self.pop_screen()
        return self.screen

    def show_question(self, question_id: str) -> None:
        assert self.wizard is not None
        self.wizard.go_to(question_id)
        self._question_screen().show_current()

    def _over_questions(self, screen: Screen[None]) -> None:
        self._question_screen()
        self.push_screen(screen)

    def show_review(self) -> None:
        assert self.wizard is not None
        self.wizard.show(REVIEW)
        self._over_questions(ReviewScreen())

    def show_result(self) -> None:
        assert self.wizard is not None
        self.wizard.show(RESULT)
        self._over_questions(ResultScreen())

    def show_map(self) -> None:
        self._over_questions(MapScreen())

    def back_to_questions(self) -> None:
        assert self.wizard is not None
        self.show_question(self.wizard.current)

    # Help and the command palette --------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.wizard is None or isinstance(screen, StartScreen | HelpScreen):
            return
        yield SystemCommand("Show the result", "Recommendation, reasons, costs", self.show_result)
        yield SystemCommand("Review answers", "Every answer on one screen", self.show_review)
        yield SystemCommand("Flowchart map", "The decision path drawn", self.show_map)
        for number, question_id in enumerate(self.wizard.steps, start=1):
            question = self.content.questions[question_id]
            yield SystemCommand(
                f"Go to {number}. {question.title}",
                question.prompt,
                partial(self.show_question, question_id),
                discover=False,
            )
