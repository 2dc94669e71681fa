"""Where the sources disagree: both sides, each with its sources, in the words
of the result's own section (tui/core/words/result_sections.py)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.app.glyphs import Glyphs
from tui.core.content import Content, Disagreement
from tui.core.words.report import entry_text
from tui.core.words.result_sections import BULLET, LEAD, disagreement_entries


def disagreements_text(
    content: Content, disagreements: Iterable[Disagreement], glyphs: Glyphs
) -> Text:
    """One Text (the question screen's panel wraps it as one block)."""
    text = Text()
    for entry in disagreement_entries(content, disagreements):
        line = entry_text(entry, glyphs.marks)
        if entry.kind == LEAD:
            line.stylize("bold")
        elif entry.kind == BULLET:
            text.append(f" {glyphs.bullet} ", "bold")
        else:
            text.append(" ")
        text.append_text(line)
        text.append("\n")
    text.rstrip()
    return text
