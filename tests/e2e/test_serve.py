"""`ragft serve` against the real OpenSSH client on 127.0.0.1: keys only, one
folder per person, only the wizard and its commands, nothing lost on a drop."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest

from tests.support.serve_server import RagftServer
from tests.support.terminal import RAGFT, Tmux
from tests.support.waiting import wait_until

pytest.importorskip("asyncssh", reason="ragft serve needs the serve extra")
if not os.path.exists("/usr/bin/ssh"):
    pytest.skip("no OpenSSH client: run tests/system-deps.sh", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = RagftServer(tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()


def start_a_session(terminal: Tmux, name: str) -> None:
    terminal.wait_for("Name of the new decision")
    terminal.send(name, "Enter")
    terminal.wait_for("Step 1 of ")
    terminal.send("1")  # problem = knowledge
    terminal.wait_for("Problem: Knowledge")


def test_without_keys_it_refuses_to_start_and_says_where_they_go(tmp_path):
    done = subprocess.run(
        [RAGFT, "serve", "--port", "1"],
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "authorized_keys does not exist: put your team's" in lines[0]


def test_an_authorized_key_gets_the_wizard_and_its_own_folder(server, terminals):
    terminal = terminals(server.shell_command("ana"))
    start_a_session(terminal, "Ana's bot")
    screen = terminal.screen()
    assert len(screen.splitlines()[0]) <= 80 and "ragft — Ana's bot" in screen
    terminal.send("Escape", "Escape")  # back to the start: the session is saved
    wait_until(lambda: bool(server.sessions("ana")))
    assert 'problem = "knowledge"' in server.sessions("ana")[0].read_text()
    # Bob sees none of it.
    listed = server.run("bob", "list")
    assert listed.returncode == 0 and "Ana's bot" not in listed.stdout
    assert server.run("ana", "list").stdout.count("Ana's bot") == 1


def test_resizes_pass_through(server, terminals):
    terminal = terminals(server.shell_command("bob"), 80, 24)
    start_a_session(terminal, "wide")
    terminal.resize(120, 30)
    # The title is centred: in 120 columns it starts past where 80 would put it.
    wait_until(lambda: terminal.screen().splitlines()[0].find("ragft — wide") > 45)
    assert len(terminal.screen().splitlines()) == 30


def test_a_killed_client_loses_no_answer_and_leaves_no_process(server, terminals):
    before = set(server.children())
    terminal = terminals(server.shell_command("bob"))
    start_a_session(terminal, "dropped")
    wait_until(lambda: len(set(server.children()) - before) == 1)
    terminal.close()  # tmux kills ssh: the line drops without a goodbye
    wait_until(lambda: not set(server.children()) - before, timeout=5)
    saved = [p.read_text() for p in server.sessions("bob") if "dropped" in p.read_text()]
    assert saved and 'problem = "knowledge"' in saved[0]


def test_refused_logins(server):
    wrong = server.run("stranger", "list")
    assert wrong.returncode == 255 and "Permission denied (publickey)" in wrong.stderr
    password = server.run(
        "ana",
        "list",
        options=(
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
        ),
    )
    assert password.returncode == 255 and "Permission denied (publickey)" in password.stderr
    nokey = server.run("ana", "list", options=("-o", "PubkeyAuthentication=no"))
    assert nokey.returncode == 255


def test_only_the_wizard_and_its_commands(server):
    shell = server.run("ana", "sh", "-c", "id")
    assert shell.returncode == 2
    assert shell.stderr.strip().count("\n") == 0 and "only the wizard runs here" in shell.stderr
    assert server.run("ana").returncode == 2  # no terminal: no wizard, and no shell
    sftp = subprocess.run(
        server.ssh("ana", "sftp", options=("-s",)), capture_output=True, text=True, timeout=30
    )
    assert sftp.returncode != 0
    scp = server.run("ana", "scp", "-t", "/tmp")
    assert scp.returncode == 2
    path = server.run("ana", "export", "../bob/.config/ragft/sessions/x.toml")
    assert path.returncode == 2 and "not given as paths" in path.stderr


def test_forwarding_is_refused(server):
    remote = server.run(
        "ana", "list", options=("-R", "0:127.0.0.1:22", "-o", "ExitOnForwardFailure=yes")
    )
    assert remote.returncode == 255
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    local_port = port.getsockname()[1]
    port.close()
    tunnel = subprocess.Popen(
        server.ssh("ana", options=("-N", "-L", f"{local_port}:127.0.0.1:{server.port}"))
    )
    try:
        wait_until(lambda: socket.socket().connect_ex(("127.0.0.1", local_port)) == 0)
        with socket.create_connection(("127.0.0.1", local_port), timeout=5) as through:
            through.settimeout(5)
            assert through.recv(100) == b""  # the server refused the channel: closed
    finally:
        # The ssh client's own exit is not what this test is about: a loaded
        # machine once kept it past a polite 10 s.
        tunnel.terminate()
        try:
            tunnel.wait(timeout=10)
        except subprocess.TimeoutExpired:
            tunnel.kill()
            tunnel.wait(timeout=10)


def test_list_export_and_decide_work_for_that_person(server):
    answers = '[answers]\nproblem = "behavior"\nlabeled_data = "none"\nprompting = "not_tried"\n'
    decided = server.run("bob", "decide", "-", "--json", stdin=answers)
    assert decided.returncode == 0 and '"recommendation": "prompting"' in decided.stdout
    names = server.run("ana", "list", "--json")
    assert names.returncode == 0 and "Ana's bot" in names.stdout
    exported = server.run("ana", "export", "Ana's bot")
    assert exported.returncode == 0 and exported.stdout.startswith("# ")
    assert "Ana's bot" in exported.stdout
    assert server.run("bob", "export", "Ana's bot").returncode == 2


def test_the_log_has_a_line_per_connection(server):
    log = server.log.read_text()
    assert "ragft serve: listening on 127.0.0.1" in log and "host key SHA256:" in log
    refused = [line for line in log.splitlines() if "refused: no authorized key" in line]
    assert refused and " - - 127.0.0.1:" in refused[0]
    assert any(line.split()[1:3] == ["Ana", "Lima"] for line in log.splitlines())


def test_sigterm_with_wizards_open_saves_them_all_and_ends_every_child(tmp_path, terminals):
    server = RagftServer(tmp_path)
    opened = [terminals(server.shell_command(who)) for who in ("ana", "bob")]
    for who, terminal in zip(("ana", "bob"), opened, strict=True):
        start_a_session(terminal, f"{who} at stop")
    wait_until(lambda: len(server.children()) == 2)
    children = server.children()
    assert server.stop() == 0
    for terminal in opened:  # each is told, on a terminal put back as it was
        screen = terminal.wait_for("[exited 0]")
        assert "ragft: the server is stopping; your answers are saved" in screen
        assert "Step 2 of" not in screen
    for who in ("ana", "bob"):
        texts = [p.read_text() for p in server.sessions(who)]
        assert any(f"{who} at stop" in t and 'problem = "knowledge"' in t for t in texts)
    assert not [pid for pid in children if os.path.exists(f"/proc/{pid}")]


def test_a_new_key_works_without_a_restart(server, tmp_path):
    newcomer = tmp_path / "cy_key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "Cy", "-f", str(newcomer)],
        check=True,
    )
    command = server.ssh("ana", "list")
    command[command.index(str(server.key("ana")))] = str(newcomer)
    assert subprocess.run(command, capture_output=True, timeout=30).returncode == 255
    original = server.authorized.read_text()
    try:
        server.authorized.write_text(original + newcomer.with_suffix(".pub").read_text())
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and "No saved sessions" in done.stdout
    finally:
        server.authorized.write_text(original)


def test_random_bytes_and_a_stalled_handshake_disturb_nobody(server):
    noise = socket.create_connection(("127.0.0.1", server.port))
    stalled = socket.create_connection(("127.0.0.1", server.port))
    try:
        noise.sendall(os.urandom(4096) + b"\r\n" + os.urandom(4096))
        stalled.sendall(b"SSH-2.0-OpenSSH_9.6\r\n")  # and then nothing more
        started = time.monotonic()
        done = server.run("ana", "list")
        assert done.returncode == 0 and time.monotonic() - started < 10
    finally:
        noise.close()
        stalled.close()
    assert server.process.poll() is None


def test_an_idle_wizard_saves_and_hangs_up(tmp_path, terminals):
    server = RagftServer(tmp_path, "--idle-timeout", "0.05")  # 3 seconds
    try:
        terminal = terminals(server.shell_command("ana"))
        start_a_session(terminal, "idle")
        screen = terminal.wait_for("idle for 0.05 min: your answers are saved", timeout=15)
        assert "Step 2 of" not in screen  # the terminal is put back as it was
        assert 'problem = "knowledge"' in server.sessions("ana")[0].read_text()
        assert not server.children()
    finally:
        server.stop()


def test_twenty_at_once_nothing_lost_and_the_twenty_first_refused(tmp_path, terminals):
    server = RagftServer(tmp_path, "--max-connections", "20")
    try:
        people = ["ana", "bob"] * 10
        opened = [terminals(server.shell_command(who)) for who in people]
        for number, terminal in enumerate(opened):
            start_a_session(terminal, f"crowd {number}")
        wait_until(lambda: len(server.children()) == 20)
        refused = server.run("ana", "list")
        # The twenty-first connection is refused as it logs in, with the reason.
        assert refused.returncode == 255 and "this server is full" in refused.stderr
        for terminal in opened:
            terminal.send("C-q")
        wait_until(lambda: not server.children(), timeout=20)
        saved = [p.read_text() for who in ("ana", "bob") for p in server.sessions(who)]
        assert len(saved) == 20 and all('problem = "knowledge"' in text for text in saved)
        listed = server.run("bob", "list").stdout.splitlines()
        assert len([line for line in listed if line.startswith("crowd ")]) == 10
    finally:
        server.stop()


def test_six_refused_keys_end_the_connection(server, tmp_path):
    keys = []
    for number in range(8):
        path = tmp_path / f"wrong{number}"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
        keys += ["-i", str(path)]
    command = server.ssh("stranger", "list", options=tuple(keys))
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert done.returncode == 255
    wait_until(lambda: "refused: 6 keys not authorized" in server.log.read_text())
