"""A text input whose cursor does not blink."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class SteadyInput(Input):
    """Input with a steady cursor: a blinking one repaints twice a second for
    as long as it has focus, which a user over a slow link pays for in bytes
    and a screen reader in noise."""

    cursor_blink = reactive(False, init=False)
