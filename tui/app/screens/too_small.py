"""Shown instead of a broken layout while the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18


class TooSmallScreen(ModalScreen[None]):
    CSS_PATH = "too_small.tcss"

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show(self.app.size.width, self.app.size.height)

    def show(self, width: int, height: int) -> None:
        self.query_one("#too-small", Static).update(
            f"Make the window at least {MIN_WIDTH}x{MIN_HEIGHT} "
            f"(it is {width}x{height} now). Ctrl+Q quits; nothing is lost."
        )
