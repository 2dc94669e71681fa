"""Every source the guidance and the case library cite, by id: title,
publisher, date, what it contributes and where to read it. The ones the
screen it was opened from cites come first."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from tui.app.screens.filtered import FilteredListScreen, moves
from tui.app.widgets.filter_input import FilterInput
from tui.app.widgets.keybar import KeyBar
from tui.core.content import Source
from tui.core.words.sources import find_sources


class SourcesScreen(FilteredListScreen):
    CSS_PATH = "sources.tcss"
    HELP = (
        "The sources behind every [id] on the other screens: the five articles the "
        "guidance started from, papers and vendor guides, and the case library's "
        "published decisions. Those the screen you came from cites come first, marked. "
        "Type to filter by id, title, publisher or date; Up and Down move."
    )
    BINDINGS = [Binding("escape", "close", "Back", id="sources-close"), *moves("sources-")]

    def __init__(self, cited: Iterable[str] = ()) -> None:
        super().__init__()
        self.cited = tuple(cited)
        self.shown: tuple[Source, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield FilterInput(placeholder="Type to filter: id, title, publisher, year…", id="filter")
        yield DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        yield Static(id="source-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Id", key="id", width=5)
        table.add_column("Publisher", key="publisher", width=24)
        # The title takes the width that is left, so the table never scrolls
        # sideways; the full title is in the detail below.
        table.add_column("Title", key="title", width=max(20, self.app.size.width - 41))
        self.query_one("#filter", Input).focus()
        self.show_filtered()

    def show_filtered(self) -> None:
        self.shown = find_sources(self.content, self.query_one("#filter", Input).value, self.cited)
        table = self.query_one(DataTable)
        table.clear()
        for source in self.shown:
            mark = f"{self.glyphs.bullet} " if source.id in self.cited else ""
            table.add_row(
                Text(f"{mark}{source.id}", "bold" if mark else ""),
                source.publisher,
                source.title,
                key=source.id,
            )
        self.highlighted()

    def highlighted(self) -> None:
        detail = self.query_one("#source-detail", Static)
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            detail.update(f"No source matches; {len(self.content.sources)} in all.")
            return
        source = self.shown[table.cursor_row]
        cited = (
            f"{self.glyphs.bullet} cited on the screen you came from · "
            if source.id in self.cited
            else ""
        )
        detail.update(
            Text.assemble(
                (f"[{source.id}] {source.title}", "bold"),
                f"\n{source.publisher}" + (f", {source.date}" if source.date else ""),
                f"\n{source.contributes}",
                (f"\n{source.url}" if source.url else "", "underline"),
                (f"\n{cited}{len(self.shown)} of {len(self.content.sources)} sources", "dim"),
            )
        )
