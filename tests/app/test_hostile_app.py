"""Hostile input in the wizard (issue 16, defect 1): markup in whatever a user
typed or a file holds is shown as typed on every screen, never parsed, and a
session holding it opens again."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widget import Widget
from textual.widgets import Static

from tests.support.app_helpers import CONTENT, wizard
from tui.app.app import RagftApp
from tui.app.screens.export import ExportScreen
from tui.app.screens.flowmap import MapScreen
from tui.app.screens.prompt import PromptScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.result import ResultScreen
from tui.app.screens.review import ReviewScreen
from tui.app.screens.sessions import SessionsScreen
from tui.core.store.session import Session
from tui.core.store.storage import Store

MARKUP = ["[/x] hi", "[bold red]loud", "[@click=app.quit]quit[/]", "[link=https://e.example]x"]
NOTE = " ".join(MARKUP)
NAME = "[/x] plan [link=https://e.example]click[/link]"


def screen_text(app: RagftApp) -> str:
    """Everything the current screen shows, as plain text."""
    console = Console(file=io.StringIO(), width=200, color_system=None, record=True)
    for widget in app.screen.query(Widget):
        if isinstance(widget, Static):
            console.print(widget.render())
    return console.export_text()


def saved_hostile_session() -> tuple[Store, Session, Path]:
    store = Store(CONTENT)
    session = Session(
        name=NAME,
        answers={"problem": "knowledge"},
        notes={"problem": NOTE},
        unknown_answers={"ghost": "[/x]", "[bold]key": "v"},
        position="problem",
        id="hostile",
    )
    saved = store.save(session)
    return store, saved.session, saved.path


async def test_a_typed_note_with_markup_is_kept_and_shown_as_typed() -> None:
    store, _, path = saved_hostile_session()
    app = RagftApp(CONTENT, store, store.load(path), path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("ctrl+u", *"[/y] [@click=app.quit]", "enter")
        await pilot.pause()
        assert wizard(app).session.notes["problem"] == "[/y] [@click=app.quit]"
        assert "[/y] [@click=app.quit]" in str(app.screen.query_one("#note", Static).render())
        assert app.is_running
    assert "[/y] [@click=app.quit]" in path.read_text()


async def test_a_session_full_of_markup_opens_on_every_screen() -> None:
    store, session, path = saved_hostile_session()
    app = RagftApp(CONTENT, store, store.load(path), path)
    notices: list[str] = []
    notify = app.notify

    def record(message, *args, **kwargs):
        notices.append(message)
        return notify(message, *args, **kwargs)

    app.notify = record
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("ghost" in notice and "[/x]" in notice for notice in notices)
        shown = screen_text(app)
        assert all(piece in shown for piece in MARKUP), shown
        walk = [
            ("v", ReviewScreen, [NAME, "ghost", "[/x]", "[bold]key"]),
            ("x", ExportScreen, []),
            ("escape", ReviewScreen, [NAME]),
            ("r", ResultScreen, [NAME]),
            ("m", MapScreen, [NAME]),
            ("escape", ResultScreen, [NAME]),  # back where the map was opened
            ("escape", QuestionScreen, MARKUP),
            ("ctrl+o", SessionsScreen, [NAME]),
        ]
        for key, screen, pieces in walk:
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause(0.2)  # the sessions screen reads in a worker
            assert isinstance(app.screen, screen), key
            shown = screen_text(app)
            assert all(piece in shown for piece in pieces), (key, shown)
        assert app.is_running
    reopened = store.load(path)
    assert (reopened.name, reopened.notes) == (NAME, session.notes)
    assert reopened.unknown_answers == session.unknown_answers


def test_plain_mode_shows_markup_as_typed_and_makes_no_link(plain):
    saved_hostile_session()
    program = plain("--plain", "open", NAME)
    program.wait_for(b"Step 1 of")
    program.lines("v", "r", "q")
    assert program.gone_within(5) == 0
    text = program.text()
    assert "Traceback" not in text
    assert NAME in text and "ghost" in text
    assert b"\x1b]8;" not in bytes(program.output)  # no OSC 8 hyperlink


def test_plain_export_to_a_bad_path_is_one_line_and_asks_before_overwriting(plain, tmp_path):
    target = tmp_path / "out.md"
    program = plain("--plain", "new", "paths")
    program.wait_for(b"Step 1 of")
    program.lines("1", "x", "s", str(tmp_path / ("x" * 300)))
    program.lines("x", "s", "~no-such-user-here/x.md")
    program.lines("x", "s", str(target))
    program.wait_for(b"Wrote")
    target.write_text("kept")
    program.lines("x", "s", str(target), "n")
    assert target.read_text() == "kept"
    program.lines("x", "s", str(target), "y", "q")
    assert program.gone_within(5) == 0
    said = " ".join(program.text().split())  # the console wraps long lines
    assert "Traceback" not in said
    assert ": the name is too long" in said and "'~no-such-user-here': no such user" in said
    assert said.count("It exists; overwrite?") == 2
    assert target.read_text().startswith("# paths")


async def test_the_export_screen_says_what_is_wrong_with_a_path(tmp_path) -> None:
    store, _, path = saved_hostile_session()
    app = RagftApp(CONTENT, store, store.load(path), path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v", "x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        existing = tmp_path / "there.md"
        existing.write_text("kept")
        for typed, said in [
            ("~no-such-user-here/x.md", "no such user"),
            (str(tmp_path / ("x" * 300)), "the name is too long"),
            (str(existing), "exists; tick Overwrite to replace it."),
        ]:
            field = app.screen.query_one("#path")
            field.value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            assert said in str(app.screen.query_one("#export-error", Static).render())
        assert existing.read_text() == "kept"
