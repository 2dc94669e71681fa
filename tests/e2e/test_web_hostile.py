"""`ragft serve --web` against someone who holds the token and means harm
(#34): real server on 127.0.0.1, real websocket clients (aiohttp's, and a
raw socket for a tab that stops reading)."""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import socket
import struct
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_web import TOKEN, WebServer
from tests.support.proc import address_space_limit, environment_of, status_kib
from tests.support.ssh_server import free_port
from tests.support.terminal import RAGFT
from tests.support.waiting import wait_until

aiohttp = pytest.importorskip("aiohttp")

WAIT = 60.0


def url(web: WebServer, **query: object) -> str:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return f"http://127.0.0.1:{web.port}/ws?token={TOKEN}{extra}"


async def first_frame(socket_: aiohttp.ClientWebSocketResponse) -> bytes:
    message = await asyncio.wait_for(socket_.receive(), WAIT)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return message.data


async def read_until(socket_: aiohttp.ClientWebSocketResponse, text: bytes) -> bytes:
    received = b""
    while text not in received:
        message = await asyncio.wait_for(socket_.receive(), WAIT)
        if message.type != aiohttp.WSMsgType.BINARY:
            raise AssertionError(f"closed before {text!r}: {received[-300:]!r}")
        received += message.data
    return received


@pytest.fixture
def web(tmp_path):
    server = WebServer(tmp_path, "--memory-limit", "768")
    yield server
    server.stop()


async def test_a_huge_window_is_clamped_and_the_wizard_has_a_memory_ceiling(web):
    huge = url(web, width=60000, height=60000)
    async with aiohttp.ClientSession() as session, session.ws_connect(huge) as tab:
        await first_frame(tab)
        (wizard,) = web.children()
        environment = environment_of(wizard)
        assert (environment["COLUMNS"], environment["ROWS"]) == ("1000", "300")
        assert address_space_limit(wizard) == 768 * 1024 * 1024
        await tab.send_str(json.dumps(["resize", {"width": 60000, "height": 60000}]))
        await tab.send_str(json.dumps(["resize", {"width": 70000, "height": "x"}]))
        await tab.send_str(json.dumps(["stdin", "Probe"]))
        await read_until(tab, b"Probe")  # drawn at the clamped size, then answered
        assert status_kib(wizard, "VmHWM") < 300 * 1024
    await asyncio.to_thread(wait_until, lambda: not web.children(), 20)


async def test_the_wizard_runs_in_its_folder_and_may_export_only_there(web):
    async with aiohttp.ClientSession() as session, session.ws_connect(url(web)) as tab:
        await first_frame(tab)
        (wizard,) = web.children()
        folder = web.config / "ragft" / "web"
        assert environment_of(wizard)["RAGFT_CONFINE"] == str(folder)
        assert os.readlink(f"/proc/{wizard}/cwd") == str(folder)
        assert oct(folder.stat().st_mode & 0o777) == "0o700"
        assert "RAGFT_WEB_TOKEN" not in environment_of(wizard)


async def test_tabs_opened_together_respect_the_limit(tmp_path):
    web = WebServer(tmp_path, "--max-connections", "3")
    try:
        async with aiohttp.ClientSession() as session:
            tabs = await asyncio.gather(*(session.ws_connect(url(web)) for _ in range(12)))

            async def outcome(tab: aiohttp.ClientWebSocketResponse) -> str:
                data = await first_frame(tab)
                return "refused" if b"this server is full" in data else "wizard"

            outcomes = await asyncio.gather(*(outcome(tab) for tab in tabs))
            assert outcomes.count("wizard") == 3 and outcomes.count("refused") == 9
            assert len(web.children()) == 3
            for tab in tabs:
                await tab.close()
        await asyncio.to_thread(wait_until, lambda: not web.children(), 20)
    finally:
        web.stop()
    assert web.log.read_text().count("refused: server full") == 9


async def test_an_idle_tab_is_saved_and_ended(tmp_path):
    web = WebServer(tmp_path, "--idle-timeout", "0.05")
    try:
        async with aiohttp.ClientSession() as session, session.ws_connect(url(web)) as tab:
            await first_frame(tab)
            await read_until(tab, b"idle for 0.05 min: your answers are saved")
        await asyncio.to_thread(wait_until, lambda: not web.children(), 20)
    finally:
        web.stop()


class RawTab:
    """A websocket by hand, on a socket that is never read: a browser tab
    whose machine has stopped taking data."""

    def __init__(self, port: int) -> None:
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(
            (
                f"GET /ws?token={TOKEN}&width=200&height=60 HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        answer = self.socket.recv(1024)
        assert answer.startswith(b"HTTP/1.1 101"), answer

    def send(self, message: list) -> None:
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        header = b"\x81" + (
            bytes([0x80 | len(payload)])
            if len(payload) < 126
            else bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        )
        self.socket.sendall(header + mask + masked)


def stall(web: WebServer) -> RawTab:
    """A tab that asks for screen after screen and reads none of them."""
    tab = RawTab(web.port)
    wait_until(lambda: len(web.children()) == 1, WAIT)
    for number in range(40):
        width = 300 if number % 2 else 250
        tab.send(["resize", {"width": width, "height": 100}])
    return tab


def test_a_tab_that_stops_reading_has_its_wizard_ended(web):
    tab = stall(web)
    try:
        wait_until(lambda: not web.children(), WAIT)
        # Whichever comes first: a frame it would not take, or a ping it did not answer.
        wait_until(lambda: any(w in web.log.read_text() for w in ("stopped reading", "dropped")))
    finally:
        tab.socket.close()


def test_a_tab_that_stops_reading_and_drops_has_its_wizard_ended(web):
    tab = stall(web)
    tab.socket.close()
    wait_until(lambda: not web.children(), WAIT)
    assert web.process.poll() is None
    wait_until(lambda: " web 127.0.0.1 " in web.log.read_text())
    assert "Traceback" not in web.log.read_text()  # one line, as over SSH


def response(web: WebServer, path: str, cookie: str = "") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=WAIT)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def test_the_cookie_is_this_servers_the_page_cannot_be_framed_nor_static_listed(web):
    page = response(web, f"/?token={TOKEN}")
    assert page.status == 200
    assert page.getheader("Set-Cookie").startswith(f"ragft_token_{web.port}={TOKEN};")
    for answer in (page, response(web, "/")):
        assert answer.getheader("Content-Security-Policy") == "frame-ancestors 'none'"
        assert answer.getheader("X-Frame-Options") == "DENY"
    cookie = f"ragft_token_{web.port}={TOKEN}"
    assert response(web, "/static/js/textual.js", cookie).status == 200
    assert response(web, "/static/", cookie).status in (403, 404)
    assert response(web, "/static/js/", cookie).status in (403, 404)
    assert response(web, "/", f"ragft_token={TOKEN}").status == 403  # another server's name


def test_an_address_that_keeps_guessing_is_slowed_and_the_right_token_still_passes(web):
    statuses = [response(web, f"/?token=wrong-{n:020d}").status for n in range(12)]
    assert statuses == [403] * 10 + [429] * 2
    assert response(web, f"/?token={TOKEN}").status == 200


def serve_web(tmp_path, *options: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [RAGFT, "serve", "--web", "--port", str(free_port()), *options],
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
        ("abababababababababab", "too easy to guess"),
        ("short", "use 16 or more letters"),
    ],
)
def test_a_weak_token_is_refused_in_one_line(tmp_path, token, problem):
    process = serve_web(tmp_path, "--token", token)
    out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 2 and out == ""
    assert err.count("\n") == 1 and problem in err and "--token" in err


def test_the_token_can_come_from_a_file_or_the_environment_out_of_sight_of_ps(tmp_path):
    secret = "from-a-file-0123456789XYZ"
    (tmp_path / "token").write_text(secret + "\n")
    for options, env in (
        (("--token-file", str(tmp_path / "token")), {}),
        ((), {"RAGFT_WEB_TOKEN": secret}),
    ):
        process = serve_web(tmp_path, *options, env=env)
        try:
            assert process.stdout.readline().strip().endswith(f"?token={secret}")
            command_line = Path(f"/proc/{process.pid}/cmdline").read_bytes()
            assert secret.encode() not in command_line
        finally:
            process.terminate()
            process.communicate(timeout=WAIT)
    missing = serve_web(tmp_path, "--token-file", str(tmp_path / "nothing"))
    _, err = missing.communicate(timeout=WAIT)
    assert missing.returncode == 2 and "no such file" in err and err.count("\n") == 1


async def test_sigterm_with_a_tab_open_saves_ends_and_stops_in_seconds(web):
    async with aiohttp.ClientSession() as session, session.ws_connect(url(web)) as tab:
        await first_frame(tab)
        await tab.send_str(json.dumps(["stdin", "Stopped\r"]))
        await read_until(tab, b"Step 1 of")
        (wizard,) = web.children()
        web.process.terminate()
        await read_until(tab, b"the server is stopping; your answers are saved")
        # A bound that catches a hang (it took 21 s), not a speed test.
        await asyncio.to_thread(web.process.wait, 10)
    assert not Path(f"/proc/{wizard}").exists()
    assert any('name = "Stopped"' in text for text in web.sessions())
    log = web.log.read_text()
    assert "Traceback" not in log and "server stopped" in log
