"""`ragft decide` on bad input: exit 2, one clear line naming file, key, bad
value and allowed values; never a traceback. Empty input is valid."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.cli import main
from tui.core.store.session import NUMBER_ALLOWED

CHOICES = "knowledge, behavior, both, unsure"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bad(capsys, tmp_path, body: bytes | str) -> str:
    path = tmp_path / "answers.toml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    code, out, err = run(capsys, "decide", str(path), "--json")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"ragft: error: {path}")
    return err.strip().removeprefix(f"ragft: error: {path}: ")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[answers\nproblem = 'x'", "invalid TOML: Expected ']' at the end of a table declaration"),
        ("[answers]\nflavour = 'mint'", "answers.flavour: unknown question (known: problem,"),
        (
            "[answers]\nproblem = 'knowlege'",
            f"answers.problem: unknown choice 'knowlege' (allowed: {CHOICES})",
        ),
        (
            "[answers]\nproblem = 3",
            f"answers.problem: expected a choice as a string, got integer 3 (allowed: {CHOICES})",
        ),
        (
            "[answers]\nproblem = true",
            "answers.problem: expected a choice as a string, got boolean true "
            f"(allowed: {CHOICES})",
        ),
        (
            "[answers]\nproblem = ['both']",
            f"answers.problem: expected a choice as a string, got an array (allowed: {CHOICES})",
        ),
        (
            "[answers]\nmonthly_queries = -5",
            f"answers.monthly_queries: -5 is negative (allowed: {NUMBER_ALLOWED})",
        ),
        (
            "[answers]\nmonthly_queries = 'lots'",
            f"answers.monthly_queries: expected {NUMBER_ALLOWED}, got string 'lots'",
        ),
        (
            "[answers]\nmonthly_queries = 1.5",
            f"answers.monthly_queries: expected {NUMBER_ALLOWED}, got float 1.5",
        ),
        (
            "[answers]\nmonthly_queries = true",
            f"answers.monthly_queries: expected {NUMBER_ALLOWED}, got boolean true",
        ),
        ("answers = 'all of them'", "answers: expected a table of question = answer, got string"),
    ],
    ids=[
        "malformed-toml",
        "unknown-question",
        "unknown-choice",
        "integer-for-choice",
        "boolean-for-choice",
        "array-for-choice",
        "negative-number",
        "string-for-number",
        "float-for-number",
        "boolean-for-number",
        "answers-not-a-table",
    ],
)
def test_bad_answers_files(capsys, tmp_path, body, message):
    assert bad(capsys, tmp_path, body).startswith(message)


def test_binary_garbage(capsys, tmp_path):
    garbage = bytes(range(256)) * 4
    assert bad(capsys, tmp_path, garbage) == "not a text file (not valid UTF-8), so not TOML"


def test_nul_bytes_in_utf8_text(capsys, tmp_path):
    assert bad(capsys, tmp_path, b"[answers]\x00\x00").startswith("invalid TOML:")


def test_oversized_file(capsys, tmp_path):
    message = bad(capsys, tmp_path, "# padding\n" * 200_000)
    assert message == "too large for an answers file (over 1 MiB)"


def test_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "decide", str(tmp_path / "nope.toml"))
    assert (code, out) == (2, "")
    assert err == f"ragft: error: {tmp_path / 'nope.toml'}: no such file\n"


def test_folder_instead_of_file(capsys, tmp_path):
    code, _, err = run(capsys, "decide", str(tmp_path))
    assert code == 2
    assert err == f"ragft: error: {tmp_path}: is a folder, not a file\n"


def test_unreadable_file(capsys, tmp_path, monkeypatch):
    # Simulated: the tests may run as root, who can read any file.
    path = tmp_path / "secret.toml"
    path.write_text("[answers]\n")

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, _, err = run(capsys, "decide", str(path))
    assert code == 2
    assert err == f"ragft: error: {path}: cannot read it (permission denied)\n"


@pytest.mark.parametrize("body", ["", "# just a comment\n", "[answers]\n"])
def test_empty_input_is_valid(capsys, tmp_path, body):
    path = tmp_path / "empty.toml"
    path.write_text(body)
    code, out, err = run(capsys, "decide", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["recommendation"] == "rag" and data["confidence"] == "low"


def test_unknown_top_level_keys_are_ignored(capsys, tmp_path):
    path = tmp_path / "session.toml"
    path.write_text('schema_version = 1\nname = "x"\ncolour = "red"\n[answers]\nproblem = "both"\n')
    code, out, _ = run(capsys, "decide", str(path), "--json")
    assert code == 0 and json.loads(out)["recommendation"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decide"], "the following arguments are required: NAME|FILE"),
        (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'"),
        (["decide", "x.toml", "--jsn"], "unrecognized arguments: --jsn"),
    ],
)
def test_bad_arguments(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"ragft: error: {message}")
    assert err.count("\n") == 1


def test_human_output_names_recommendation_reasons_and_changes(capsys, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[answers]\nproblem = "behavior"\nlabeled_data = "thousands"\n')
    code, out, err = run(capsys, "decide", str(path))
    assert (code, err) == (0, "")
    for expected in ("Recommendation:", "Fine-tuning", "confidence", "Why", "What would change it"):
        assert expected in out


def test_real_process_never_shows_a_traceback(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(b"\xff\xfe[answers]")
    done = subprocess.run(
        [sys.executable, "-m", "tui", "decide", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_closed_stdout_pipe_is_quiet(tmp_path):
    scenario = tmp_path / "a.toml"
    scenario.write_text('[answers]\nproblem = "both"\n')
    done = subprocess.run(
        f"{sys.executable} -m tui decide {scenario} --json | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def test_the_british_spelling_of_behaviour_is_accepted_and_saved_as_the_id(content):
    from tui.core.store.session import session_from_document, session_to_document

    session = session_from_document(content, {"answers": {"problem": "behaviour"}}, "a", "a")
    assert session.answers["problem"] == "behavior"
    assert session_to_document(session)["answers"]["problem"] == "behavior"
