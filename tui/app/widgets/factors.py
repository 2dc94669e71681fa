"""The comparison factors panel: a row per factor, the rows the answers touch
marked, and in each the approach those answers favour."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive

from tui.app.glyphs import UNICODE, Glyphs
from tui.app.widgets.base import ContentWidget
from tui.core import contract
from tui.core.content import Content
from tui.core.decide.engine import Result, factor_leanings

SHORT_NAMES = {"prompting": "Prompt", "rag": "RAG", "fine-tuning": "FT", "hybrid": "Hybrid"}
RATING_STYLE = {"good": "green", "fair": "yellow", "poor": "red"}


class FactorTable(ContentWidget):
    """Ratings per approach, or (detailed) the sources' words for each cell."""

    result: reactive[Result | None] = reactive(None)

    def __init__(
        self,
        content: Content,
        glyphs: Glyphs = UNICODE,
        *,
        detailed: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(content, glyphs, id=id)
        self.detailed = detailed

    def _mark(self, rating: str) -> str:
        return {"good": self.glyphs.good, "fair": self.glyphs.fair, "poor": self.glyphs.poor}[
            rating
        ]

    def render(self) -> RenderableType:
        if self.result is None:
            return ""
        g = self.glyphs
        table = Table(
            box=getattr(box, g.box) if self.detailed else None,
            show_edge=self.detailed,
            pad_edge=False,
            expand=True,
            header_style="bold",
        )
        table.add_column("", width=1, no_wrap=True)
        table.add_column("Factor", ratio=2 if self.detailed else 3)
        for approach in contract.APPROACHES:
            if self.detailed:
                table.add_column(self.content.approaches[approach].name, ratio=2)
            else:
                table.add_column(SHORT_NAMES[approach], justify="center", no_wrap=True)
        for leaning in factor_leanings(self.content, self.result):
            factor = leaning.factor
            cells = []
            for approach in contract.APPROACHES:
                cell = factor.cells[approach]
                mark = self._mark(cell.rating)
                text = (
                    Text.assemble((mark, RATING_STYLE[cell.rating]), " ", cell.text)
                    if self.detailed
                    else Text(mark, RATING_STYLE[cell.rating])
                )
                if approach == leaning.favours:
                    text.stylize("reverse")
                cells.append(text)
            table.add_row(
                Text(g.touched if leaning.touched else "", "bold"),
                Text(factor.name, "bold" if leaning.touched else "dim"),
                *cells,
            )
        legend = Text.assemble(
            (g.good, "green"),
            " good  ",
            (g.fair, "yellow"),
            " fair  ",
            (g.poor, "red"),
            " poor   ",
            (g.touched, "bold"),
            " touched by your answers   ",
            ("reversed", "reverse"),
            ": what they favour",
            style="dim",
        )
        return Group(table, legend)
