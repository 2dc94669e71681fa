"""What the screens that list things share: a filter line over a table, Up and
Down moving the table's cursor while typing goes to the filter, Enter opening."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.widgets import DataTable, Input

from tui.app.base import WizardScreen


def moves(prefix: str = "") -> list[Binding]:
    """The cursor keys of a list, with ids under `prefix` (each screen's own)."""
    return [
        Binding("up", "move(-1)", "Up", show=False, id=f"{prefix}up"),
        Binding("down", "move(1)", "Down", show=False, id=f"{prefix}down"),
        Binding("pageup", "move(-10)", "Page up", show=False, id=f"{prefix}page-up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id=f"{prefix}page-down"),
    ]


class FilteredListScreen(WizardScreen):
    """A subclass keeps what it lists in `shown`, redraws it in `show_filtered`,
    says what the highlighted row is in `highlighted` and opens it in `action_open`."""

    shown: Sequence[object] = ()

    def show_filtered(self) -> None:
        raise NotImplementedError

    def highlighted(self) -> None:
        """The cursor moved: say what is under it."""

    def action_open(self) -> None:
        """Enter on a row."""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_filtered()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.highlighted()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_move(self, rows: int) -> None:
        table = self.query_one(DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + rows)))

    def action_close(self) -> None:
        self.dismiss(None)
