"""The live score panel: a bar per approach, and what the highlighted choice would do."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from tui.app.glyphs import UNICODE, Glyphs
from tui.app.widgets.base import ContentWidget
from tui.core import contract
from tui.core.content import Content
from tui.core.decide.engine import Result

NAME_WIDTH = 12
TAIL_WIDTH = 12  # value and change, e.g. "0.80 ▲0.12"
SHORT_NAMES = {"prompting": "Prompt", "rag": "RAG", "fine-tuning": "FT", "hybrid": "Hybrid"}


def _score(value: float, *, short: bool = False) -> str:
    """0.62 as '0.62', or short as '.62' where columns are few (1.00 is '1.0')."""
    text = f"{value:.2f}"
    if short:
        return text[1:] if text.startswith("0") else text[:3]
    return text


class ScoreBars(ContentWidget):
    """The four approaches' fit as bars, with the preview of a highlighted choice.

    Bars show the evidence (what the answers say), not the final scores, whose
    rule lift would make a preview jump the wrong way when a rule stops holding;
    the recommended approach is marked, with the rule that settled it.
    """

    result: reactive[Result | None] = reactive(None)
    preview: reactive[Result | None] = reactive(None)

    def __init__(
        self,
        content: Content,
        glyphs: Glyphs = UNICODE,
        *,
        compact: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(content, glyphs, id=id)
        self.compact = compact

    def _change(self, approach: str, *, short: bool = False) -> Text:
        """The preview's change to an approach's score: ▲0.12 in the panel, +.12 on
        the strip, where a sign reads more plainly than an arrow beside a number."""
        if self.preview is None or self.result is None:
            return Text("")
        change = self.preview.evidence[approach] - self.result.evidence[approach]
        if abs(change) < 0.005:
            return Text("")
        g = self.glyphs
        if short:
            sign = "+" if change > 0 else "-"
            return Text(
                f" {sign}{_score(abs(change), short=True)}", "green" if change > 0 else "red"
            )
        return Text(
            f"{g.up if change > 0 else g.down}{_score(abs(change))}",
            "green" if change > 0 else "red",
        )

    def _previewing(self) -> bool:
        """Whether the highlighted choice would move any score."""
        return any(self._change(a).plain for a in contract.APPROACHES)

    def render(self) -> RenderableType:
        if self.result is None:
            return ""
        return self._strip() if self.compact else self._bars()

    def _strip(self) -> Text:
        """All four on one line, for narrow terminals, saying what the numbers are:
        the fit so far, or what picking the highlighted choice would make it.
        Fits 78 columns with every change."""
        assert self.result is not None
        shown = self.preview or self.result
        label = "If picked: " if self._previewing() else "Fit so far: "
        cells = []
        for approach in contract.APPROACHES:
            leading = approach == shown.recommendation
            cell = Text(SHORT_NAMES[approach] + " ", "bold" if leading else "")
            if approach in shown.excluded:
                cell.append("out", "dim italic")
            else:
                score = _score(shown.evidence[approach], short=True)
                cell.append(score, "bold green" if leading else "")
                cell.append_text(self._change(approach, short=True))
            cells.append(cell)
        return Text(label, "dim") + Text("  ").join(cells)

    def _bars(self) -> RenderableType:
        assert self.result is not None
        result, preview, g = self.result, self.preview, self.glyphs
        width = max(6, self.size.width - NAME_WIDTH - TAIL_WIDTH - 2)
        table = Table.grid(padding=(0, 1))
        table.add_column(width=NAME_WIDTH, no_wrap=True)
        table.add_column(width=width, no_wrap=True)
        table.add_column(width=TAIL_WIDTH, no_wrap=True)
        shown = preview or result
        for approach in contract.APPROACHES:
            name = self.content.approaches[approach].name
            leading = approach == shown.recommendation
            label = Text(name, "bold" if leading else "")
            if approach in shown.excluded:
                table.add_row(label, Text("ruled out", "dim italic"), Text(""))
                continue
            score = shown.evidence[approach]
            filled = round(score * width)
            bar = Text.assemble(
                (g.bar_full * filled, "bold" if leading else ""),
                (g.bar_empty * (width - filled), "dim"),
            )
            bar.stylize("green" if leading else "blue", 0, filled)
            tail = Text(f"{score:.2f} ")
            tail.append_text(self._change(approach))
            table.add_row(label, bar, tail)
        if shown.settled_by is not None:
            table.add_row(
                Text(""),
                Text(
                    f"{g.touched} {self.content.approaches[shown.recommendation].name}: "
                    "settled by a rule of the sources",
                    "dim italic",
                ),
                Text(""),
            )
        return table
