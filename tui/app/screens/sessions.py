"""Every saved session: filter, open, rename, duplicate, delete (undoable), compare."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static
from textual.worker import get_current_worker

from tui.app.screens.compare import CompareScreen
from tui.app.screens.filtered import FilteredListScreen, moves
from tui.app.screens.prompt import ConfirmScreen, PromptScreen
from tui.app.widgets.filter_input import FilterInput
from tui.app.widgets.keybar import KeyBar
from tui.core.errors import InputError
from tui.core.store.clock import now
from tui.core.store.listing import Summary, relative_time, summarize
from tui.core.store.storage import StorageError
from tui.core.text import visible


class SessionsScreen(FilteredListScreen):
    CSS_PATH = "sessions.tcss"
    HELP = (
        "Every saved session, newest first. Type to filter by name; Up and Down move; "
        "Enter opens. F2 renames, Ctrl+D duplicates, Ctrl+X moves to the trash (Ctrl+Z "
        "brings it back), Ctrl+E marks one session and then compares it with another. "
        "Files that cannot be read are listed with the reason and left untouched."
    )
    BINDINGS = [
        Binding("escape", "close", "Back", id="close"),
        *moves(),
        Binding("f2", "rename", "Rename", id="rename"),
        Binding("ctrl+d", "duplicate", "Duplicate", id="duplicate"),
        Binding("ctrl+x", "delete", "Delete", id="delete"),
        Binding("ctrl+z", "undo", "Undo delete", id="undo"),
        Binding("ctrl+e", "compare", "Compare", id="compare"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[Summary] = []
        self.shown: list[Summary] = []
        self.marked: Path | None = None
        self.trashed: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield FilterInput(placeholder="Type to filter by name", id="filter")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Name", key="name")
        table.add_column("Updated", key="updated")
        table.add_column("Recommends", key="recommends")
        table.add_column("Answered", key="answered")
        self.query_one("#filter", Input).focus()
        self.reload()

    def reload(self, select: Path | None = None) -> None:
        """Read the folder again, off the UI thread (thousands of sessions take
        seconds), then show what matches the filter."""
        self.query_one("#status", Static).update(
            f"Reading {len(self.ragft.store.files())} session files…"
        )
        self._read_folder(select)

    @work(thread=True, exclusive=True, group="read-sessions")
    def _read_folder(self, select: Path | None) -> None:
        summaries = [summarize(self.content, entry) for entry in self.ragft.store.entries()]
        # Unreadable files last: they cannot be opened, only read about.
        summaries.sort(key=lambda s: not s.readable)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._folder_read, summaries, select)

    def _folder_read(self, summaries: list[Summary], select: Path | None) -> None:
        self.summaries = summaries
        self.show_filtered(select)

    def show_filtered(self, select: Path | None = None) -> None:
        words = self.query_one("#filter", Input).value.casefold().split()
        self.shown = [s for s in self.summaries if all(w in s.name.casefold() for w in words)]
        table = self.query_one(DataTable)
        table.clear()
        moment = now()
        for summary in self.shown:
            marked = summary.path == self.marked
            if summary.readable:
                name = Text(visible(summary.name) or "(no name)", "bold" if marked else "")
                if marked:
                    name.append("  ◆ to compare", "italic")
                recommends = (
                    self.content.approaches[summary.recommendation].name
                    if summary.recommendation
                    else ""
                )
                table.add_row(
                    name,
                    relative_time(summary.updated, moment),
                    recommends,
                    f"{summary.answered} of {summary.applicable}",
                    key=str(summary.path),
                )
            else:
                table.add_row(
                    Text(f"{self.glyphs.cross} {visible(summary.name)}", "red"),
                    Text("cannot be read", "red"),
                    "",
                    "",
                    key=str(summary.path),
                )
        if select is not None:
            for row, summary in enumerate(self.shown):
                if summary.path == select:
                    table.move_cursor(row=row)
        self._status()

    def _status(self) -> None:
        unreadable = sum(1 for s in self.summaries if not s.readable)
        highlighted = self.current()
        if highlighted is not None and not highlighted.readable:
            self.query_one("#status", Static).update(
                Text(
                    visible(f"{highlighted.path.name} cannot be read: {highlighted.problem}"),
                    "red",
                )
            )
            return
        parts = [f"{len(self.shown)} of {len(self.summaries)} sessions"]
        if unreadable:
            parts.append(f"{unreadable} cannot be read (left untouched)")
        if self.marked is not None:
            parts.append(f"comparing {self.marked.name}: pick another and press Ctrl+E")
        if self.trashed:
            parts.append(f"Ctrl+Z restores {self.trashed[-1].name}")
        self.query_one("#status", Static).update(Text(visible(" · ".join(parts))))

    def current(self) -> Summary | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _readable(self) -> Summary | None:
        summary = self.current()
        if summary is None:
            self.notify("No session here.")
            return None
        if not summary.readable:
            self.notify(
                f"{summary.path.name} cannot be read: {summary.problem}", severity="warning"
            )
            return None
        return summary

    # Events and actions ----------------------------------------------------------

    def highlighted(self) -> None:
        self._status()

    def action_open(self) -> None:
        summary = self._readable()
        if summary is not None:
            self.ragft.open_path(summary.path)

    def action_rename(self) -> None:
        summary = self._readable()
        if summary is None:
            return

        def rename(name: str | None) -> None:
            if name is None or name == summary.name:
                return
            try:
                saved = self.ragft.store.rename(summary.path, name)
            except (StorageError, InputError) as error:
                self.notify(str(error), severity="error")
                return
            self.ragft.follow_move(summary.path, saved.path, saved.session)
            self.reload(select=saved.path)

        self.app.push_screen(
            PromptScreen(
                "Rename session", summary.name, "A name", "Enter to rename · Escape to cancel"
            ),
            rename,
        )

    def action_duplicate(self) -> None:
        summary = self._readable()
        if summary is None:
            return
        try:
            saved = self.ragft.store.duplicate(summary.path)
        except (StorageError, InputError) as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Duplicated as “{saved.session.name}”.")
        self.reload(select=saved.path)

    def action_delete(self) -> None:
        summary = self.current()
        if summary is None:
            return
        if self.ragft.is_open(summary.path):
            # Its next autosave would bring the file straight back.
            self.notify("That session is open here; open another before deleting it.")
            return

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.trashed.append(self.ragft.store.trash(summary.path))
            except StorageError as error:
                self.notify(str(error), severity="error")
                return
            if self.marked == summary.path:
                self.marked = None
            self.notify(f"Moved “{summary.name}” to the trash. Ctrl+Z brings it back.")
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete “{summary.name}”?",
                f"{summary.path.name} moves to the trash folder; Ctrl+Z brings it back.",
            ),
            delete,
        )

    def action_undo(self) -> None:
        if not self.trashed:
            self.notify("Nothing to undo.")
            return
        try:
            restored = self.ragft.store.restore(self.trashed[-1])
        except StorageError as error:
            self.notify(str(error), severity="error")
            return
        self.trashed.pop()
        self.notify(f"Restored {restored.name}.")
        self.reload(select=restored)

    def action_compare(self) -> None:
        summary = self._readable()
        if summary is None:
            return
        if self.marked is None or self.marked == summary.path:
            self.marked = None if self.marked == summary.path else summary.path
            self.show_filtered(select=summary.path)
            return
        store = self.ragft.store
        try:
            left, right = store.read(self.marked), store.read(summary.path)
        except InputError as error:
            self.notify(str(error), severity="error")
            return
        self.marked = None
        self.show_filtered(select=summary.path)
        self.app.push_screen(CompareScreen(left, right))
