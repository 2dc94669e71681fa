"""A dropped link loses nothing: SIGHUP, SIGTERM and input that ends all save
the session and end the process promptly."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.support.pty_run import PtyProgram
from tests.support.terminal import RAGFT, Tmux
from tui.core.content import load_content
from tui.core.store.storage import Store

# Promptly, and without hanging: the bound is for a loaded CI machine, whose
# scheduler once took longer than 3 s to let a closing program finish.
EXIT_BOUND = 10.0


def stored_answers() -> dict:
    store = Store(load_content())
    (path,) = store.files()
    return dict(store.load(path).answers)


def wait_for_answers(count: int, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            answers = stored_answers()
        except ValueError:
            answers = {}
        if len(answers) >= count or time.monotonic() > deadline:
            return answers
        time.sleep(0.05)


def test_sighup_in_tmux_after_three_answers(tmp_path):
    pidfile = tmp_path / "pid"
    terminal = Tmux(f"sh -c 'echo $$ > {pidfile}; exec {RAGFT} new demo'")
    try:
        terminal.wait_for("Step 1 of 18")
        for step in (2, 3, 4):
            terminal.send("Down")
            terminal.send("Enter")
            terminal.wait_for(f"Step {step} of ")
        pid = int(pidfile.read_text())
        os.kill(pid, signal.SIGHUP)
        started = time.monotonic()
        screen = terminal.wait_for("[exited", timeout=5)
        assert time.monotonic() - started < 2.0
        assert "Traceback" not in screen
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        terminal.close()
    assert stored_answers() == {
        "problem": "behavior",
        "use_case": "classification",
        "labeled_data": "dozens",
    }


@pytest.fixture
def program():
    running = PtyProgram("new", "hang-up")
    yield running
    running.kill()


def test_input_that_ends_saves_and_exits(program):
    program.wait_for(b"Step")
    program.send(b"1")
    program.send(b"1")
    program.send(b"2")
    assert len(wait_for_answers(3)) == 3
    program.close_terminal()
    assert program.gone_within(EXIT_BOUND) == 0
    assert stored_answers() == {
        "problem": "knowledge",
        "use_case": "question_answering",
        "request_data": "some",
    }


def test_sigterm_saves_and_exits(program):
    program.wait_for(b"Step")
    program.send(b"3")
    assert len(wait_for_answers(1)) == 1
    program.process.send_signal(signal.SIGTERM)
    assert program.gone_within(EXIT_BOUND) == 0
    assert stored_answers() == {"problem": "both"}
    assert b"Traceback" not in bytes(program.output)


def test_nothing_is_left_behind_in_the_sessions_folder(program):
    program.wait_for(b"Step")
    program.send(b"3")
    wait_for_answers(1)
    program.close_terminal()
    program.gone_within(EXIT_BOUND)
    folder = Store(load_content()).folder
    leftovers = [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
