"""The export dialog: format, where to write, and whether to overwrite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from tui.app.widgets.steady_input import SteadyInput
from tui.core.content import Content
from tui.core.errors import InputError
from tui.core.files import user_path
from tui.core.store.exports import ExportExists, default_file_name, write_export
from tui.core.store.session import Session
from tui.core.text import shown_path, visible
from tui.core.words.export import render

LABELS = {"summary": "Summary for a design doc", "adr": "Decision record (MADR 4)"}


class ExportScreen(ModalScreen[Path | None]):
    """Write the session as Markdown; dismisses with the path written."""

    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, content: Content, session: Session, folder: Path, fmt: str = "summary"
    ) -> None:
        super().__init__()
        self.content = content
        self.session = session
        self.folder = folder
        self.default_format = fmt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Export to Markdown", classes="dialog-title")
            with RadioSet(id="format"):
                for fmt, label in LABELS.items():
                    yield RadioButton(label, value=fmt == self.default_format, name=fmt)
            yield Static("Write to", classes="dialog-label")
            yield SteadyInput(
                visible(str(self.folder / default_file_name(self.session))), id="path"
            )
            yield Checkbox("Overwrite an existing file", id="overwrite")
            yield Static(id="export-error")
            with Horizontal(id="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def chosen_format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "summary"

    def export(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self.query_one("#export-error", Static).update("Give a file to write.")
            return
        text = render(self.content, self.session, self.chosen_format(), date.today())
        try:
            path = user_path(typed)
            write_export(path, text, overwrite=self.query_one(Checkbox).value)
        except ExportExists:
            self.query_one("#export-error", Static).update(
                Text(f"{shown_path(path)} exists; tick Overwrite to replace it.")
            )
            return
        except InputError as error:
            self.query_one("#export-error", Static).update(Text(visible(str(error))))
            return
        self.dismiss(path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.export()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
