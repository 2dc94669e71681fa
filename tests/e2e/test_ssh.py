"""ragft over a real OpenSSH connection (sshd on 127.0.0.1), driven in tmux."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest

from tests.support.ssh_server import SshServer
from tests.support.terminal import Tmux
from tui.core.content import load_content
from tui.core.store.storage import Store

CONTENT = load_content()


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    server = SshServer(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


def stored_sessions() -> list:
    store = Store(CONTENT)
    return [store.load(path) for path in store.files()]


def ragft_processes(name: str) -> list[str]:
    done = subprocess.run(["pgrep", "-af", f"ragft {name}"], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if "ssh " not in line and "pgrep" not in line]


def answer_all(terminal: Tmux) -> None:
    """Take the first choice of every step (a volume for the number question)."""
    step = 1
    while True:
        screen = terminal.wait_for_any(f"Step {step} of ", "questions apply", timeout=20)
        if "questions apply" in screen:
            return
        if "requests a month" in screen:
            terminal.send("100000")
        terminal.send("Enter")
        step += 1


def test_a_whole_session_over_ssh_is_saved_and_exported(sshd, terminals, tmp_path):
    terminal = terminals(
        sshd.ssh_command(sshd.remote("new 'Over SSH'", tmp_path), term="xterm-256color")
    )
    terminal.wait_for("Step 1 of 18")
    answer_all(terminal)
    (session,) = stored_sessions()
    assert session.name == "Over SSH"
    # A knowledge problem skips the output format; facts that all come with the
    # request skip the change rate and the data sources.
    assert len(session.answers) == 15
    terminal.send("x")
    terminal.wait_for("Export to Markdown")
    terminal.send("Enter")
    terminal.wait_for("Wrote")
    exported = tmp_path / "over-ssh.md"
    assert exported.read_text().startswith("# Over SSH: how to adapt the LLM")
    terminal.send("C-q")
    screen = terminal.wait_for("[exited 0]")
    assert "Traceback" not in screen


def test_a_dropped_link_loses_nothing_and_reconnecting_resumes(sshd, terminals, tmp_path):
    terminal = terminals(sshd.ssh_command(sshd.remote("new dropped", tmp_path)))
    terminal.wait_for("Step 1 of 18")
    for step in (2, 3, 4):
        terminal.send("Down")
        terminal.send("Enter")
        terminal.wait_for(f"Step {step} of ")
    client = subprocess.run(
        ["pgrep", "-f", f"ssh -tt .*-p {sshd.port} .*new dropped"], capture_output=True, text=True
    ).stdout.split()
    assert client, "the ssh client is not running"
    for pid in client:
        subprocess.run(["kill", "-KILL", pid], check=False)  # the link drops, no goodbye
    deadline = time.monotonic() + 5
    while ragft_processes("new dropped") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ragft_processes("new dropped") == []
    (session,) = stored_sessions()
    assert dict(session.answers) == {
        "problem": "behavior",
        "use_case": "classification",
        "labeled_data": "dozens",
    }
    again = terminals(sshd.ssh_command(sshd.remote("open dropped", tmp_path)))
    screen = again.wait_for("Step 4 of 18")
    assert "Labeled data: Dozens" in screen
    again.send("C-q")
    again.wait_for("[exited 0]")


TERMINALS = [
    ("xterm-256color", 80, 24),
    ("xterm", 80, 24),
    ("screen-256color", 80, 24),
    ("linux", 80, 24),
    ("xterm-256color", 100, 30),
    ("xterm-256color", 200, 60),
]


@pytest.mark.parametrize(("term", "width", "height"), TERMINALS, ids=lambda v: str(v))
def test_terminals_and_sizes(sshd, terminals, tmp_path, term, width, height):
    extra = {"RAGFT_ASCII": "1"} if term == "linux" else {}
    remote = sshd.remote("new terminals", tmp_path, extra)
    terminal = terminals(sshd.ssh_command(remote, term=term), width, height)
    terminal.wait_for("Step 1 of 18")
    terminal.send("Down")
    terminal.send("Enter")
    screen = terminal.wait_for("Step 2 of ")
    lines = screen.splitlines()
    assert len(lines) == height and all(len(line) <= width for line in lines)
    assert "Traceback" not in screen
    if width >= 110:
        assert "Scores" in screen and "Comparison" in screen  # panels beside the question
    if term == "linux":
        assert all(ord(c) < 128 for c in screen)
    terminal.send("C-q")
    terminal.wait_for("[exited 0]")


def test_no_color_over_ssh(sshd, terminals, tmp_path):
    remote = sshd.remote("new mono", tmp_path, {"NO_COLOR": "1"})
    terminal = terminals(sshd.ssh_command(remote))
    terminal.wait_for("Step 1 of 18")
    coloured = terminal.run("capture-pane", "-t", "main", "-p", "-e")
    colours = set(re.findall(r"\x1b\[[0-9;]*38;2;(\d+);(\d+);(\d+)", coloured))
    assert all(
        len(set(rgb)) == 1 or max(map(int, rgb)) - min(map(int, rgb)) <= 8 for rgb in colours
    )
    terminal.send("C-q")
    terminal.wait_for("[exited 0]")


def test_resizing_while_running(sshd, terminals, tmp_path):
    terminal = terminals(sshd.ssh_command(sshd.remote("new resized", tmp_path)), 80, 24)
    terminal.wait_for("Step 1 of 18")
    terminal.resize(200, 60)
    terminal.wait_for("Comparison")
    terminal.resize(50, 14)
    terminal.wait_for("at least 60x18")
    terminal.resize(100, 30)
    screen = terminal.wait_for("Step 1 of 18")
    assert "at least" not in screen
    terminal.send("C-q")
    terminal.wait_for("[exited 0]")


def test_without_a_terminal_it_says_so_in_one_line(sshd, tmp_path):
    command = sshd.ssh_command(sshd.remote("new notty", tmp_path), tty=False)
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "ssh -t" in done.stderr
    assert "\x1b" not in done.stderr
    assert stored_sessions() == []


def test_plain_mode_over_ssh_without_a_terminal(sshd, tmp_path):
    """--plain reads lines, so it works even where ssh gives no terminal."""
    command = sshd.ssh_command(sshd.remote("--plain new piped", tmp_path), tty=False)
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, input="2\n9\nq\n", timeout=60
    )
    assert done.returncode == 0, done.stderr
    (session,) = stored_sessions()
    assert dict(session.answers) == {"problem": "behavior", "use_case": "other"}


def test_sighup_is_what_a_dropped_link_sends(sshd, terminals, tmp_path):
    terminal = terminals(sshd.ssh_command(sshd.remote("new hup", tmp_path)))
    terminal.wait_for("Step 1 of 18")
    terminal.send("3")
    terminal.wait_for("Step 2 of ")
    (pid,) = [line.split()[0] for line in ragft_processes("new hup")]
    subprocess.run(["kill", f"-{signal.SIGHUP.name.removeprefix('SIG')}", pid], check=True)
    deadline = time.monotonic() + 3
    while ragft_processes("new hup") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ragft_processes("new hup") == []
    assert dict(stored_sessions()[0].answers) == {"problem": "both"}
