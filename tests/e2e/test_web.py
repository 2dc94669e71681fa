"""`ragft serve --web` in a real headless Chromium (Debian's chromium, driven
by Playwright): the token, the wizard, a key that answers, two tabs."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.support.proc import children
from tests.support.ssh_server import free_port
from tests.support.terminal import RAGFT
from tests.support.waiting import wait_until

pytest.importorskip("textual_serve", reason="ragft serve --web needs the web extra")
playwright = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright")
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("no chromium: run tests/system-deps.sh", allow_module_level=True)

TOKEN = "test-token-0123456789abcdef"
CONTROL = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")
SCREENSHOT = REPO / "screenshots" / "browser.png"


class WebServer:
    def __init__(self, folder: Path, *options: str) -> None:
        self.config = folder / "config"
        self.port = free_port()
        self.log = folder / "web.log"
        self.process = subprocess.Popen(
            [RAGFT, "serve", "--web", "--port", str(self.port), "--token", TOKEN, *options],
            env={**os.environ, "XDG_CONFIG_HOME": str(self.config)},
            stdout=open(self.log, "w"),  # noqa: SIM115 - lives as long as the server
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: "open http://" in self.log.read_text(), 15)
        wait_until(lambda: self.status("/") == 403, 15)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={TOKEN}"

    def status(self, path: str, headers: dict | None = None) -> int | None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path, headers=headers or {})
            return connection.getresponse().status
        except OSError:
            return None
        finally:
            connection.close()

    def sessions(self) -> list[str]:
        folder = self.config / "ragft" / "sessions"
        return [p.read_text() for p in sorted(folder.glob("*.toml"))]

    def children(self) -> list[int]:
        return children(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def web(tmp_path):
    server = WebServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def browser():
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Tab:
    """A browser tab on the wizard, with what the wizard has sent it as text."""

    def __init__(self, browser, url: str, size: tuple[int, int] = (1000, 700)) -> None:
        self.page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.received = bytearray()
        self.sent: list[str] = []
        self.page.on("websocket", self._watch)
        self.response = self.page.goto(url)

    def _watch(self, socket) -> None:
        socket.on(
            "framereceived",
            lambda frame: self.received.extend(frame if isinstance(frame, bytes) else b""),
        )
        socket.on("framesent", lambda frame: self.sent.append(str(frame)))

    def sizes_sent(self) -> list[tuple[int, int]]:
        """The terminal sizes the page has told the wizard, in order."""
        sizes = []
        for frame in self.sent:
            match = re.fullmatch(r'\["resize", ?\{"width": ?(\d+), ?"height": ?(\d+)\}\]', frame)
            if match:
                sizes.append((int(match[1]), int(match[2])))
        return sizes

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        """Until `text` has been drawn (styles between its words aside)."""
        encoded = text.encode()
        deadline = time.monotonic() + timeout
        while encoded not in CONTROL.sub(b"", bytes(self.received)):
            assert time.monotonic() < deadline, f"{text!r} never arrived"
            self.page.wait_for_timeout(100)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)


def start_a_session(tab: Tab, name: str) -> None:
    tab.wait_for("Name of the new decision")
    tab.page.click(".textual-terminal")
    tab.type(name)
    tab.press("Enter")
    tab.wait_for("Step 1 of ")
    tab.press("1")  # problem = knowledge
    tab.wait_for("Knowledge branch")


def test_the_wizard_in_a_browser_answers_a_key_and_saves_it(web, browser):
    tab = Tab(browser, web.url)
    assert tab.response.status == 200 and tab.page.title() == "ragft"
    start_a_session(tab, "Browser bot")
    wait_until(lambda: any('problem = "knowledge"' in s for s in web.sessions()))
    assert any('name = "Browser bot"' in s for s in web.sessions())
    if os.environ.get("RAGFT_SCREENSHOTS"):
        tab.page.wait_for_timeout(500)
        tab.page.screenshot(path=str(SCREENSHOT))
    log = web.log.read_text()
    assert log.count(TOKEN) == 1  # in the URL printed once, in no request line


def test_without_the_token_everything_is_refused(web, browser):
    assert web.status("/") == 403
    assert web.status("/?token=wrong-token-0123456789") == 403
    assert web.status("/static/") == 403
    assert web.status("/static/js/textual.js") == 403
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    assert web.status("/ws", upgrade) == 403
    cookie = {"Cookie": f"ragft_token_{web.port}={TOKEN}"}
    foreign = {**upgrade, **cookie, "Origin": "http://evil.example"}
    assert web.status("/ws", foreign) == 403  # another site's script, with our cookie
    page = browser.new_page()
    refused = page.goto(f"http://127.0.0.1:{web.port}/")
    assert refused.status == 403 and "ragft" not in page.content()


def test_two_tabs_two_processes_both_saved_both_ended(web, browser):
    tabs = [Tab(browser, web.url) for _ in range(2)]
    for number, tab in enumerate(tabs):
        start_a_session(tab, f"tab {number}")
    assert len(web.children()) == 2
    for tab in tabs:
        tab.page.close()
    wait_until(lambda: not web.children(), 15)
    saved = [s for s in web.sessions() if 'name = "tab ' in s]
    assert len(saved) == 2 and all('problem = "knowledge"' in s for s in saved)


def test_the_wizard_follows_the_window(web, browser):
    tab = Tab(browser, web.url, size=(800, 600))
    tab.wait_for("Name of the new decision")
    wait_until(tab.sizes_sent)
    small = tab.sizes_sent()[-1]
    before = len(tab.received)
    tab.page.set_viewport_size({"width": 1400, "height": 900})

    def told_the_new_size() -> bool:
        if tab.sizes_sent()[-1] != small:
            return True
        # A loaded headless browser can resize the viewport without firing the
        # window's resize event at once; the page's own handler is what we test.
        tab.page.evaluate("window.dispatchEvent(new Event('resize'))")
        tab.page.wait_for_timeout(200)
        return False

    wait_until(told_the_new_size, 20)
    large = tab.sizes_sent()[-1]
    assert large[0] > small[0] and large[1] > small[1]
    wait_until(lambda: len(tab.received) > before + 1000, 30)  # redrawn for the new size


def test_another_address_gets_the_tls_advice(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [RAGFT, "serve", "--web", "--host", "0.0.0.0", "--port", str(port)],
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert first.startswith("ragft serve --web: open http://0.0.0.0:")
    assert "?token=" in first and len(first.split("?token=")[1].strip()) >= 24
    assert "put it behind TLS" in second


def test_keys_work_as_in_a_terminal(web, browser):
    tab = Tab(browser, web.url)
    start_a_session(tab, "keys")
    tab.press("F1")  # the browser's own help stays away: the page takes it
    tab.wait_for("One question of the decision flowchart at a time")
    tab.press("Escape")
    tab.press("Control+p")  # not the browser's print dialog: the palette
    tab.wait_for("Search for commands")
    tab.press("Escape")
    tab.press("ArrowLeft")  # back to the first question
    tab.wait_for("Step 1 of ")
