"""A one-line filter that leaves Ctrl keys to the screen around it."""

from __future__ import annotations

from textual.binding import Binding

from tui.app.widgets.steady_input import SteadyInput


class FilterInput(SteadyInput, inherit_bindings=False):
    """Plain editing keys only: Input's own Ctrl+D, Ctrl+E, Ctrl+X... would
    shadow the sessions screen's duplicate, compare and delete."""

    BINDINGS = [
        Binding("left", "cursor_left", "Cursor left", show=False),
        Binding("right", "cursor_right", "Cursor right", show=False),
        Binding("backspace", "delete_left", "Delete left", show=False),
        Binding("delete", "delete_right", "Delete right", show=False),
        Binding("home", "home", "Start of filter", show=False),
        Binding("end", "end", "End of filter", show=False),
        Binding("ctrl+u", "delete_left_all", "Clear the filter", show=False),
        Binding("enter", "submit", "Open", show=False),
    ]
