"""`ragft serve --web`: the wizard in a browser, one wizard process per tab.

textual-serve (the `web` extra) gives the page, its scripts and the protocol
between the page and Textual's web driver. Its server has no authentication,
no limits and a stop that can wait for ever on a tab that stopped reading, so
the websocket side is ragft's own, with the limits of the SSH mode:

- Every request needs the token, as Jupyter does it: in the URL the server
  prints (`?token=...`), which sets a cookie named for this server's port for
  the page's own requests. Anything else gets a bare 403; an address that
  keeps guessing is made to wait. The token is compared in constant time and
  appears in no log. The page cannot be framed; the static folder is not
  listed.
- At most `max_connections` wizards; a size the page names is clamped; each
  wizard runs under the memory ceiling, in the person's web folder, which is
  the only place its exports may go; an idle one is saved and ended.
- A tab that closes, drops or stops reading has its wizard saved and ended
  within seconds; one log line per tab, and no traceback."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import signal
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server

from tui.core.settings import CONFINE
from tui.serve.journal import log
from tui.serve.limits import clamp_size
from tui.serve.processes import Activity, end, start_ragft

EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)
LOOPBACK = "127.0.0.1"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TOKEN_VARIABLE = "RAGFT_WEB_TOKEN"  # where a token can come from without showing in `ps`
MIN_DISTINCT = 8  # a token with fewer different characters is too easy to guess
GUESSES = 10  # wrong tokens from one address within GUESS_WINDOW before it must wait
GUESS_WINDOW = 60.0
GUESS_DELAY = 1.0  # seconds, per wrong token past GUESSES
STATUS_TEXT = {403: "Forbidden", 429: "Too Many Requests"}
GUESSERS_KEPT = 10_000  # addresses remembered; beyond it the oldest are forgotten
SEND_TIMEOUT = 10.0  # a tab that takes longer than this to take one frame has stopped reading
START_TIMEOUT = 30.0  # for the wizard to say it is a Textual app
MAX_MESSAGE = 64 * 1024  # a browser sends keys and sizes, never more than this at once
MAX_PACKET = 16 * 1024 * 1024  # from the wizard: one frame of a 1000x300 screen is far less
IDLE_CHECK = 15.0
CLOSE_WAIT = 2.0  # seconds for a tab to answer our goodbye before it is cut
# Seconds between pings; a tab that has not answered one within half of it
# (a browser answers on its own) is taken as gone.
HEARTBEAT = 10.0
REFUSED_FULL = "this server is full; try again in a few minutes"
PRELUDE = b"__GANGLION__\n"  # what Textual's web driver writes before its packets
FRAME_HEADERS = {"Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_problem(token: str) -> str | None:
    """Why a token given by the user will not do, or None."""
    if len(token) < 16 or not re.fullmatch(r"[A-Za-z0-9_-]+", token):
        return "use 16 or more letters, digits, - or _"
    if len(set(token)) < MIN_DISTINCT:
        return f"too easy to guess: use at least {MIN_DISTINCT} different characters"
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cookie_name(port: int) -> str:
    """One cookie per server: a browser sends a host's cookies to all its
    ports, so two servers on one host must not read or overwrite each other's."""
    return f"ragft_token_{port}"


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by our own page, not by another site's script."""
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host


class Guesses:
    """Wrong tokens by address. Past GUESSES in GUESS_WINDOW, an address's
    wrong tokens are answered one at a time, a second each, with 429: a
    guesser gets one try a second, while the right token (from the same
    proxy, say) still passes at once."""

    def __init__(self) -> None:
        self._wrong: dict[str, deque[float]] = {}
        self._queues: dict[str, asyncio.Lock] = {}

    async def wrong(self, address: str) -> int:
        """Note a wrong token; the status to answer it with, after its wait."""
        if address not in self._wrong and len(self._wrong) >= GUESSERS_KEPT:
            oldest = next(iter(self._wrong))
            self._wrong.pop(oldest)
            self._queues.pop(oldest, None)
        times = self._wrong.setdefault(address, deque(maxlen=GUESSES + 1))
        now = time.monotonic()
        while times and times[0] < now - GUESS_WINDOW:
            times.popleft()
        times.append(now)
        if len(times) <= GUESSES:
            return 403
        async with self._queues.setdefault(address, asyncio.Lock()):
            await asyncio.sleep(GUESS_DELAY)
        return 429


def token_check(token: str, cookie: str, guesses: Guesses) -> Middleware:
    expected = token.encode()

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        in_url = request.query.get("token", "")
        given = in_url or request.cookies.get(cookie, "")
        if not hmac.compare_digest(given.encode(), expected) or not _same_origin(request):
            status = await guesses.wrong(request.remote or "?") if given else 403
            return web.Response(status=status, text=f"{status} {STATUS_TEXT[status]}\n")
        response = await handler(request)
        if in_url and not response.prepared:
            response.set_cookie(cookie, token, httponly=True, samesite="Strict")
        return response

    return require_token


async def _no_framing(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(FRAME_HEADERS)


@dataclass(frozen=True)
class WebSettings:
    host: str
    port: int
    token: str
    folder: Path  # the person's web folder: where the wizard runs and exports go
    max_connections: int
    idle_timeout: float | None  # seconds
    memory_mib: int


@dataclass
class Tab:
    """One browser tab: its address, its wizard, and why it ended."""

    address: str
    activity: Activity = field(default_factory=Activity)
    opened: float = field(default_factory=time.monotonic)
    why: str = "closed by the client"
    stalled: bool = False  # stopped reading: its connection is cut, not closed


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


def _packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


class WebServer(Server):
    """textual-serve's page and scripts behind the token, with ragft's own
    websocket side (see the module's docstring)."""

    def __init__(self, settings: WebSettings) -> None:
        super().__init__("ragft", host=settings.host, port=settings.port, title="ragft")
        self.settings = settings
        self.cookie = cookie_name(settings.port)
        self.guesses = Guesses()
        self.slots_taken = 0
        self.wizards: set[asyncio.subprocess.Process] = set()
        self.stopping = False

    async def _make_app(self) -> web.Application:
        app = web.Application(
            middlewares=[token_check(self.settings.token, self.cookie, self.guesses)]
        )
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_response_prepare.append(_no_framing)
        app.on_shutdown.append(self._end_every_wizard)
        return app

    async def handle_index(self, request: web.Request) -> Any:
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
        self.public_url = f"{scheme}://{request.host}"
        page = await super().handle_index(request)
        if not isinstance(page, web.Response) or page.text is None:
            return page  # not the rendered page (an error): nothing to rewrite
        # The tab says ragft, and the page asks nothing of other sites (the
        # template's web font would be fetched from one).
        html = EXTERNAL_FONT.sub("", page.text)
        page.text = html.replace("<head>", "<head>\n    <title>ragft</title>", 1)
        return page

    def initialize_logging(self) -> None:
        """No request log: its lines would hold the token."""

    # One tab ---------------------------------------------------------------------

    async def handle_websocket(  # type: ignore[override]  # a refused tab gets a plain response
        self, request: web.Request
    ) -> web.StreamResponse:
        tab = Tab(request.remote or "?")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        if self.stopping or self.slots_taken >= self.settings.max_connections:
            # Taken and checked with no await between: tabs opened together
            # cannot all pass.
            tab.why = "refused: stopping" if self.stopping else "refused: server full"
            with contextlib.suppress(Exception):
                await websocket.prepare(request)
                await self._send(websocket, tab, f"ragft: {REFUSED_FULL}\r\n".encode())
                await asyncio.wait_for(websocket.close(), SEND_TIMEOUT)
            self._log(tab)
            return websocket
        self.slots_taken += 1
        wizard: asyncio.subprocess.Process | None = None
        try:
            await websocket.prepare(request)
            size = clamp_size(
                _number(request.query.get("width", "")), _number(request.query.get("height", ""))
            )
            wizard = await self._start_wizard(size)
            await self._relay(websocket, wizard, tab)
            if tab.why == "closed by the client" and websocket.exception() is not None:
                tab.why = f"dropped ({type(websocket.exception()).__name__}: no answer to pings)"
        except Exception as error:  # one tab's failure never reaches another, or a log as a trace
            if not tab.stalled:
                tab.why = f"error: {type(error).__name__}: {error}"
        finally:
            if wizard is not None:
                await self._end_wizard(wizard)
                self.wizards.discard(wizard)
            self.slots_taken -= 1
            await self._close(request, websocket, tab)
            self._log(tab)
        return websocket

    async def _start_wizard(self, size: tuple[int, int]) -> asyncio.subprocess.Process:
        folder = self.settings.folder
        environment = {k: v for k, v in os.environ.items() if k != TOKEN_VARIABLE}
        environment.update(
            {
                "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
                "TEXTUAL_FPS": "60",
                "TEXTUAL_COLOR_SYSTEM": "truecolor",
                "TERM_PROGRAM": "textual",
                "TERM_PROGRAM_VERSION": version("textual-serve"),
                "COLUMNS": str(size[0]),
                "ROWS": str(size[1]),
                CONFINE: str(folder),
            }
        )
        pipe = asyncio.subprocess.PIPE
        wizard = await start_ragft(
            (),
            folder,
            environment,
            self.settings.memory_mib,
            streams=(pipe, pipe, asyncio.subprocess.DEVNULL),
        )
        self.wizards.add(wizard)
        return wizard

    async def _relay(
        self, websocket: web.WebSocketResponse, wizard: asyncio.subprocess.Process, tab: Tab
    ) -> None:
        """Until the tab or the wizard ends, or the tab idles out."""
        tasks = {
            asyncio.ensure_future(self._from_wizard(websocket, wizard, tab)),
            asyncio.ensure_future(self._from_tab(websocket, wizard, tab)),
            asyncio.ensure_future(self._idle_watch(tab)),
        }
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # its error, if any, is the tab's
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _from_wizard(
        self, websocket: web.WebSocketResponse, wizard: asyncio.subprocess.Process, tab: Tab
    ) -> None:
        output = wizard.stdout
        assert output is not None
        await asyncio.wait_for(output.readuntil(PRELUDE), START_TIMEOUT)
        with contextlib.suppress(asyncio.IncompleteReadError):
            while True:
                kind = await output.readexactly(1)
                size = int.from_bytes(await output.readexactly(4), "big")
                if size > MAX_PACKET:
                    raise ValueError(f"a packet of {size} bytes from the wizard")
                payload = await output.readexactly(size)
                if kind == b"D":
                    await self._send(websocket, tab, payload)
                elif kind == b"M" and b'"exit"' in payload:
                    break  # the person quit: the driver says so as it stops
        if tab.why == "closed by the client":
            tab.why = "ended by the person"

    async def _from_tab(
        self, websocket: web.WebSocketResponse, wizard: asyncio.subprocess.Process, tab: Tab
    ) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)
            except (ValueError, TypeError):
                continue  # not the page's protocol: ignored, as a terminal ignores noise
            if kind == "stdin" and isinstance(data, str):
                tab.activity.touch()
                await self._to_wizard(wizard, _packet(b"D", data.encode("utf-8", "replace")))
            elif kind == "resize" and isinstance(data, dict):
                columns, rows = clamp_size(data.get("width"), data.get("height"))
                meta = {"type": "resize", "width": columns, "height": rows}
                await self._to_wizard(wizard, _packet(b"M", json.dumps(meta).encode()))
            elif kind in ("focus", "blur"):
                await self._to_wizard(wizard, _packet(b"M", json.dumps({"type": kind}).encode()))
            elif kind == "ping":
                await asyncio.wait_for(websocket.send_json(["pong", data]), SEND_TIMEOUT)

    async def _idle_watch(self, tab: Tab) -> None:
        limit = self.settings.idle_timeout
        if limit is None:
            await asyncio.Future()  # never
            return
        while tab.activity.idle < limit:
            await asyncio.sleep(min(IDLE_CHECK, max(limit - tab.activity.idle, 0.05)))
        tab.why = f"idle for {limit / 60:g} min"

    async def _send(self, websocket: web.WebSocketResponse, tab: Tab, data: bytes) -> None:
        try:
            await asyncio.wait_for(websocket.send_bytes(data), SEND_TIMEOUT)
        except TimeoutError:
            tab.stalled = True
            tab.why = "stopped reading"
            raise

    @staticmethod
    async def _to_wizard(wizard: asyncio.subprocess.Process, data: bytes) -> None:
        assert wizard.stdin is not None
        wizard.stdin.write(data)
        await asyncio.wait_for(wizard.stdin.drain(), SEND_TIMEOUT)

    async def _end_wizard(self, wizard: asyncio.subprocess.Process) -> None:
        """Ask the wizard to quit (it saves); if it has not within the grace,
        hang it up (it saves and ends at once), then kill it."""
        with contextlib.suppress(Exception):
            await self._to_wizard(wizard, _packet(b"M", b'{"type": "quit"}'))
        await end(wizard, signal.SIGHUP)

    async def _close(
        self, request: web.Request, websocket: web.WebSocketResponse, tab: Tab
    ) -> None:
        """Tell the tab why, where it still listens; cut a tab that does not."""
        if not tab.stalled and not websocket.closed:
            line = self._last_line(tab)
            with contextlib.suppress(Exception):
                if line:  # below the wizard's last screen, off the alternate screen
                    message = f"\x1b[?1049l\r\nragft: {line}\r\n"
                    await self._send(websocket, tab, message.encode())
                await asyncio.wait_for(websocket.close(), CLOSE_WAIT)
        if (tab.stalled or not websocket.closed) and request.transport is not None:
            request.transport.abort()

    def _last_line(self, tab: Tab) -> str:
        if tab.why.startswith("idle"):
            return f"{tab.why}: your answers are saved; reload the page to go on"
        if self.stopping:
            tab.why = "server stopped"
            return "the server is stopping; your answers are saved"
        return ""

    def _log(self, tab: Tab) -> None:
        log(f"web {tab.address} {time.monotonic() - tab.opened:.1f}s {tab.why}")

    async def _end_every_wizard(self, app: web.Application) -> None:
        self.stopping = True
        open_wizards = [w for w in self.wizards if w.returncode is None]
        log(f"ragft serve --web: stopping; asking {len(open_wizards)} open wizards to save and end")
        await asyncio.gather(*(self._end_wizard(w) for w in open_wizards))


def serve_web(settings: WebSettings) -> int:
    shown_host = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(
        f"ragft serve --web: open http://{shown_host}:{settings.port}/?token={settings.token}",
        flush=True,
    )
    if not is_loopback(settings.host):
        print(
            f"ragft serve --web: listening on {settings.host}, beyond this machine: put it "
            "behind TLS (a reverse proxy), or the token crosses the network in the clear",
            flush=True,
        )
    print("ragft serve --web: Ctrl+C stops it; each tab's answers are saved", flush=True)
    server = WebServer(settings)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for sent in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sent, server.request_exit)
    # textual-serve's own serve() logs every request; run the app without that.
    web.run_app(
        server._make_app(),
        host=settings.host,
        port=settings.port,
        handle_signals=False,
        loop=loop,
        access_log=None,
        print=lambda *_: None,
        shutdown_timeout=5.0,
    )
    log("ragft serve --web: stopped")
    return 0
