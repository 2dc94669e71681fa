"""F1 / ?: every key that works on the screen beneath, and what that screen is for."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# Actions whose own descriptions are terse or generic, said for this app;
# a pair of actions the key bar would show as one shares a row.
DESCRIPTIONS = {
    "command_palette": "Command palette: jump to any question, the result, the map, a theme",
    "app.focus_next": "Move between parts of the screen",
    "app.focus_previous": "Move between parts of the screen",
    "cursor_up": "Move the highlight",
    "cursor_down": "Move the highlight",
    "page_up": "Move the highlight a page",
    "page_down": "Move the highlight a page",
    "select": "Pick or open the highlighted row",
}
ROW_OF = {
    "app.focus_previous": "app.focus_next",
    "cursor_down": "cursor_up",
    "page_down": "page_up",
}
# Keys any text box has, not this app's to explain.
LEFT_OUT = {"screen.copy_text", "first", "last"}


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="close")]

    def __init__(self, beneath: Screen) -> None:
        super().__init__()
        self.beneath = beneath

    def key_rows(self) -> list[tuple[str, str]]:
        """The keys of the screen beneath: one row per action, its keys together."""
        grouped: dict[str, list[str]] = {}
        described: dict[str, str] = {}
        # The screen's own keys first, then the app's, then the focused widget's.
        rank = {self.beneath: 0, self.app: 1}
        ordered = sorted(
            self.beneath.active_bindings.items(), key=lambda item: rank.get(item[1].node, 2)
        )
        for key, active in ordered:
            binding = active.binding
            if not binding.description or binding.system or binding.action in LEFT_OUT:
                continue
            if active.node not in rank and binding.action not in DESCRIPTIONS:
                continue  # a text box's own editing keys: not this app's to explain
            display = binding.key_display or self.app.get_key_display(binding)
            if binding.action.startswith("pick("):
                grouped.setdefault("pick", [])
                described["pick"] = "Pick a choice by its number"
                if key == "1":
                    grouped["pick"].append("1-9")
                continue
            row = ROW_OF.get(binding.action, binding.action)
            grouped.setdefault(row, []).append(display)
            described[row] = DESCRIPTIONS.get(row, binding.description)
        return [
            (" / ".join(dict.fromkeys(keys)), described[action]) for action, keys in grouped.items()
        ]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self.key_rows():
            table.add_row(keys, description)
        purpose = getattr(self.beneath, "HELP", "")
        with VerticalScroll(id="help-dialog"):
            yield Static(Text("Help", "bold"), id="help-title")
            if purpose:
                yield Static(purpose, id="help-purpose")
            yield Static(table, id="help-keys")
            yield Static(id="help-hint")

    def on_mount(self) -> None:
        # The keys in use, which a config file's [keys] may have changed.
        closing = [
            self.app.get_key_display(active.binding)
            for active in self.active_bindings.values()
            if active.binding.action == "close" and active.node is self
        ]
        self.query_one("#help-hint", Static).update(f"{', '.join(closing)}: close this help.")

    def action_close(self) -> None:
        self.dismiss(None)
