"""An input that takes digits and leaves every other printable key to the
screen: Input's private key handler overridden."""

from __future__ import annotations

from textual import events

from tui.app.widgets.steady_input import SteadyInput


class DigitsOnlyInput(SteadyInput):
    """Only digits are typed in; a letter goes on to the screen's bindings."""

    async def _on_key(self, event: events.Key) -> None:
        # Input's own handler swallows every printable key; only digits are ours.
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()
