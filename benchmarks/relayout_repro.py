"""Textual draws a widget's new size a frame late: each key here changes the
height of one Static, and the terminal receives two repaints for it (the
layout asks for another, which repaints the Static again). With --fixed
(`#a { height: 3; }`) it is one; with --one-frame, on ragft's OneFrameScreen
(tui/app/patches/one_frame.py), it is one too. benchmarks/run_all.py counts the repaints
in a real pseudo-terminal."""

import sys

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui.app.patches.one_frame import OneFrameScreen

TEXTS = ["one line", "two\nlines", "three\nlines\nnow"]


class Relayout(App[None]):
    CSS = "#a { height: 3; }" if "--fixed" in sys.argv else ""

    def get_default_screen(self) -> Screen:
        screen = OneFrameScreen if "--one-frame" in sys.argv else Screen
        return screen(id="_default")

    def compose(self) -> ComposeResult:
        yield Static(TEXTS[0], id="a")
        yield Static("below")

    def on_key(self) -> None:
        TEXTS.append(TEXTS.pop(0))
        self.query_one("#a", Static).update(TEXTS[0])


if __name__ == "__main__":
    Relayout().run()
