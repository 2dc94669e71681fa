"""An OptionList that keeps its wrapped options through a resize: Textual's
private size hook and resize handler overridden."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList


class SteadyOptionList(OptionList):
    """Options rewrapped within the layout that changed the width, and not
    forgotten and repainted on the resize that follows."""

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

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]  # Textual's private handler
        # OptionList forgets its options on every resize and repaints: a second
        # frame after each answer, whose new number of choices changes the
        # list's height. The frame of the layout has drawn them already.
        event.prevent_default()
