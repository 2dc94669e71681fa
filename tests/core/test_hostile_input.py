"""Hostile input (issue 16): what a user types or a file holds never crashes
ragft, locks a session out, or reaches the terminal raw. Each test is named
after the defect it pins down; the app's share is in test_hostile_app.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.content import bundled_content_dir
from tui.core.store.session import MAX_NUMBER, NUMBER_ALLOWED, parse_number
from tui.core.store.storage import Store

RAW_CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, 0x9B)]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_clean_line(err: str) -> str:
    """The single error line ragft printed, checked to hold no raw control character."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert not any(c in err[:-1] for c in RAW_CONTROL), repr(err)
    return err.removeprefix("ragft: error: ").strip()


# 2. Numbers have a sane range ------------------------------------------------


def test_a_huge_number_in_a_file_is_refused_in_one_line(capsys, tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(f"[answers]\nmonthly_queries = {'9' * 400}\n")
    code, out, err = run(capsys, "decide", str(path))
    assert (code, out) == (2, "")
    assert one_clean_line(err) == (
        f"{path}: answers.monthly_queries: integer of 400 digits is too large "
        f"(allowed: {NUMBER_ALLOWED})"
    )


def test_the_largest_allowed_number_decides_and_exports(capsys, tmp_path):
    path = tmp_path / "max.toml"
    path.write_text(f'[answers]\nproblem = "knowledge"\nmonthly_queries = {MAX_NUMBER}\n')
    assert run(capsys, "decide", str(path), "--json")[0] == 0
    code, out, err = run(capsys, "export", str(path), "-o", "-")
    assert (code, err) == (0, "")
    assert f"{MAX_NUMBER:,}" in out


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("9" * 400, "too large"),
        (str(MAX_NUMBER + 1), "too large"),
        *((typed, "not a whole number") for typed in ("-3", "1.5", "²", "")),
    ],
)
def test_typed_numbers_out_of_range_say_what_is_wrong(typed, problem):
    with pytest.raises(ValueError, match=problem):
        parse_number(typed)


def test_typed_numbers_may_group_digits():
    assert parse_number(" 1,000_000 ") == 1_000_000
    assert parse_number(str(MAX_NUMBER)) == MAX_NUMBER


def test_a_saved_huge_position_or_number_does_not_lock_the_session_out(capsys, content):
    store = Store(content)
    store.create("volume")
    path = store.files()[0]
    text = path.read_text().replace("[answers]", f"[answers]\nmonthly_queries = {'9' * 400}")
    path.write_text(text)
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["unreadable"] is None  # readable: the number is kept aside, not counted
    kept = store.read(path).unknown_answers["monthly_queries"]
    assert kept == int("9" * 400)


# 3. One bad session file never breaks the list --------------------------------

BAD_TIMES = {
    "updated = 2026-11-21T10:00:00": (
        "updated: 2026-11-21T10:00:00 has no time zone "
        "(write it as, for example, 2026-11-21T10:00:00Z)"
    ),
    "updated = 0001-01-01T00:00:00Z": "updated: the year 1 is out of range (1970 to 9998)",
    "created = 9999-12-31T23:59:59Z": "created: the year 9999 is out of range (1970 to 9998)",
}


@pytest.mark.parametrize(("line", "reason"), BAD_TIMES.items())
def test_a_bad_time_is_listed_with_its_reason_and_the_rest_as_usual(capsys, content, line, reason):
    store = Store(content)
    store.create("good one")
    (store.folder / "bad.toml").write_text(f'schema_version = 2\nname = "bad"\n{line}\n[answers]\n')
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert "good one" in out and "bad.toml" in out and "cannot be read" in out
    rows = {Path(row["path"]).name: row for row in json.loads(run(capsys, "list", "--json")[1])}
    assert rows["bad.toml"]["unreadable"] == reason


def deep(depth: int) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("command", ["decide", "export", "open"])
def test_a_value_nested_thousands_deep_is_one_line_everywhere(capsys, tmp_path, command):
    path = tmp_path / "deep.toml"
    path.write_text(deep(3000))
    code, _, err = run(capsys, command, str(path))
    assert code == 2
    assert one_clean_line(err) == f"{path}: values nested more than 20 deep, so not read"


def test_a_deep_session_file_is_listed_with_its_reason(capsys, content):
    store = Store(content)
    store.create("fine")
    (store.folder / "deep.toml").write_text(deep(3000))
    rows = {Path(row["path"]).name: row for row in json.loads(run(capsys, "list", "--json")[1])}
    assert rows["deep.toml"]["unreadable"] == "values nested more than 20 deep, so not read"
    assert len(rows) == 2


def test_a_deep_content_file_is_a_content_error(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / "figures.toml").write_text(deep(3000))
    monkeypatch.setenv("RAGFT_CONTENT", str(folder))
    answers = tmp_path / "a.toml"
    answers.write_text("[answers]\n")
    code, _, err = run(capsys, "decide", str(answers))
    assert code == 2
    assert err == (
        f"ragft: content error: {folder}/figures.toml: (file): "
        "values nested more than 20 deep, so not read\n"
    )


# 4. Escape sequences never reach the terminal ---------------------------------

OSC_TITLE = "\x1b]2;pwned\x07"


def test_a_name_with_an_escape_sequence_is_refused_by_new(capsys):
    code, out, err = run(capsys, "new", f"plan{OSC_TITLE}", "--plain")
    assert (code, out) == (2, "")
    assert one_clean_line(err).startswith("a session name cannot hold control characters")
    assert "\\x1b]2;pwned\\x07" in err


def test_an_escape_sequence_from_a_file_is_shown_visibly(capsys, content, tmp_path):
    store = Store(content)
    store.folder.mkdir(parents=True)
    (store.folder / "evil.toml").write_text(
        f'name = "x{OSC_TITLE}"\n[answers]\nproblem = "both"\n'.replace("\x1b", "\\u001b").replace(
            "\x07", "\\u0007"
        )
    )
    for args in (["list"], ["decide", str(store.folder / "evil.toml")]):
        code, out, err = run(capsys, *args)
        assert (code, err) == (0, "")
        assert "\x1b]" not in out and "\x07" not in out
        assert "\\x1b]2;pwned\\x07" in out
    code, out, _ = run(capsys, "export", str(store.folder / "evil.toml"), "-o", "-")
    assert code == 0 and "\x1b" not in out and "\x07" not in out


# 4 and 12: a key with an escape sequence or a newline is quoted visibly, on one line.
@pytest.mark.parametrize(
    ("key", "shown"),
    [("\\u001b]2;pwned\\u0007", "\\x1b]2;pwned\\x07"), ("pro\\nblem", "pro\\nblem")],
)
def test_a_key_with_control_characters_is_one_visible_line(capsys, tmp_path, key, shown):
    path = tmp_path / "keys.toml"
    path.write_text(f'[answers]\n"{key}" = "x"\n')
    code, _, err = run(capsys, "decide", str(path))
    assert code == 2
    assert one_clean_line(err).startswith(f"{path}: answers.{shown}: unknown question")


# 5. Every name `new` accepts works by name --------------------------------------


@pytest.mark.parametrize("name", ["Q3/Q4 plan", "budget.toml", "~/notes", "-dash"])
def test_names_that_look_like_paths_work_by_name(capsys, content, name):
    Store(content).create(name)
    code, out, err = run(capsys, "decide", "--json", "--", name)
    assert (code, err) == (0, ""), err
    code, out, err = run(capsys, "export", "-o", "-", "--", name)
    assert code == 0 and "# " in out
    code, out, err = run(capsys, "rm", "--", name)
    assert code == 0 and out.startswith("moved ")


def test_a_name_too_long_is_refused_in_one_short_line(capsys):
    code, _, err = run(capsys, "new", "n" * 300, "--plain")
    assert code == 2
    assert one_clean_line(err) == "a session name can be at most 100 characters (this one has 300)"


def test_a_lookup_too_long_for_a_path_is_one_short_line(capsys, content):
    Store(content).create("real")
    code, _, err = run(capsys, "decide", "y" * 5000)
    assert code == 2
    message = one_clean_line(err)
    assert len(message) < 200 and message.startswith("no session named 'yyy")


# 6 and 7. Two windows, a rename, a hand edit ------------------------------------


def test_a_rename_in_another_window_is_followed_not_forked(content):
    mine, theirs = Store(content), Store(content)
    saved = mine.create("Plan")
    theirs.load(saved.path)
    renamed = theirs.rename(saved.path, "Plan B")
    after = mine.save(saved.session.with_answer("problem", "both"), saved.path)
    assert after.followed and after.path == renamed.path
    assert after.session.name == "Plan B"
    assert [p.name for p in mine.files()] == [renamed.path.name]
    assert dict(mine.read(renamed.path).answers) == {"problem": "both"}
    assert any("Renamed in another window" in message for message, _ in after.notices())


def test_a_hand_edit_with_the_same_revision_is_merged_not_overwritten(content):
    store = Store(content)
    saved = store.create("Edited")
    text = saved.path.read_text().replace("[answers]", '[answers]\nlatency = "strict"')
    saved.path.write_text(text)  # the revision number is unchanged
    after = store.save(saved.session.with_answer("problem", "knowledge"), saved.path)
    assert dict(store.read(after.path).answers) == {"latency": "strict", "problem": "knowledge"}
    assert "latency" in after.merged


def test_a_hand_edit_that_conflicts_is_reported(content):
    store = Store(content)
    saved = store.create("Edited")
    text = saved.path.read_text().replace("[answers]", '[answers]\nproblem = "behavior"')
    saved.path.write_text(text)
    after = store.save(saved.session.with_answer("problem", "knowledge"), saved.path)
    assert after.conflicts == ("problem",)
    assert any(warning for _, warning in after.notices())


# 9. A FIFO is refused at once -----------------------------------------------------


@pytest.mark.parametrize("command", ["decide", "export", "open"])
def test_a_fifo_is_refused_at_once(capsys, tmp_path, command):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    outcome: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: outcome.append(run(capsys, command, str(fifo))))
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader so the test run can end
        with open(fifo, "wb"):
            pass
        worker.join()
        pytest.fail(f"{command} waited on a FIFO")
    code, _, err = outcome[0]
    assert code == 2
    assert (
        one_clean_line(err) == f"{fifo}: not a regular file (a pipe, device or socket), so not read"
    )


def test_a_duplicate_of_a_longest_name_can_still_be_renamed(content):
    store = Store(content)
    saved = store.create("d" * 100)
    copy = store.duplicate(saved.path)
    assert len(copy.session.name) <= 100 and copy.session.name.endswith(" (copy)")
    assert store.rename(copy.path, replace(copy.session, name="shorter").name).path.exists()


# 8. export -o writes through symlinks and into devices, replacing only files -------


def exported(capsys, scenario: Path, target: Path, *flags: str) -> tuple[int, str]:
    """The status and what was said on stderr, but for the "wrote PATH" line a
    written export ends with (tests/core/test_export.py checks that line)."""
    code, _, err = run(capsys, "export", str(scenario), "-o", str(target), *flags)
    said = err.splitlines(keepends=True)
    return code, "".join(line for line in said if not line.startswith("wrote "))


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text('[answers]\nproblem = "knowledge"\n')
    return path


def test_export_through_a_symlink_keeps_the_link(capsys, tmp_path, answers):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert exported(capsys, answers, link, "--force") == (0, "")
    assert link.is_symlink() and real.read_text().startswith("# ")


def test_export_through_a_dangling_symlink_creates_its_target(capsys, tmp_path, answers):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "made.md")
    assert exported(capsys, answers, link) == (0, "")
    assert link.is_symlink() and (tmp_path / "made.md").read_text().startswith("# ")


def test_export_to_dev_stdout_writes_to_the_pipe(tmp_path, answers):
    import subprocess
    import sys

    finished = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(answers), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (finished.returncode, finished.stderr) == (0, "")
    assert finished.stdout.startswith("# ")


def test_export_to_a_full_device_is_one_line_and_the_device_stays(capsys, answers):
    code, err = exported(capsys, answers, Path("/dev/full"), "--force")
    assert code == 2
    assert one_clean_line(err) == "cannot write /dev/full: the disk is full"
    assert Path("/dev/full").is_char_device()


def test_export_into_a_fifo_nobody_reads_is_refused_at_once(capsys, tmp_path, answers):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, err = exported(capsys, answers, fifo)
    assert code == 2
    assert one_clean_line(err) == f"cannot write {fifo}: nothing is reading from it"
    assert fifo.is_fifo()


def test_export_into_a_fifo_reaches_its_reader(capsys, tmp_path, answers):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    for _ in range(100):  # the reader must have opened its end first
        code, err = exported(capsys, answers, fifo)
        if code == 0:
            break
        threading.Event().wait(0.05)
    reader.join(timeout=10)
    assert (code, err) == (0, "")
    assert received[0].startswith(b"# ")


# 10. Exports follow the umask and no URL in a note becomes a link -------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_export_gets_what_the_umask_gives(capsys, tmp_path, answers, umask, mode):
    previous = os.umask(umask)
    try:
        assert exported(capsys, answers, tmp_path / "out.md") == (0, "")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == mode


def test_a_replaced_export_keeps_its_permissions(capsys, tmp_path, answers):
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    assert exported(capsys, answers, target, "--force") == (0, "")
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text().startswith("# ")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("see https://evil.example/x now", "see `https://evil.example/x` now"),
        ("or www.evil.example.", "or `www.evil.example.`"),
        ("mail boss@corp.example", "mail `boss@corp.example`"),
        ("HTTP://X.IO|y", "`HTTP://X.IO`\\|y"),
        ("mailto:a", "`mailto:a`"),
        ("note: plain (text)", "note: plain \\(text\\)"),
    ],
)
def test_bare_urls_in_notes_are_shown_as_code_never_as_links(typed, written):
    from tui.core.words.export import md_escape

    assert md_escape(typed) == written


# 11. What used to end in "internal error": each its own line ----------------


@pytest.mark.parametrize(
    "args",
    [
        ("decide", "~no-such-user-here/plan.toml"),
        ("export", "~no-such-user-here"),
    ],
)
def test_a_home_folder_of_no_user_is_one_line(capsys, args):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert one_clean_line(err) == (
        "cannot find the home folder of '~no-such-user-here': no such user"
    )


def test_an_export_to_a_home_folder_of_no_user_is_one_line(capsys, answers):
    code, _, err = run(capsys, "export", str(answers), "-o", "~no-such-user-here/x.md")
    assert code == 2
    assert "no such user" in one_clean_line(err)


def test_an_export_below_a_file_says_what_is_wrong(capsys, tmp_path, answers):
    (tmp_path / "plain-file").write_text("x")
    target = tmp_path / "plain-file" / "x.md"
    code, _, err = run(capsys, "export", str(answers), "-o", str(target))
    assert code == 2
    assert one_clean_line(err) == f"cannot write {target}: part of the path is a file, not a folder"


def test_an_export_name_too_long_is_one_short_line(capsys, tmp_path, answers):
    target = tmp_path / ("x" * 300 + ".md")
    code, _, err = run(capsys, "export", str(answers), "-o", str(target))
    assert code == 2
    line = one_clean_line(err)
    assert line.endswith(": the name is too long") and len(line) < 250


@pytest.mark.parametrize("config_is", ["a file", "a file for sessions", "a symlink loop"])
def test_a_sessions_folder_that_cannot_be_read_is_one_line_in_list(
    capsys, monkeypatch, tmp_path, config_is
):
    config = tmp_path / "config"
    if config_is == "a file":
        config.write_text("x")
        reason = "part of the path is a file, not a folder"
    else:
        (config / "ragft").mkdir(parents=True)
        sessions = config / "ragft" / "sessions"
        if config_is == "a file for sessions":
            sessions.write_text("x")
            reason = "part of the path is a file, not a folder"
        else:
            sessions.symlink_to(sessions)
            reason = "a loop of symbolic links"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert one_clean_line(err) == f"cannot read {config}/ragft/sessions: {reason}"


def test_a_content_folder_with_no_content_is_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("RAGFT_CONTENT", str(tmp_path))
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err.count("\n") == 1 and "none of ragft's content files" in err


def test_a_content_folder_of_no_user_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("RAGFT_CONTENT", "~no-such-user-here/content")
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err == "ragft: content error: ~no-such-user-here/content: (folder): not a folder\n"


OUTPUT_COMMANDS = [
    ["decide", "{answers}"],
    ["list"],
    ["cases"],
    ["paths"],
    ["--version"],
    ["--help"],
    ["completion", "bash"],
    ["export", "{answers}", "-o", "-"],
]


@pytest.mark.parametrize("argv", OUTPUT_COMMANDS, ids=lambda argv: " ".join(argv))
def test_a_full_output_is_one_line_and_status_2(tmp_path, argv):
    # #38.10: output to /dev/full was an internal error (status 1), and --help
    # said nothing and exited 0.
    from tests.support.terminal import RAGFT

    answers = tmp_path / "a.toml"
    answers.write_text('[answers]\nproblem = "knowledge"\n')
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [RAGFT, *(arg.format(answers=answers) for arg in argv)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "ragft: cannot write the output: the disk is full\n"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("decide - <&-", "ragft: error: cannot read standard input: it is closed\n"),
        (
            "--plain new x <&-",
            "ragft: error: plain mode reads its answers from standard input, which is closed\n",
        ),
        ("list >&-", "ragft: cannot write the output: standard output is closed\n"),
    ],
)
def test_a_closed_stream_is_one_line_and_status_2(command, said):
    from tests.support.terminal import RAGFT

    done = subprocess.run(
        ["sh", "-c", f"exec {RAGFT} {command}"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (2, said)
