"""--ascii: Textual's own drawing characters swapped for ASCII for the rest of
the process (ragft's glyphs and borders switch through the app's glyph set
and its -ascii class). ToggleButton lives in a private module."""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBar, ScrollBarRender


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbars of plain spaces: the thumb still shows, by its colour."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def use_ascii() -> None:
    """Swap Textual's own non-ASCII glyphs for the rest of the process (ragft's
    glyphs and borders switch through the app's glyph set and its -ascii class)."""
    from textual.widgets import RadioButton
    from textual.widgets._toggle_button import ToggleButton

    ScrollBar.renderer = AsciiScrollBarRender
    ToggleButton.BUTTON_LEFT = "["
    ToggleButton.BUTTON_RIGHT = "]"
    RadioButton.BUTTON_INNER = "*"
