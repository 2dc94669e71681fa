"""An input for a whole number that leaves every other key to the screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from tui.app.patches.digits_input import DigitsOnlyInput


class NumberInput(DigitsOnlyInput, inherit_bindings=False):
    """Digits and editing keys only: letters and arrows stay the screen's
    (back, next, note...), so the wizard's keys work on a number question too."""

    BINDINGS = [
        Binding("backspace", "delete_left", "Delete the digit before the cursor", show=False),
        Binding("delete", "delete_right", "Delete the digit under the cursor", show=False),
        Binding("home", "home", "Go to the start", show=False),
        Binding("end", "end", "Go to the end", show=False),
        Binding("ctrl+u", "delete_left_all", "Clear the number", show=False),
        Binding("enter", "submit", "Submit the number", show=False),
    ]

    def __init__(
        self,
        *,
        id: str | None = None,
        placeholder: str = "",
        on_change: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(id=id, type="integer", placeholder=placeholder)
        self.on_change = on_change

    def watch_value(self, value: str) -> None:
        # The Changed message is handled only after the next frame, so what the
        # screen shows for a new number would cost a second frame; the callback
        # lands in the same one.
        if self.on_change is not None:
            self.on_change(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()
