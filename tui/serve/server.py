"""The SSH server: keys-only authentication, one person per key, limits,
one log line per connection, and a clean stop that lets every wizard save."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

from tui.serve.child import (
    EXIT_REFUSED,
    command_line,
    home,
    move_old_folders,
    run_command,
    run_wizard,
)
from tui.serve.journal import log
from tui.serve.keys import AuthorizedKeys, Grant, host_key
from tui.serve.limits import DEFAULT_MEMORY_MIB
from tui.serve.processes import Activity, ask_to_end

LOGIN_GRACE = 30.0  # seconds to finish logging in
MAX_AUTH_FAILURES = 6  # keys refused on one connection before it is closed
IDLE_CHECK = 15.0  # seconds between idle checks, at most
CLOSE_WAIT = 5.0  # seconds for a finished channel to close


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    host_key: Path
    authorized_keys: Path
    people: Path  # where each person's folder goes
    max_connections: int
    idle_timeout: float | None  # seconds
    memory_mib: int = DEFAULT_MEMORY_MIB  # each wizard's address-space ceiling


@dataclass
class Hub:
    """What every connection shares."""

    settings: Settings
    keys: AuthorizedKeys
    running: set[asyncio.subprocess.Process] = field(default_factory=set)
    slots_taken: int = 0  # programs started or starting: the limit counts these
    stopping: bool = False

    def take_slot(self) -> bool:
        """Reserve a program's place, at once (no await between the check and
        the taking, so connections that arrive together cannot all pass)."""
        if self.stopping or self.slots_taken >= self.settings.max_connections:
            return False
        self.slots_taken += 1
        return True

    def note_problems(self) -> None:
        for problem in self.keys.refresh():
            log(f"authorized keys: {problem}")


class Connection(asyncssh.SSHServer):
    """One client's connection: who it is, and why it ended."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.grant: Grant | None = None
        self._offered: Grant | None = None
        self._failures = 0
        self.why = "closed by the client"
        self.address = "?"
        self.opened = time.monotonic()
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.address = f"{peer[0]}:{peer[1]}"

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is not None and self.why == "closed by the client":
            self.why = f"dropped ({type(exc).__name__}: {exc})"
        person = self.grant.person.name if self.grant else "-"
        fingerprint = self.grant.fingerprint if self.grant else "-"
        duration = time.monotonic() - self.opened
        log(f"{person} {fingerprint} {self.address} {duration:.1f}s {self.why}")

    def begin_auth(self, username: str) -> bool:
        return True  # every connection must authenticate

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        self.hub.note_problems()
        self._offered = self.hub.keys.grant_for(key)
        if self._offered is not None:
            return True
        self._failures += 1
        self.why = "refused: no authorized key"
        if self._failures >= MAX_AUTH_FAILURES and self._conn is not None:
            self.why = f"refused: {self._failures} keys not authorized"
            self._conn.close()
        return False

    def auth_completed(self) -> None:
        # The last key validated is the one whose signature just checked out.
        self.grant = self._offered
        self.why = "closed by the client"


def _say(process: asyncssh.SSHServerProcess, line: str) -> None:
    ending = "\r\n" if process.term_type else "\n"
    process.stderr.write(f"ragft: {line}{ending}".encode())


async def _watch_idle(
    hub: Hub, connection: Connection, activity: Activity, child: asyncio.subprocess.Process
) -> None:
    limit = hub.settings.idle_timeout
    if limit is None:
        return
    while child.returncode is None:
        await asyncio.sleep(min(IDLE_CHECK, max(limit - activity.idle, 0.05)))
        if activity.idle >= limit and child.returncode is None:
            connection.why = f"idle for {limit / 60:g} min"
            await ask_to_end(child)


async def _handle(hub: Hub, process: asyncssh.SSHServerProcess) -> None:
    connection = process.channel.get_connection().get_owner()
    assert isinstance(connection, Connection) and connection.grant is not None
    person = connection.grant.person
    folder = home(hub.settings.people, person)
    if process.subsystem:
        connection.why = f"refused: subsystem {process.subsystem}"
        _say(process, f"no {process.subsystem} here: only the wizard and its commands")
        process.exit(EXIT_REFUSED)
        return
    arguments = command_line(process.command)
    if isinstance(arguments, str):
        connection.why = "refused: command"
        _say(process, arguments)
        process.exit(EXIT_REFUSED)
        return
    if not arguments and not process.term_type:
        connection.why = "refused: no terminal"
        _say(
            process,
            "the wizard needs a terminal (ssh -t); without one: list, export NAME, decide -",
        )
        process.exit(EXIT_REFUSED)
        return
    if not hub.take_slot():
        connection.why = "refused: server full" if not hub.stopping else "refused: stopping"
        _say(process, "this server is full; try again in a few minutes")
        process.exit(1)
        return
    try:
        await _run(hub, process, connection, folder, arguments)
    finally:
        hub.slots_taken -= 1


async def _run(
    hub: Hub,
    process: asyncssh.SSHServerProcess,
    connection: Connection,
    folder: Path,
    arguments: list[str],
) -> None:
    """The person's program in a slot already taken, and what it ended with."""
    activity = Activity()
    watchers: list[asyncio.Task[None]] = []

    def started(child: asyncio.subprocess.Process) -> None:
        hub.running.add(child)
        if not arguments:
            watchers.append(asyncio.ensure_future(_watch_idle(hub, connection, activity, child)))

    try:
        if arguments:
            code = await run_command(process, folder, arguments, started, hub.settings.memory_mib)
        else:
            code = await run_wizard(process, folder, activity, started, hub.settings.memory_mib)
    finally:
        for watcher in watchers:
            watcher.cancel()
        hub.running.difference_update({c for c in hub.running if c.returncode is not None})
    if connection.why.startswith("idle"):
        _say(process, f"{connection.why}: your answers are saved; connect again to go on")
    elif hub.stopping:
        connection.why = "server stopped"
        _say(process, "the server is stopping; your answers are saved")
    process.exit(max(code, 0))
    with contextlib.suppress(TimeoutError):
        # asyncssh finishes forwarding the last output here.
        await asyncio.wait_for(process.wait_closed(), CLOSE_WAIT)


async def _serve(settings: Settings) -> int:
    keys = AuthorizedKeys(settings.authorized_keys)
    keys.require()
    hub = Hub(settings, keys)
    for problem in keys.problems:  # require() read the file: say what it left out
        log(f"authorized keys: {problem}")
    for line in move_old_folders(settings.people, {g.person for g in keys.grants.values()}):
        log(f"people: {line}")
    key = host_key(settings.host_key)

    async def handle(process: asyncssh.SSHServerProcess) -> None:
        try:
            await _handle(hub, process)
        except Exception as error:  # one connection's failure never stops the server
            log(f"error on a connection: {type(error).__name__}: {error}")
            with contextlib.suppress(Exception):
                process.exit(1)

    server = await asyncssh.create_server(
        lambda: Connection(hub),
        settings.host,
        settings.port,
        server_host_keys=[key],
        process_factory=handle,
        encoding=None,
        line_editor=False,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        login_timeout=LOGIN_GRACE,
        keepalive_interval=60,
        keepalive_count_max=3,
    )
    where = settings.host or "every interface"
    log(
        f"ragft serve: listening on {where} port {settings.port}; host key "
        f"{key.get_fingerprint()}; {len(keys.grants)} keys from {settings.authorized_keys}"
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sent in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sent, stop.set)
    await stop.wait()
    hub.stopping = True
    server.close()
    open_wizards = [child for child in hub.running if child.returncode is None]
    log(f"ragft serve: stopping; asking {len(open_wizards)} open wizards to save and end")
    await asyncio.gather(*(ask_to_end(child) for child in open_wizards))
    await asyncio.sleep(0.2)  # let each connection send its exit status
    log("ragft serve: stopped")
    return 0


def serve(settings: Settings) -> int:
    return asyncio.run(_serve(settings))
