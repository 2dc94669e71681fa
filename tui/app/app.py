"""The full-screen wizard: a view over the core's Wizard, saved as it goes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content as TextualContent
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.app import preferences
from tui.app.ascii import ascii_key
from tui.app.base import WizardScreen
from tui.app.glyphs import ASCII, UNICODE, Glyphs
from tui.app.patches.driver import HangUpDriver
from tui.app.patches.glyphs import use_ascii
from tui.app.patches.one_frame import OneFrameScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.start import StartScreen
from tui.app.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from tui.core.content import Content
from tui.core.errors import InputError
from tui.core.settings import Settings
from tui.core.store.clock import now
from tui.core.store.session import RESULT, REVIEW, Session, new_session, show_value
from tui.core.store.storage import StorageError, Store
from tui.core.text import visible
from tui.core.wizard import Wizard

# Seconds an orderly exit after SIGTERM may take before the process just ends.
EXIT_GRACE = 1.0


def _screens() -> SimpleNamespace:
    """The screens the first paint does not need, imported when first opened:
    start-up is what a user over SSH waits for every time."""
    from tui.app.screens.cases import CasesScreen
    from tui.app.screens.costs import CostsScreen
    from tui.app.screens.export import ExportScreen
    from tui.app.screens.flowmap import MapScreen
    from tui.app.screens.help import HelpScreen
    from tui.app.screens.result import ResultScreen
    from tui.app.screens.review import ReviewScreen
    from tui.app.screens.sessions import SessionsScreen
    from tui.app.screens.sources import SourcesScreen

    return SimpleNamespace(
        CasesScreen=CasesScreen,
        CostsScreen=CostsScreen,
        ExportScreen=ExportScreen,
        MapScreen=MapScreen,
        HelpScreen=HelpScreen,
        ResultScreen=ResultScreen,
        ReviewScreen=ReviewScreen,
        SessionsScreen=SessionsScreen,
        SourcesScreen=SourcesScreen,
    )


class RagftApp(App[None]):
    """Walk the decision flowchart; the panels follow every answer, and every
    change is saved."""

    TITLE = "ragft"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-question-mark"),
        Binding("ctrl+o", "sessions", "Sessions", show=False, id="sessions"),
    ]

    def __init__(
        self,
        content: Content,
        store: Store,
        session: Session | None = None,
        path: Path | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        # In a browser tab textual-serve's driver (named by TEXTUAL_DRIVER) is used.
        own_driver = os.name == "posix" and not self.settings.in_browser
        super().__init__(driver_class=HangUpDriver if own_driver else None)
        # Said once the first screen is up: a config file that could not be used, say.
        problem = self.settings.config_problem
        self.startup_notices: tuple[str, ...] = (problem,) if problem else ()
        self.content = content
        self.store = store
        self.path = path
        self.ascii_only = self.settings.ascii
        self.glyphs: Glyphs = ASCII if self.ascii_only else UNICODE
        if self.ascii_only:
            use_ascii()
        self.wizard: Wizard | None = None
        # Where exports go unless the user says otherwise: where ragft was started.
        self.export_folder = Path.cwd()
        self._save_scheduled = False
        self._save_failed = False
        if session is not None:
            self.wizard = Wizard(content, session, self._changed)

    def get_default_screen(self) -> Screen:
        # Under every other screen: laid out again on a resize, Textual's own
        # would have the screen above repaint in full.
        return OneFrameScreen(id="_default")

    def on_mount(self) -> None:
        if self.ascii_only:
            self.add_class("-ascii")
        self._catch_hang_ups()
        problems = preferences.apply(self, self.settings.theme, self.settings.keymap)
        self.startup_notices += tuple(problems)
        preferences.keep_picked_themes(self, self._warn)
        # The first screen comes just after mounting: Textual mounts the app in a
        # batch whose frames are dropped, and a screen drawn then would reach the
        # terminal piecemeal, over three frames.
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        for notice in self.startup_notices:
            self._warn(notice)
        if self.wizard is None:
            self.push_screen(StartScreen())
        else:
            self.open_wizard()
            if self.path is None:
                # A new session: on disk at once (or a clear message why not),
                # just after the first frame.
                self.call_after_refresh(self.save_now)
        self.call_after_refresh(lambda: self._check_size(*self.size))

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=15)

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: this runs before Textual's own handler updates self.size.
        self._check_size(*event.size)

    def _check_size(self, width: int, height: int) -> None:
        """Below the minimum, a clear message instead of a broken layout."""
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small and isinstance(self.screen, TooSmallScreen):
            self.screen.show(width, height)
        elif small:
            self.push_screen(TooSmallScreen())
        elif isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    # Saving --------------------------------------------------------------------

    def _changed(self, session: Session) -> None:
        """Called by the wizard on every change; saves once per turn of the loop,
        however many changes one key made."""
        if not self._save_scheduled:
            self._save_scheduled = True
            self.call_later(self.save_now)

    def save_now(self) -> None:
        self._save_scheduled = False
        if self.wizard is None:
            return
        try:
            saved = self.store.save(self.wizard.session, self.path)
        except StorageError as error:
            if not self._save_failed:
                self.notify(
                    f"Not saved: {error}. Your answers are kept while ragft runs.",
                    severity="error",
                    timeout=10,
                )
            self._save_failed = True
            return
        if self._save_failed:
            self.notify("Saved again.")
        self._save_failed = False
        self.path = saved.path
        self.sub_title = saved.session.name  # renamed in another window, perhaps
        if self.wizard.adopt(saved.session):
            self._refresh_screen()
        for message, warning in saved.notices():
            if warning:
                self.notify(message, severity="warning", timeout=10)
            else:
                self.notify(message)

    def _refresh_screen(self) -> None:
        if isinstance(self.screen, WizardScreen):
            self.screen.redraw()

    # Hang-ups: SIGHUP, SIGTERM, and input that ends ------------------------------

    def _catch_hang_ups(self) -> None:
        if os.name != "posix":
            return
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, self.hang_up)
        loop.add_signal_handler(signal.SIGTERM, self._terminate)

    def _save_quietly(self) -> None:
        # Nobody is left to tell of a failure; the last good file stands.
        if self.wizard is not None:
            with contextlib.suppress(StorageError):
                self.store.save(self.wizard.session, self.path)

    def hang_up(self) -> None:
        """The terminal is gone (SSH dropped): save, and end without drawing."""
        self._save_quietly()
        os._exit(0)

    def _terminate(self) -> None:
        """Asked to stop: save, then leave the terminal as we found it."""
        self._save_quietly()
        threading.Timer(EXIT_GRACE, os._exit, (0,)).start()
        self.exit()

    # Navigation ------------------------------------------------------------------

    def start_session(self, name: str) -> None:
        try:
            session = new_session(name, self.content, now())
        except InputError as error:
            self.notify(f"{error}.", severity="error")
            return
        self.open_session(session, None)
        self.save_now()  # on disk at once, or the one clear message why not

    def open_path(self, path: Path) -> None:
        try:
            session = self.store.load(path)
        except InputError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.open_session(session, path)

    def open_session(self, session: Session, path: Path | None) -> None:
        if self.wizard is not None:
            self.save_now()
        self.path = path
        self.wizard = Wizard(self.content, session, self._changed)
        self.open_wizard()

    def open_wizard(self) -> None:
        """Show the session where it was: its question, the review or the result."""
        assert self.wizard is not None
        self.sub_title = self.wizard.session.name
        unknown = self.wizard.session.unknown_answers
        if unknown:
            listed = ", ".join(f"{q} = {show_value(v)}" for q, v in unknown.items())
            self.notify(
                f"Kept {len(unknown)} answer(s) this version of the guidance does not know: "
                f"{listed}. They stay in the file but do not count.",
                severity="warning",
                timeout=12,
            )
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(QuestionScreen())
        if self.wizard.place == REVIEW:
            self.push_screen(_screens().ReviewScreen())
        elif self.wizard.place == RESULT:
            self.push_screen(_screens().ResultScreen())

    def _question_screen(self) -> QuestionScreen:
        """Close whatever lies over the question screen and return it."""
        while not isinstance(self.screen, QuestionScreen):
            self.pop_screen()
        return self.screen

    def show_question(self, question_id: str) -> None:
        assert self.wizard is not None
        self.wizard.go_to(question_id)
        self._question_screen().redraw()

    def _over_questions(self, screen: Screen[None]) -> None:
        self._question_screen()
        self.push_screen(screen)

    def show_review(self) -> None:
        assert self.wizard is not None
        self.wizard.show(REVIEW)
        self._over_questions(_screens().ReviewScreen())

    def show_result(self) -> None:
        assert self.wizard is not None
        self.wizard.show(RESULT)
        self._over_questions(_screens().ResultScreen())

    def show_costs(self) -> None:
        self.push_screen(_screens().CostsScreen())

    def show_cases(self) -> None:
        if not isinstance(self.screen, _screens().CasesScreen):
            self.push_screen(_screens().CasesScreen())

    def show_sources(self, cited: tuple[str, ...] = ()) -> None:
        if not isinstance(self.screen, _screens().SourcesScreen):
            self.push_screen(_screens().SourcesScreen(cited))

    def show_map(self) -> None:
        # Over whatever is showing: Back on the map returns there.
        self.push_screen(_screens().MapScreen())

    def back_to_questions(self) -> None:
        assert self.wizard is not None
        self.show_question(self.wizard.current)

    def follow_move(self, old: Path, new: Path, session: Session) -> None:
        """A session was renamed on the sessions screen: follow it if it is ours."""
        if self.wizard is not None and self.path == old:
            self.path = new
            self.wizard.adopt(session)
            self.sub_title = session.name

    def is_open(self, path: Path) -> bool:
        return self.wizard is not None and self.path == path

    def show_export(self) -> None:
        assert self.wizard is not None

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Wrote {path}")

        self.push_screen(
            _screens().ExportScreen(
                self.content, self.wizard.session, self.export_folder, self.settings.export_format
            ),
            written,
        )

    def action_sessions(self) -> None:
        screens = _screens()
        if not isinstance(self.screen, screens.SessionsScreen | screens.HelpScreen):
            self.push_screen(screens.SessionsScreen())

    def format_title(self, title: str, sub_title: str) -> TextualContent:
        if not sub_title:
            return TextualContent(title)
        return TextualContent.assemble(title, f" {self.glyphs.dash} ", (visible(sub_title), "dim"))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every message is plain text: most quote a name, a note or a path,
        which must show as typed, never as markup or raw control characters."""
        super().notify(
            visible(message, lines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_key_display(self, binding: Binding) -> str:
        display = super().get_key_display(binding)
        return ascii_key(display) if self.ascii_only else display

    # Help and the command palette --------------------------------------------------

    def action_help(self) -> None:
        help_screen = _screens().HelpScreen
        if not isinstance(self.screen, help_screen):
            self.push_screen(help_screen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Sessions", "Open, rename, duplicate, delete, compare", self.action_sessions
        )
        yield SystemCommand(
            "Published cases", "What real teams chose, and how it went", self.show_cases
        )
        yield SystemCommand(
            "Sources",
            "Every cited source: title, publisher, address",
            partial(self.show_sources, getattr(screen, "cited_here", tuple)()),
        )
        if self.wizard is None or isinstance(screen, StartScreen | _screens().HelpScreen):
            return
        yield SystemCommand("Show the result", "Recommendation, reasons, costs", self.show_result)
        yield SystemCommand("Review answers", "Every answer on one screen", self.show_review)
        yield SystemCommand("Flowchart map", "The decision path drawn", self.show_map)
        yield SystemCommand(
            "Export to Markdown", "A summary or a decision record", self.show_export
        )
        for number, question_id in enumerate(self.wizard.steps, start=1):
            question = self.content.questions[question_id]
            yield SystemCommand(
                f"Go to {number}. {question.title}",
                question.prompt,
                partial(self.show_question, question_id),
                discover=False,
            )
