"""Sessions in the app: autosave, resume, the sessions screen, compare."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.support.app_helpers import CONTENT, make_app, new_app, wizard
from tests.support.scenes import SAVED, settle, with_saved_sessions
from tui.app.screens.compare import CompareScreen
from tui.app.screens.prompt import ConfirmScreen, PromptScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.sessions import SessionsScreen
from tui.core.store.storage import StorageError, Store


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, letting each finish (the sessions screen reads in a worker)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def on_disk(app) -> dict:
    return dict(Store(CONTENT).load(app.path).answers)


async def test_every_answer_and_note_is_saved_at_once():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "3")
        assert on_disk(app) == {"problem": "both"}
        await press(pilot, "e", *"check with legal", "enter")
        stored = Store(CONTENT).load(app.path)
        assert dict(stored.notes) == {"use_case": "check with legal"}
        assert stored.position == "use_case"


async def test_reopening_resumes_at_the_step_the_user_was_on():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "2")  # three answers
        await pilot.pause()
        where = wizard(app).current
        path = app.path
    store = Store(CONTENT)
    reopened = type(app)(CONTENT, store, store.load(path), path)
    async with reopened.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(reopened.screen, QuestionScreen)
        assert wizard(reopened).current == where
        assert len(wizard(reopened).session.answers) == 3


async def test_a_failing_disk_keeps_the_session_usable_and_says_so_once(monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.path.read_bytes()

        def refuse(*args, **kwargs):
            raise StorageError("cannot save demo.toml: read-only file system")

        errors: list[str] = []
        notify = app.notify

        def record(message, *args, severity="information", **kwargs):
            if severity == "error":
                errors.append(message)
            return notify(message, *args, severity=severity, **kwargs)

        monkeypatch.setattr(app.store, "save", refuse)
        monkeypatch.setattr(app, "notify", record)
        await press(pilot, "1", "1")
        assert dict(wizard(app).session.answers) == {
            "problem": "knowledge",
            "use_case": "question_answering",
        }
        assert len(errors) == 1 and "read-only file system" in errors[0]
        assert app.path.read_bytes() == before
        monkeypatch.undo()
        await press(pilot, "1")
        assert len(on_disk(app)) == 3  # saved again once the disk is back


async def test_start_screen_resumes_the_most_recent_session():
    app = with_saved_sessions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hint = str(app.screen.query_one("#start-hint", Static).content)
        assert "resume “" in hint and "4 in the folder" in hint
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).session.name in set(SAVED)


async def test_sessions_screen_lists_filters_and_opens():
    app = with_saved_sessions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o")
        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4  # three sessions and the unreadable file
        await press(pilot, *"triage")
        assert table.row_count == 1
        await press(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).session.name == "Ticket triage"


async def test_unreadable_file_is_listed_and_cannot_be_opened():
    app = with_saved_sessions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o", *"broken")
        status = str(app.screen.query_one("#status", Static).content)
        assert "broken.toml cannot be read: invalid TOML" in status
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionsScreen)


async def test_rename_duplicate_delete_and_undo():
    app = with_saved_sessions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o")
        screen = app.screen
        names = lambda: [s.name for s in screen.summaries if s.readable]  # noqa: E731
        await press(pilot, "f2")
        assert isinstance(app.screen, PromptScreen)
        await press(pilot, "ctrl+u", *"Bank bot", "enter")
        assert "Bank bot" in names() and "Banking chatbot" not in names()
        await press(pilot, "ctrl+d")
        assert "Bank bot (copy)" in names()
        count = len(names())
        await press(pilot, "ctrl+x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert len(names()) == count - 1
        await press(pilot, "ctrl+z")
        assert len(names()) == count


async def test_deleting_needs_confirmation():
    app = with_saved_sessions()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o", "ctrl+x", "n")
        assert len(app.screen.summaries) == 4


async def test_the_open_session_cannot_be_deleted_from_under_it():
    app = make_app({"problem": "both"})
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o", "ctrl+x")
        assert isinstance(app.screen, SessionsScreen)
        assert app.path.exists()


async def test_compare_two_sessions_highlights_the_differences():
    app = with_saved_sessions()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+o", "ctrl+e", "down", "ctrl+e")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert {screen.left.name, screen.right.name} == {"Banking chatbot", "Knowledge-base bot"}
        assert "problem" in screen.differing() and "use_case" not in screen.differing()
        headlines = " ".join(str(w.content) for w in screen.query(".headline").results(Static))
        assert "recommends Hybrid" in headlines and "recommends RAG" in headlines


async def test_new_session_from_the_start_screen_is_on_disk_at_once():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, *"Fresh", "enter")
        assert app.path is not None and app.path.exists()
        assert Store(CONTENT).load(app.path).name == "Fresh"


async def test_answers_the_guidance_no_longer_knows_are_reported_and_kept():
    from tui.app.screens.review import ReviewScreen

    store = Store(CONTENT)
    store.folder.mkdir(parents=True)
    path = store.folder / "older.toml"
    path.write_text('[answers]\nproblem = "both"\nvector_db = "pgvector"\n')
    warnings: list[str] = []
    app = type(new_app())(CONTENT, store, store.load(path), path)
    notify = app.notify

    def record(message, *args, severity="information", **kwargs):
        if severity == "warning":
            warnings.append(message)
        return notify(message, *args, severity=severity, **kwargs)

    app.notify = record
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "1", "v")
        assert any("vector_db = string 'pgvector'" in w for w in warnings)
        assert isinstance(app.screen, ReviewScreen)
        assert "vector_db = string 'pgvector'" in str(app.screen.query_one("#kept", Static).content)
    assert 'vector_db = "pgvector"' in path.read_text()


async def test_every_kind_of_unreadable_file_is_listed_beside_the_good_ones():
    from tests.core.test_storage import UNREADABLE

    app = with_saved_sessions()
    folder = app.store.folder
    for name, (body, _) in UNREADABLE.items():
        (folder / name).write_bytes(body)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+o")
        screen = app.screen
        assert {s.name for s in screen.summaries if s.readable} == set(SAVED)
        problems = {s.path.name: s.problem for s in screen.summaries if not s.readable}
        for name, (body, reason) in UNREADABLE.items():
            assert reason in problems[name]
            assert (folder / name).read_bytes() == body
        await press(pilot, *"Ticket", "enter")
        assert wizard(app).session.name == "Ticket triage"
