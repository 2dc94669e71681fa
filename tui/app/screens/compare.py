"""Two sessions side by side: the answers that differ, and both outcomes."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from tui.app.base import WizardScreen
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.scores import ScoreBars
from tui.core.content.labels import short_answer
from tui.core.decide.engine import Result, evaluate
from tui.core.store.session import Session
from tui.core.text import visible
from tui.core.words.result_sections import ROLE_STYLE


class CompareScreen(WizardScreen):
    CSS_PATH = "compare.tcss"
    HELP = (
        "Two sessions side by side: each one's recommendation and scores, and every "
        "question with both answers; the answers that differ are highlighted."
    )
    BINDINGS = [Binding("escape,b,left", "close", "Back", id="close")]

    def __init__(self, left: Session, right: Session) -> None:
        super().__init__()
        self.left = left
        self.right = right

    def compose(self) -> ComposeResult:
        left, right = (
            evaluate(self.content, self.left.answers),
            evaluate(self.content, self.right.answers),
        )
        yield Header(icon=self.glyphs.icon)
        with VerticalScroll(id="compare"):
            with Horizontal(id="outcomes"):
                for session, result, side in ((self.left, left, "a"), (self.right, right, "b")):
                    with Vertical(classes="outcome"):
                        yield Static(self._headline(session, result), classes="headline")
                        bars = ScoreBars(self.content, self.glyphs, id=f"bars-{side}")
                        bars.result = result
                        yield bars
            yield Static(self._answers(left, right), id="answers-table")
        yield KeyBar()

    def _headline(self, session: Session, result: Result) -> Text:
        return Text.assemble(
            (visible(session.name) or "(no name)", "bold underline"),
            "\nrecommends ",
            (self.content.approaches[result.recommendation].name, "bold"),
            " · ",
            (result.confidence, ROLE_STYLE[result.confidence]),
        )

    def differing(self) -> list[str]:
        """The questions answered differently (or by only one side)."""
        return [
            q
            for q in self.content.questions
            if self.left.answers.get(q) != self.right.answers.get(q)
        ]

    def _answers(self, left: Result, right: Result) -> Table:
        table = Table(expand=True, show_edge=False, header_style="bold")
        table.add_column("Question", ratio=2)
        for session in (self.left, self.right):
            table.add_column(Text(visible(session.name) or "(no name)"), ratio=3)
        differing = set(self.differing())
        for question_id, question in self.content.questions.items():
            cells = []
            for session, result in ((self.left, left), (self.right, right)):
                answer = session.answers.get(question_id)
                if answer is None:
                    cells.append(Text("—", "dim"))
                    continue
                cell = Text(short_answer(self.content, question_id, answer))
                if question_id in result.not_counted:
                    cell.append(" (not counted)", "dim")
                cells.append(cell)
            differs = question_id in differing
            marker = f"{self.glyphs.touched} " if differs else "  "
            table.add_row(
                Text(marker + question.title, "bold" if differs else "dim"),
                *cells,
                style="bold yellow" if differs else "dim",
            )
        return table

    def action_close(self) -> None:
        self.dismiss(None)
