"""A one-line note attached to an answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Edit the note of the current question; Enter keeps it, Escape cancels."""

    CSS_PATH = "note.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.note_title = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Note on “{self.note_title}”", id="note-title")
            yield Input(self.note, placeholder="Why this answer? Who to ask?", id="note-input")
            yield Static("Enter to keep · empty to remove · Escape to cancel", id="note-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
