"""The path through the flowchart so far, trimmed from the left to fit."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive

from tui.app.widgets.base import ContentWidget
from tui.core.content.labels import short_answer
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
        separator = Text(self.glyphs.crumb, "dim")
        line = separator.join(parts)
        width = self.size.width
        # Keep the end of the path, which is where the user is, dropping whole
        # steps from the left so no title is cut mid-word.
        while width and line.cell_len > width and len(parts) > 1:
            parts.pop(0)
            line = Text("…", "dim") + separator + separator.join(parts)
        if width and line.cell_len > width:  # the current step alone is too long
            line = line[: width - 1] + Text("…", "dim")
        return line
