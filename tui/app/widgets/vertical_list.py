"""An option list that only moves up and down."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from tui.app.patches.option_list import SteadyOptionList


class VerticalList(SteadyOptionList, inherit_bindings=False):
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

    def __init__(
        self, *, id: str | None = None, on_highlight: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(id=id)
        self.on_highlight = on_highlight

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        # The OptionHighlighted message is handled only after the next frame, so
        # whatever follows a highlight from it costs a second frame (and a slow
        # link pays for both); the callback lands in the same one.
        if self.on_highlight is not None and highlighted is not None:
            option_id = self.get_option_at_index(highlighted).id
            if option_id is not None:
                self.on_highlight(option_id)
