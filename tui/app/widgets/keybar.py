"""The keys that work now, on one line."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

# The keys shown, as (key, as shown, description, enabled); and the command
# palette's (key, as shown, description), shown at the right.
Shown = tuple[tuple[tuple[str, str, str, bool], ...], tuple[str, str, str] | None]


class KeyBar(Widget):
    """Textual's Footer as a single widget. The Footer builds a widget per key
    and rebuilds them all whenever the bindings change, which was a fifth of the
    first paint; this renders the same keys as one line of text."""

    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}

    def __init__(self) -> None:
        super().__init__()
        self._places: list[tuple[int, int, str]] = []  # (start, end, key) for clicks
        self._drawn: Shown | None = None

    def on_mount(self) -> None:
        # At once, so new keys are drawn in the frame of the change that made them.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Textual says so more than once for one change (a focus change says it
        # at once and again after the next frame): a repaint only for new keys.
        if screen is self.screen and self._keys() != self._drawn:
            self.refresh()

    def _keys(self) -> Shown:
        """What the bar shows for the screen's bindings now."""
        active = self.screen.active_bindings
        palette = (
            active.get(self.app.COMMAND_PALETTE_BINDING)
            if self.app.ENABLE_COMMAND_PALETTE
            else None
        )
        keys: list[tuple[str, str, str, bool]] = []
        shown: set[str] = set()
        for key, (_node, binding, enabled, _tip) in active.items():
            if (
                not binding.show
                or binding.action in shown
                or (palette and binding is palette.binding)
            ):
                continue
            shown.add(binding.action)
            keys.append((key, self.app.get_key_display(binding), binding.description, enabled))
        if palette is None:
            return tuple(keys), None
        palette_key = (
            self.app.COMMAND_PALETTE_BINDING,
            self.app.get_key_display(palette.binding),
            palette.binding.description,
        )
        return tuple(keys), palette_key

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled")
        self._drawn = self._keys()
        keys, palette = self._drawn
        line = Text(no_wrap=True, overflow="crop")
        self._places = []
        for key, display, description, enabled in keys:
            start = len(line)
            line.append(f" {display} ", key_style if enabled else disabled_style)
            line.append(f"{description} ", description_style if enabled else disabled_style)
            self._places.append((start, len(line), key))
        if palette is not None:
            palette_key, display, description = palette
            tail = Text.assemble(
                (f" {display} ", key_style), (f"{description} ", description_style)
            )
            gap = self.size.width - line.cell_len - tail.cell_len
            if gap > 0:
                line.append(" " * gap)
                self._places.append((len(line), len(line) + len(tail), palette_key))
                line.append_text(tail)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
