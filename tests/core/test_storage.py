"""Sessions on disk: nothing answered is ever lost or corrupted."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.paths import REPO
from tui.cli import main
from tui.core.errors import InputError
from tui.core.store.clock import now
from tui.core.store.places import config_dir
from tui.core.store.session import SCHEMA_VERSION, Session, new_session
from tui.core.store.storage import StorageError, Store


@pytest.fixture
def store(content, isolated_config) -> Store:
    return Store(content)


def test_sessions_live_under_xdg_config_home(isolated_config, store):
    assert config_dir() == isolated_config / "ragft"
    assert store.folder == isolated_config / "ragft" / "sessions"


def test_round_trip_with_private_permissions(store):
    saved = store.create("Support bot")
    session = saved.session.with_answer("problem", "both").with_note("problem", "ask Sam")
    saved = store.save(session, saved.path)
    assert saved.path.parent == store.folder
    assert stat.S_IMODE(saved.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    loaded = store.load(saved.path)
    assert loaded.name == "Support bot"
    assert dict(loaded.answers) == {"problem": "both"}
    assert dict(loaded.notes) == {"problem": "ask Sam"}
    assert loaded.revision == 2 and loaded.updated is not None


HOSTILE = ["../../x", "con", "a/b\\c", "x" * 100, "🚀 launch 🚀", "..", "Q3/Q4 plan", "budget.toml"]
REFUSED = {
    "": "a session needs a name that is not blank",
    " ": "a session needs a name that is not blank",
    "\x00\x1b[31m": "a session name cannot hold control characters",
    "\x1b]2;pwned\x07": "a session name cannot hold control characters",
    "x" * 300: "a session name can be at most 100 characters (this one has 300)",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_inside_the_folder_and_work_by_name(store, name):
    saved = store.create(name)
    assert saved.path.parent == store.folder
    assert len(saved.path.name) < 80
    assert store.load(saved.path).name == name
    assert store.find(name) == saved.path


@pytest.mark.parametrize(("name", "reason"), REFUSED.items())
def test_unusable_names_are_refused_in_one_short_line(store, name, reason):
    with pytest.raises(InputError) as caught:
        store.create(name)
    message = str(caught.value)
    assert message.startswith(reason)
    assert "\n" not in message and "\x1b" not in message and len(message) < 200
    assert not store.folder.exists() or store.files() == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=120), st.text(max_size=120))
def test_two_names_never_share_a_file_and_each_works_by_name(store, first, second):
    try:
        one = store.create(first)
    except InputError:
        return
    try:
        two = store.create(second)
    except InputError:
        return
    assert one.path != two.path
    assert one.path.parent == two.path.parent == store.folder
    assert store.load(one.path).name == unicodedata.normalize("NFC", first.strip())
    for saved in (one, two):
        name = saved.session.name
        same = [p for p in store.files() if store.read(p).name.casefold() == name.casefold()]
        if len(same) == 1:
            assert store.find(name) == saved.path
    store.trash(one.path)
    store.trash(two.path)


def test_a_failed_write_leaves_the_old_file_intact(store, monkeypatch):
    saved = store.create("keep me")
    before = saved.path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(StorageError) as caught:
        store.save(saved.session.with_answer("problem", "both"), saved.path)
    assert "\n" not in str(caught.value)
    assert saved.path.read_bytes() == before
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from tui.core.content import load_content
    from tui.core.store.storage import Store
    store = Store(load_content())
    path = Path(sys.argv[1])
    session = store.load(path).with_answer("problem", "behavior")
    real_fsync = os.fsync
    def crash(fd):
        os._exit(9)  # the machine dies after the bytes went out, before the rename
    os.fsync = crash
    store.save(session, path)
    """
)


def test_a_real_crash_mid_write_leaves_the_old_file_intact(store):
    saved = store.save(store.create("crash test").session.with_answer("problem", "both"))
    before = saved.path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(saved.path)], cwd=REPO, env=os.environ, check=False
    )
    assert done.returncode == 9
    assert saved.path.read_bytes() == before
    assert [e.path for e in store.entries()] == [saved.path]  # the torn temp file is ignored


def test_full_disk_and_read_only_folder_keep_the_old_file(store, monkeypatch):
    saved = store.create("full disk")
    before = saved.path.read_bytes()
    for code, words in ((errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only")):

        def refuse(*args, _code=code, **kwargs):
            raise OSError(_code, os.strerror(_code))

        monkeypatch.setattr(os, "fsync", refuse)
        with pytest.raises(StorageError, match=words):
            store.save(saved.session.with_answer("problem", "both"), saved.path)
        assert saved.path.read_bytes() == before
        monkeypatch.undo()


def test_unwritable_folder_is_one_clear_error(content, tmp_path, monkeypatch):
    store = Store(content, tmp_path / "sessions")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StorageError) as caught:
        store.create("nowhere")
    assert str(caught.value) == f"cannot create {tmp_path / 'sessions'}: permission denied"


UNREADABLE = {
    "bad-toml.toml": (b"[answers\nproblem = 'x'", "invalid TOML"),
    "binary.toml": (bytes(range(256)), "not a text file"),
    "wrong-type.toml": (b'name = 3\n[answers]\nproblem = "both"\n', "name: expected text"),
    "future.toml": (b"schema_version = 99\n[answers]\n", "written by a newer ragft"),
    "not-a-session.toml": (b'title = "notes"\n', "no [answers] table"),
    "bad-notes.toml": (b"[answers]\n[notes]\nproblem = 4\n", "notes.problem: expected text"),
}


def test_unreadable_files_are_reported_and_left_untouched(store):
    good = store.save(store.create("good one").session.with_answer("problem", "both"))
    store.folder.mkdir(exist_ok=True)
    for name, (body, _) in UNREADABLE.items():
        (store.folder / name).write_bytes(body)
    entries = {e.path.name: e for e in store.entries()}
    assert entries[good.path.name].session is not None
    for name, (body, reason) in UNREADABLE.items():
        assert entries[name].session is None
        assert reason in entries[name].problem
        assert "\n" not in entries[name].problem
        assert (store.folder / name).read_bytes() == body


def test_an_unreadable_file_is_never_overwritten(store):
    saved = store.create("soon broken")
    saved.path.write_bytes(b"[answers\n")
    with pytest.raises(StorageError, match="cannot be read, so it was not overwritten"):
        store.save(saved.session.with_answer("problem", "both"), saved.path)
    assert saved.path.read_bytes() == b"[answers\n"


def test_schema_1_is_migrated_on_load_and_rewritten_only_on_save(store):
    store.folder.mkdir(parents=True)
    old = store.folder / "old.toml"
    body = b'schema_version = 1\nname = "Old one"\n\n[answers]\nproblem = "knowledge"\n'
    old.write_bytes(body)
    session = store.load(old)
    assert session.schema_version == SCHEMA_VERSION
    assert session.name == "Old one" and session.id
    assert session.id == store.load(old).id  # stable for an unchanged file
    assert old.read_bytes() == body
    store.save(session.with_answer("change_rate", "weekly"), old)
    text = old.read_text()
    assert f"schema_version = {SCHEMA_VERSION}" in text and 'change_rate = "weekly"' in text


def test_hand_written_file_with_only_answers_loads(store):
    store.folder.mkdir(parents=True)
    path = store.folder / "mine.toml"
    path.write_text('[answers]\nproblem = "both"\n')
    session = store.load(path)
    assert session.name == "mine" and dict(session.answers) == {"problem": "both"}


def test_answers_the_content_no_longer_knows_are_kept_and_reported(store):
    store.folder.mkdir(parents=True)
    path = store.folder / "older-content.toml"
    path.write_text('[answers]\nproblem = "both"\nvector_db = "pgvector"\nchange_rate = "hourly"\n')
    session = store.load(path)
    assert dict(session.answers) == {"problem": "both"}
    assert dict(session.unknown_answers) == {"vector_db": "pgvector", "change_rate": "hourly"}
    store.save(session.with_answer("use_case", "chatbot"), path)
    text = path.read_text()
    assert 'vector_db = "pgvector"' in text and 'change_rate = "hourly"' in text


def test_a_save_from_another_process_is_merged_not_overwritten(store, content):
    saved = store.save(store.create("shared").session.with_answer("problem", "both"))
    other = Store(content, store.folder)  # a second process
    theirs = other.load(saved.path)
    ours = store.load(saved.path)
    other.save(theirs.with_answer("use_case", "chatbot").with_note("problem", "theirs"), saved.path)
    result = store.save(ours.with_answer("change_rate", "daily"), saved.path)
    assert set(result.merged) == {"use_case", "problem"}
    assert result.conflicts == ()
    final = store.load(saved.path)
    assert dict(final.answers) == {"problem": "both", "use_case": "chatbot", "change_rate": "daily"}
    assert dict(final.notes) == {"problem": "theirs"}


def test_a_true_conflict_keeps_ours_and_says_so(store, content):
    saved = store.save(store.create("conflict").session.with_answer("problem", "both"))
    other = Store(content, store.folder)
    theirs, ours = other.load(saved.path), store.load(saved.path)
    other.save(theirs.with_answer("problem", "knowledge"), saved.path)
    result = store.save(ours.with_answer("problem", "behavior"), saved.path)
    assert result.conflicts == ("problem",)
    assert store.load(saved.path).answers["problem"] == "behavior"
    assert result.notices() == [
        ("Kept your answers to problem; another ragft had answered them differently.", True)
    ]


RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tui.core.content import load_content
    from tui.core.store.storage import Store
    path, go, prefix = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    store = Store(load_content(), path.parent)
    session = store.load(path)
    while not go.exists():
        time.sleep(0.001)
    for i in range(40):
        session = session.with_note(f"{prefix}{i}", f"{prefix} wrote {i}")
        session = store.save(session, path).session
    """
)


def test_two_real_processes_saving_at_once_lose_nothing(store, tmp_path):
    saved = store.create("race")
    go = tmp_path / "go"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(saved.path), str(go), prefix],
            cwd=REPO,
            env=os.environ,
        )
        for prefix in ("a", "b")
    ]
    go.touch()
    assert [racer.wait(timeout=120) for racer in racers] == [0, 0]
    final = store.load(saved.path)
    expected = {f"{p}{i}" for p in "ab" for i in range(40)}
    assert set(final.notes) == expected
    assert final.revision == 1 + 80


def test_find_by_name_or_path(store, tmp_path):
    one = store.create("Support bot")
    store.create("Twin")
    store.create("Twin")
    assert store.find("Support bot") == one.path
    assert store.find("support BOT") == one.path
    assert store.find(str(one.path)) == one.path
    with pytest.raises(InputError, match="no session named 'nope'"):
        store.find("nope")
    with pytest.raises(InputError, match="2 sessions are named 'Twin'"):
        store.find("Twin")
    with pytest.raises(InputError, match="no such file"):
        store.find(str(tmp_path / "missing.toml"))


def test_rename_duplicate_trash_and_restore(store):
    saved = store.save(store.create("first").session.with_answer("problem", "both"))
    renamed = store.rename(saved.path, "second")
    assert not saved.path.exists() and renamed.session.name == "second"
    copy = store.duplicate(renamed.path)
    assert copy.session.name == "second (copy)" and copy.session.id != renamed.session.id
    assert dict(copy.session.answers) == {"problem": "both"}
    trashed = store.trash(copy.path)
    assert not copy.path.exists() and trashed.exists()
    assert {e.session.name for e in store.entries()} == {"second"}
    restored = store.restore(trashed)
    assert restored == copy.path and store.load(restored).name == "second (copy)"


def test_most_recent_is_the_newest_readable_session(store):
    assert store.most_recent() is None
    store.create("older")
    newer = store.create("newer")
    os.utime(newer.path, (os.path.getmtime(newer.path) + 5,) * 2)
    assert store.most_recent()[0] == newer.path
    broken = store.folder / "broken.toml"
    broken.write_text("[answers\n")
    os.utime(broken, (os.path.getmtime(newer.path) + 5,) * 2)
    assert store.most_recent()[0] == newer.path  # the newest file cannot be read


def test_new_session_record(content):
    session = new_session("x", content, now())
    assert session.id and session.content_version == content.version
    assert isinstance(session, Session)


def test_listing_the_folder_does_not_move_the_merge_base(store, content):
    """Reading the folder (the sessions screen, the start screen) must not make
    another process's save look like something this process already merged."""
    saved = store.save(store.create("listed").session.with_answer("problem", "both"))
    ours = store.load(saved.path)
    other = Store(content, store.folder)
    other.save(other.load(saved.path).with_answer("problem", "knowledge"), saved.path)
    store.entries()
    store.most_recent()
    store.read(saved.path)
    store.duplicate(saved.path)
    result = store.save(ours.with_answer("use_case", "chatbot"), saved.path)
    assert result.merged == ("problem",)
    final = store.read(saved.path)
    assert dict(final.answers) == {"problem": "knowledge", "use_case": "chatbot"}


@pytest.mark.parametrize("link", ["self.toml", "loop-a.toml"])
def test_a_link_that_loops_is_one_unreadable_line_and_hides_nothing(store, capsys, link):
    # #38.3: `ln -s self.toml sessions/self.toml` made `list` say "No saved
    # sessions" and every name unknown: one bad entry hid them all.
    store.save(new_session("Kept", store.content, now()))
    folder = store.folder
    if link == "self.toml":
        (folder / "self.toml").symlink_to("self.toml")
    else:
        (folder / "loop-a.toml").symlink_to("loop-b.toml")
        (folder / "loop-b.toml").symlink_to("loop-a.toml")
    entries = store.entries()
    readable = [e for e in entries if e.session is not None]
    broken = [e for e in entries if e.session is None]
    assert [e.session.name for e in readable] == ["Kept"]
    assert broken and all(e.problem == "a loop of symbolic links" for e in broken)
    assert store.find("Kept") == readable[0].path
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "Kept" in listed and link in listed and "No saved sessions" not in listed
