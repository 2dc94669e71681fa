"""Where the sources disagree: both sides, each with its sources."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.app.glyphs import Glyphs
from tui.core.content import Content, Disagreement


def disagreements_text(
    content: Content, disagreements: Iterable[Disagreement], glyphs: Glyphs
) -> Text:
    text = Text()
    for disagreement in disagreements:
        text.append(f"{disagreement.topic}\n", "bold")
        for side in disagreement.sides:
            name = content.approaches[side.favours].name
            text.append(f" {glyphs.bullet} For {name}: ", "bold")
            text.append(side.position)
            text.append(" [" + ", ".join(side.sources) + "]\n", "dim")
        text.append(f" {disagreement.resolution}\n", "italic")
    text.rstrip()
    return text
