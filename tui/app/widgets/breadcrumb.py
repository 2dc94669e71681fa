"""The path through the flowchart so far, trimmed from the left to fit."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive

from tui.app.widgets.base import ContentWidget
from tui.core.labels import short_answer
from tui.core.wizard import Crumb


class Breadcrumb(ContentWidget):
    crumbs: reactive[tuple[Crumb, ...]] = reactive(())

    def render(self) -> RenderableType:
        parts = []
        for index, crumb in enumerate(self.crumbs):
            current = index == len(self.crumbs) - 1
            answer = (
                "?"
                if crumb.answer is None
                else short_answer(self.content, crumb.question.id, crumb.answer)
            )
            parts.append(
                Text.assemble(
                    (f"{crumb.question.title}: ", "bold" if current else "dim"),
                    (answer, "bold reverse" if current else ""),
                )
            )
        line = Text(self.glyphs.crumb, "dim").join(parts)
        width = self.size.width
        if width and line.cell_len > width:
            # Keep the end of the path, which is where the user is.
            line = Text("…", "dim") + line[line.cell_len - width + 1 :]
        return line
