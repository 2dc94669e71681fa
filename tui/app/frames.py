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
`OneFrameScreen` lays out until nothing more is asked for, then paints once,
with every repaint already asked for.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget

# The virtual sizes, a scrollbar shown or hidden, the choices wrapped to the
# width it leaves; a scrollbar that makes room that hides it again stops here.
MOST_LAYOUTS = 4


class OneFrameScreen(Screen[None]):
    """A screen that paints a change once it is laid out, in one frame."""

    _laying_out = False

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
        if self.is_current and not self.app._batch_count:
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
            if isinstance(widget, ScrollBar):
                # A thumb that moved needs a repaint, which this frame gives it.
                widget._layout_required = False
                continue
            widget._layout_required = False
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break
        return any(not isinstance(widget, ScrollBar) for widget in asking)

    def _compositor_refresh(self) -> None:
        if self._laying_out:
            return
        # Those out of view are drawn when scrolled to, as Textual would.
        pending = {widget for widget in self._laid_out() if widget._repaint_required}
        if pending:
            self._compositor.update_widgets(pending)
            for widget in pending:
                widget._repaint_required = False
        super()._compositor_refresh()
