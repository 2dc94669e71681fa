"""What each approach costs over the horizon (24 months unless changed): the
chart, the break-even in words, the table of the same numbers, the volumes
and figures the cheapest hangs on, and every assumption, each of which
the user can change (Enter) with the chart following at once."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from tui.app.base import EXPORT, RESULT, WizardScreen
from tui.app.screens.prompt import PromptScreen
from tui.app.widgets.cost_chart import CostChart
from tui.app.widgets.keybar import KeyBar
from tui.core import contract
from tui.core.decide.costs import Costs
from tui.core.store.session import parse_typed_assumption
from tui.core.words.cost_report import (
    assumption_rows,
    break_even_sentences,
    cost_header,
    cost_rows,
    figure,
    sensitivity_sentences,
    volume_sentences,
)

COLUMNS = (("Assumption", 44), ("Value", 16), ("From", 11))


def typed_figure(value: float, unit: str) -> str:
    """A figure as the user would type it: 2.5 for $2.50, 50% for a half, 1,000 otherwise."""
    if unit == "$":
        return f"{value:g}"
    return figure(value, unit if unit == "share" else "").strip()


def cost_table(header: list[str], rows: list[list[str]]) -> Table:
    table = Table(*header, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    return table


class CostsScreen(WizardScreen):
    CSS_PATH = "costs.tcss"
    HELP = (
        "The cumulative cost of each approach still open, month by month, from the cost "
        "model and your answers, with the months and the volumes at which one becomes "
        "cheaper than another, and the figures the cheapest hangs on. h changes how far "
        "ahead it looks (12 to 60 months). Every assumption below can be changed: "
        "highlight it and press Enter; an empty value goes back to the default."
    )
    BINDINGS = [
        Binding("escape,b,left", "back", "Back", id="costs-back"),
        Binding("h", "horizon", "Horizon", id="costs-horizon"),
        RESULT,
        EXPORT,
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        with VerticalScroll(id="costs-body"):
            yield CostChart(self.content, self.ragft.ascii_only, id="cost-chart")
            yield Static(id="break-even")
            yield Static(id="cost-table")
            yield Static(id="cost-volumes")
            yield Static("Assumptions (Enter to change one)", classes="section")
            yield DataTable(id="assumptions", cursor_type="row", zebra_stripes=True)
            yield Static(id="assumption-note")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#assumptions", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        self.redraw()
        table.focus()
        # Focus scrolls the table into view; the chart is what to see first.
        self.call_after_refresh(self.query_one("#costs-body").scroll_home, animate=False)

    def redraw(self) -> None:
        costs = self.wizard.costs
        self.query_one(CostChart).show(costs)
        sentences = break_even_sentences(self.content, costs)
        self.query_one("#break-even", Static).update(Text("\n".join(sentences), "bold"))
        rows = cost_rows(self.content, costs, self.wizard.result.recommendation)
        self.query_one("#cost-table", Static).update(cost_table(cost_header(costs), rows))
        hinges = [
            *volume_sentences(self.content, costs),
            *sensitivity_sentences(self.content, costs),
        ]
        self.query_one("#cost-volumes", Static).update(
            Text("\n".join(f"{self.glyphs.bullet} {line}" for line in hinges))
        )
        self._fill_assumptions(costs)

    def action_horizon(self) -> None:
        """The next horizon: 12, 24, 36, 48, 60 months, then 12 again."""
        horizons = contract.HORIZONS
        current = self.wizard.session.months
        later = [h for h in horizons if h > current]
        self.wizard.set_months(later[0] if later else horizons[0])
        self.redraw()
        self.notify(f"Costs over {self.wizard.session.months} months.", timeout=2)

    def _fill_assumptions(self, costs: Costs) -> None:
        table = self.query_one("#assumptions", DataTable)
        row = table.cursor_row
        table.clear()
        for ident, cells in zip(costs.values, assumption_rows(self.content, costs), strict=True):
            label, value, origin, _ = cells
            table.add_row(label.replace(f" (`{ident}`)", ""), value, origin, key=ident)
        table.move_cursor(row=min(row, table.row_count - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the table: what the highlighted figure is based on."""
        ident = event.row_key.value
        if ident is None:
            return
        assumption = self.content.assumptions[ident]
        parts = [
            assumption.note,
            f"checked {assumption.checked}",
            "[" + ", ".join(assumption.sources) + "]",
        ]
        line = Text(f"{ident}: ", "bold")
        line.append(" · ".join(p for p in parts if p))
        self.query_one("#assumption-note", Static).update(line)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        ident = event.row_key.value
        if ident is None:
            return
        assumption = self.content.assumptions[ident]
        current = self.wizard.costs.values[ident].value

        def keep(text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                self.wizard.set_assumption(ident, None)
            else:
                try:
                    value = parse_typed_assumption(text, assumption.maximum)
                except ValueError as error:
                    self.notify(f"{assumption.label}: {error}.", severity="warning")
                    return
                self.wizard.set_assumption(ident, value)
            self.redraw()

        self.app.push_screen(
            PromptScreen(
                assumption.label,
                typed_figure(current, assumption.unit),
                f"default {figure(assumption.default, assumption.unit)}",
                "Enter to keep · empty for the default · Escape to cancel",
            ),
            keep,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
