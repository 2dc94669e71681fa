"""Checking a whole content folder against the decision model: every file's
records, and the references between them. The reading of each file lives in
tui/core/content/readers/; this class puts the readers together."""

from __future__ import annotations

from tui.core.content.readers.base import CONTENT_FILES
from tui.core.content.readers.cases import CasesReader
from tui.core.content.readers.guidance import GuidanceReader
from tui.core.content.readers.prices import PricesReader
from tui.core.content.readers.questions import QuestionsReader
from tui.core.content.readers.rules import RulesReader

__all__ = ["CONTENT_FILES", "ContentReader"]


class ContentReader(QuestionsReader, RulesReader, GuidanceReader, PricesReader, CasesReader):
    """Reads a whole content folder, sharing what each file defines with the next."""
