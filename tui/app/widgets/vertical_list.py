"""An option list that only moves up and down."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.geometry import Size
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

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Options are wrapped to the width, so a new width makes them stale:
        # wrapped again here, so that the height they now take is part of this
        # layout rather than found while it is drawn.
        rewrap = size.width != self._size.width
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if rewrap:
            self._clear_caches()
            self._update_lines()
        return resized

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]  # see #37
        # OptionList forgets its options on every resize and repaints: a second
        # frame after each answer, whose new number of choices changes the
        # list's height. The frame of the layout has drawn them already.
        event.prevent_default()
