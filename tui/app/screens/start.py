"""The first screen: start a new decision, resume the last one, or open another."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Input, Static

from tui.app.base import WizardScreen
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.steady_input import SteadyInput
from tui.core.store.clock import now
from tui.core.store.listing import relative_time
from tui.core.text import visible

DEFAULT_NAME = "Untitled decision"

INTRO = (
    "Decide how to adapt an LLM to your product: better prompting, RAG, fine-tuning, "
    "or a hybrid. Answer a few questions from the decision flowchart; the scores and "
    "the comparison follow every answer, and each step cites its sources."
)


class StartScreen(WizardScreen):
    CSS_PATH = "start.tcss"
    HELP = (
        "Name a new decision and press Enter to start it, resume the session you "
        "changed last, or open any saved session."
    )
    BINDINGS = [
        Binding("ctrl+r", "resume", "Resume last", id="resume"),
        Binding("ctrl+o", "app.sessions", "Open saved", id="open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.recent: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        with Vertical(id="start"):
            yield Static(Text("ragft", "bold"), id="logo")
            yield Static(Text("prompting · RAG · fine-tuning · hybrid"), id="tagline")
            yield Static(INTRO, id="intro")
            yield Static("Name of the new decision", id="name-label")
            yield SteadyInput(placeholder="e.g. Support bot", id="name")
            yield Static(id="start-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        store = self.ragft.store
        recent = store.most_recent()
        self.recent = recent[0] if recent else None
        hint = Text("Enter to start a new decision", "dim")
        if recent is not None:
            session = recent[1]
            hint.append("\nCtrl+R ", "bold")
            hint.append(
                f"resume “{visible(session.name)}”, {relative_time(session.updated, now())}"
            )
        files = len(store.files())
        if files:
            hint.append("\nCtrl+O ", "bold")
            hint.append(f"open a saved session ({files} in the folder)")
        self.query_one("#start-hint", Static).update(hint)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.recent is not None
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.ragft.start_session(event.value.strip() or DEFAULT_NAME)

    def action_resume(self) -> None:
        if self.recent is not None:
            self.ragft.open_path(self.recent)
