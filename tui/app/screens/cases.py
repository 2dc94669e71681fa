"""The library of published decisions: filter it, and open any case's full
record and source. With a session open, the cases nearest to its answers
come first, each with how near it is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Input, Static

from tui.app.base import WizardScreen
from tui.app.screens.filtered import FilteredListScreen, moves
from tui.app.widgets.filter_input import FilterInput
from tui.app.widgets.keybar import KeyBar
from tui.core.content import Case
from tui.core.decide.precedents import case_record, find_cases, nearest, task_of

COLUMNS = (
    ("Year", "year", 4),
    ("Chose", "chose", 11),
    ("Organisation", "who", 20),
    ("Task", "task", 24),
)


class CasesScreen(FilteredListScreen):
    CSS_PATH = "cases.tcss"
    HELP = (
        "Decisions that teams, vendors and researchers published: what they chose and "
        "what they reported. Type to filter by organisation, title, task, approach or "
        "year; Up and Down move; Enter opens the full record with its source. With a "
        "session open, the cases nearest to your answers come first."
    )
    BINDINGS = [
        Binding("escape", "close", "Back", id="cases-close"),
        *moves("cases-"),
        Binding("enter", "open", "Open", id="cases-open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shown: tuple[Case, ...] = ()
        self.nearness: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield FilterInput(placeholder="Type to filter: organisation, task, approach…", id="filter")
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield Static(id="case-status")
        yield KeyBar()

    def on_mount(self) -> None:
        wizard = self.ragft.wizard
        if wizard is not None:
            counted = wizard.result.counted
            found = nearest(self.content, counted, count=len(self.content.cases))
            self.nearness = {p.case.id: p.similarity for p in found}
        table = self.query_one(DataTable)
        if self.nearness:
            table.add_column("Near", key="near")
        # Fixed widths: a long organisation is cut, rather than the table growing
        # sideways past 80 columns.
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self.query_one("#filter", Input).focus()
        self.show_filtered()

    def show_filtered(self) -> None:
        found = find_cases(self.content, self.query_one("#filter", Input).value)
        if self.nearness:
            found = tuple(sorted(found, key=lambda c: -self.nearness[c.id]))
        self.shown = found
        table = self.query_one(DataTable)
        table.clear()
        for case in found:
            cells: list[str | Text] = []
            if self.nearness:
                cells.append(f"{self.nearness[case.id]:.0%}")
            cells += [
                str(case.year),
                Text(self.content.approaches[case.chose].name, "bold"),
                case.organisation,
                task_of(self.content, case),
            ]
            table.add_row(*cells, key=case.id)
        self.highlighted()

    def current(self) -> Case | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def highlighted(self) -> None:
        case = self.current()
        count = f"{len(self.shown)} of {len(self.content.cases)} cases"
        status = self.query_one("#case-status", Static)
        if case is None:
            status.update(f"{count}: none match the filter")
            return
        status.update(Text.assemble((case.title, "bold"), f"\n{count} · Enter: the full record"))

    def action_open(self) -> None:
        case = self.current()
        if case is None:
            self.notify("No case matches the filter.")
            return
        self.app.push_screen(CaseScreen(case))


class CaseScreen(WizardScreen):
    """One published decision, whole: situation, choice, outcome, answers, source."""

    CSS_PATH = "cases.tcss"
    HELP = (
        "One published decision: the situation as its source states it, what was chosen, "
        "the outcome reported, the situation as answers to ragft's questions (only what "
        "the source says), and where it was published."
    )
    BINDINGS = [Binding("escape,b,left", "close", "Back", id="case-close")]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        with VerticalScroll(id="case-record"):
            yield Static(id="case-title")
            yield Static(id="case-body")
        yield KeyBar()

    def on_mount(self) -> None:
        case = self.case
        self.query_one("#case-title", Static).update(
            Text.assemble((f"{case.organisation}, {case.year}", "bold"), f"\n{case.title}")
        )
        body = Text()
        for heading, text in case_record(self.content, case):
            body.append(f"{heading}\n", "bold underline")
            body.append(f"{text}\n\n")
        body.rstrip()
        self.query_one("#case-body", Static).update(body)
        self.query_one("#case-record", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
