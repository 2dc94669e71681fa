"""`ragft serve --web`: the wizard in a browser, through textual-serve (the
`web` extra), one wizard process per browser tab.

textual-serve has no authentication of its own, so every request here must
carry the token, as Jupyter does it: in the URL the server prints
(`?token=...`), which sets a cookie for the page's own requests (its
scripts, its websocket). Anything else gets a bare 403. The token is
compared in constant time and appears in no log."""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import re
import secrets
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from textual_serve.server import Server

COOKIE = "ragft_token"
EXTERNAL_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)
LOOPBACK = "127.0.0.1"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _same_origin(request: web.Request) -> bool:
    """A websocket opened by our own page, not by another site's script."""
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host


def token_check(token: str) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    expected = token.encode()

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        in_url = request.query.get("token", "")
        given = in_url or request.cookies.get(COOKIE, "")
        if not hmac.compare_digest(given.encode(), expected) or not _same_origin(request):
            return web.Response(status=403, text="403 Forbidden\n")
        response = await handler(request)
        if in_url and not response.prepared:
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return require_token


class WebServer(Server):
    """textual-serve's server behind the token, quiet about it, and with its
    page's addresses taken from the request (so a proxy in front works)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        # exec: the wizard replaces the shell textual-serve starts it with.
        command = "exec " + shlex.join([sys.executable, "-m", "tui"])
        super().__init__(command, host=host, port=port, title="ragft")
        self.token = token

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(token_check(self.token))
        return app

    async def handle_index(self, request: web.Request) -> Any:
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme)
        self.public_url = f"{scheme}://{request.host}"
        page = await super().handle_index(request)
        # The tab says ragft, and the page asks nothing of other sites (the
        # template's web font would be fetched from one).
        html = EXTERNAL_FONT.sub("", page.text)
        page.text = html.replace("<head>", "<head>\n    <title>ragft</title>", 1)
        return page

    async def on_startup(self, app: web.Application) -> None:
        """ragft prints its own lines (see serve_web), never textual-serve's banner."""

    def initialize_logging(self) -> None:
        """No request log: its lines would hold the token."""


def serve_web(host: str, port: int, token: str | None) -> int:
    token = token or new_token()
    shown_host = f"[{host}]" if ":" in host else host
    print(f"ragft serve --web: open http://{shown_host}:{port}/?token={token}", flush=True)
    if not is_loopback(host):
        print(
            f"ragft serve --web: listening on {host}, beyond this machine: put it behind "
            "TLS (a reverse proxy), or the token crosses the network in the clear",
            flush=True,
        )
    print("ragft serve --web: Ctrl+C stops it; each tab's answers are saved", flush=True)
    server = WebServer(host, port, token)
    # textual-serve's own serve() logs every request; run the app without that.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for sent in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sent, server.request_exit)
    web.run_app(
        server._make_app(),
        host=host,
        port=port,
        handle_signals=False,
        loop=loop,
        access_log=None,
        print=lambda *_: None,
    )
    return 0
