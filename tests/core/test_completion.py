"""Tab completion (issue 19): `ragft completion SHELL` prints a script each
shell accepts, and a completion request, as the scripts make it, answers with
sub-commands, options, choices and the saved sessions' names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tui.completion import SHELLS
from tui.core.store.session import Session
from tui.core.store.storage import Store


def completions(line: str, tmp_path) -> list[str]:
    """What ragft offers for `line` with the cursor at its end (argcomplete's
    protocol, as the bash script speaks it)."""
    answer = tmp_path / "answer"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": "bash",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tui"], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return sorted(answer.read_text().split("\v"))


@pytest.mark.parametrize("shell", SHELLS)
def test_each_script_passes_its_shells_syntax_check(capsys, shell):
    from tui.cli import main

    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "ragft" in script
    if shutil.which(shell) is None:
        if shell == "bash":
            pytest.fail("bash is needed to check the completion script")
        pytest.skip(f"{shell} is not installed here")
    checked = subprocess.run([shell, "-n"], input=script, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_commands_options_and_choices_complete(tmp_path):
    commands = completions("ragft ", tmp_path)
    assert {"decide", "new", "open", "list", "rm", "export", "paths", "completion"} <= set(commands)
    assert completions("ragft op", tmp_path) == ["open "]
    assert completions("ragft export x --format ", tmp_path) == ["adr", "summary"]
    assert completions("ragft completion ", tmp_path)[-3:] == sorted(SHELLS)[-3:]


def test_session_names_complete_quoted(content, tmp_path):
    store = Store(content)
    for name in ("Q3 plan", "Quarter", "other"):
        store.save(Session(name=name, id=name.replace(" ", "")))
    for command in ("open", "rm", "decide", "export"):
        assert completions(f"ragft {command} Q", tmp_path) == ["Q3\\ plan", "Quarter"]
