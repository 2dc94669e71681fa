"""One repaint for one change: habits of Textual 8 that send the terminal a
second frame after a layout, and what ragft does about them.

After a layout, Textual sets each widget's new virtual size through a reactive
that asks for another layout, run on the next tick. That layout finds nothing
new, yet it repaints every widget that moved: on the question screen a full
second frame for each answer or Back (`benchmarks/relayout_repro.py` shows it
in ten lines). A layout that shows or hides a scrollbar asks for another in
the same way. And a widget that asks for a repaint while the layout runs (a
scrollbar whose thumb the new virtual size moved) is painted only on the next
tick, so the first frame shows it stale and the second corrects it.

A screen that resumes is laid out and painted, then asked for a full repaint:
two full frames where one will do; or, if its size is the same, repainted
before what changed while it was away is laid out. The widgets changed before
a full repaint still ask for theirs after it, a frame that shows nothing new.
And a screen underneath that is laid out again (on a resize, say) has the top
screen repaint in full, though the top screen hides it.
`OneFrameScreen` lays out until nothing more is asked for, then paints once,
with every repaint already asked for.
"""

from __future__ import annotations

from typing import Self

from textual import messages
from textual._time import get_time
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget

# The virtual sizes, a scrollbar shown or hidden, the choices wrapped to the
# width it leaves; a scrollbar that makes room that hides it again stops here.
MOST_LAYOUTS = 4


class OneFrameScreen(Screen[None]):
    """A screen that paints a change once it is laid out, in one frame."""

    _laying_out = False
    _full_repaint_follows = False
    _drawn_on_resume = False
    _painted_in_full_at = 0.0

    def _on_screen_resume(self) -> None:  # type: ignore[override]  # Textual's private handler
        # Runs before Screen's own handler, which lays out and paints a screen
        # whose size has changed (the first time, say) and then asks for a full
        # repaint. With a new size the layout's frame is the one, and soonest;
        # otherwise the full repaint is, laid out first, as what changed while
        # the screen was away may need it.
        if self.is_attached and self._size != self.app.size:
            self._drawn_on_resume = True
        else:
            self._full_repaint_follows = True
            self._layout_required = True

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._drawn_on_resume and not (regions or layout or recompose):
            self._drawn_on_resume = False
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self._laying_out = True
        try:
            super()._refresh_layout(size, scroll)
            for _ in range(MOST_LAYOUTS - 1):
                if not self._ask_for_layout_now():
                    break
                super()._refresh_layout(size)
        finally:
            self._laying_out = False
        if self._full_repaint_follows:
            self._full_repaint_follows = False
        elif self.is_current and not self.app._batch_count:
            self._compositor_refresh()

    def _laid_out(self) -> list[Widget]:
        """Every widget laid out, scrolled into view or not, and their
        scrollbars, shown or just hidden."""
        widgets = self._compositor.widgets
        return [*widgets, *(bar for widget in widgets for bar in widget._get_virtual_dom())]

    def _ask_for_layout_now(self) -> bool:
        """Take the layouts the last one asked for (Textual would run them on
        the next tick), as Textual takes them; whether there were any."""
        # The screen's own request is the layout just run.
        asking = [w for w in self._laid_out() if w._layout_required and w is not self]
        for widget in asking:
            widget._layout_required = False
            if isinstance(widget, ScrollBar):
                continue  # a thumb that moved needs only the repaint this frame gives it
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break
        return any(not isinstance(widget, ScrollBar) for widget in asking)

    async def _on_update(self, message: messages.Update) -> None:
        if message.time < self._painted_in_full_at:
            # Asked before the full repaint, which drew it as it is now.
            message.stop()
            message.prevent_default()

    def _compositor_refresh(self) -> None:
        if self._laying_out:
            return
        self._full_repaint_follows = False
        top = self.app.screen
        if top is not self and isinstance(top, OneFrameScreen):
            # Hidden under a screen that covers the terminal: nothing to show.
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            return
        if self.size.region in self._compositor._dirty_regions or self in self._dirty_widgets:
            self._painted_in_full_at = get_time()
        # Those out of view are drawn when scrolled to, as Textual would.
        pending = {widget for widget in self._laid_out() if widget._repaint_required}
        if pending:
            self._compositor.update_widgets(pending)
            for widget in pending:
                widget._repaint_required = False
        super()._compositor_refresh()
