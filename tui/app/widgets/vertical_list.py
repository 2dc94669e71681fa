"""An option list that only moves up and down."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class VerticalList(OptionList, inherit_bindings=False):
    """OptionList without the sideways scrolling it inherits, so Left and Right
    stay the screen's keys (back and forward) and help lists them as such."""

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
