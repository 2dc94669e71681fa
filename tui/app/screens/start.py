"""The first screen: name a new decision and start."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static

from tui.app.base import WizardScreen

DEFAULT_NAME = "Untitled decision"

INTRO = (
    "Decide how to adapt an LLM to your product: better prompting, RAG, fine-tuning, "
    "or a hybrid. Answer a few questions from the decision flowchart; the scores and "
    "the comparison follow every answer, and each step cites its sources."
)


class StartScreen(WizardScreen):
    CSS_PATH = "start.tcss"
    HELP = "Name the decision you are about to make, then press Enter to start."

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(Text("ragft", "bold"), id="logo")
            yield Static(Text("prompting · RAG · fine-tuning · hybrid"), id="tagline")
            yield Static(INTRO, id="intro")
            yield Static("Name of the new decision", id="name-label")
            yield Input(placeholder="e.g. Support bot", id="name")
            yield Static("Enter to start · F1 help · Ctrl+Q quit", id="start-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.ragft.start_session(event.value.strip() or DEFAULT_NAME)
