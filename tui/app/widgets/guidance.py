"""Guidance for the chosen task category."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive

from tui.app.widgets.base import ContentWidget
from tui.core.content import Claim
from tui.core.text import cite


class UseCaseGuidance(ContentWidget):
    """When RAG, when fine-tuning, where a hybrid fits, and worked examples."""

    use_case: reactive[str | None] = reactive(None, layout=True)

    def _claims(self, text: Text, heading: str, claims: tuple[Claim, ...]) -> None:
        text.append(f"\n{heading}\n", "bold")
        for claim in claims:
            text.append(f" {self.glyphs.bullet} {claim.text}")
            text.append(f" {cite(claim.sources)}\n", "dim")

    def render(self) -> RenderableType:
        guidance = self.content.use_cases.get(self.use_case or "")
        if guidance is None:
            return Text("Answer the use-case question to see guidance for your task.", "dim")
        text = Text()
        text.append(f"{guidance.name}\n", "bold underline")
        text.append(guidance.summary.text)
        text.append(f" {cite(guidance.summary.sources)}\n", "dim")
        self._claims(text, "RAG when", guidance.when_rag)
        self._claims(text, "Fine-tuning when", guidance.when_fine_tuning)
        text.append("\nHybrid\n", "bold")
        text.append(f" {guidance.hybrid.text}")
        text.append(f" {cite(guidance.hybrid.sources)}\n", "dim")
        text.append("\nExamples\n", "bold")
        for example in guidance.examples:
            name = self.content.approaches[example.approach].name
            text.append(f" {self.glyphs.bullet} {name}: ", "bold")
            text.append(example.text)
            text.append(f" {cite(example.sources)}\n", "dim")
        text.rstrip()
        return text
