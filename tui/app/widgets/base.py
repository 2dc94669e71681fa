"""What the live panels share: the content they draw from and the glyphs they draw with."""

from __future__ import annotations

from textual.widget import Widget

from tui.app.glyphs import UNICODE, Glyphs
from tui.core.content import Content


class ContentWidget(Widget):
    def __init__(
        self, content: Content, glyphs: Glyphs = UNICODE, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.content = content
        self.glyphs = glyphs
