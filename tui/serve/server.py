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
MAX_LOGGING_IN = 20  # connections still logging in at once, as OpenSSH's MaxStartups 10:30:100
FULL = "this server is full; try again in a few minutes"
BUSY = "too many logins under way here; try again in a minute"
KEYS_CHECK = 2.0  # seconds between looks at whether authorized_keys changed
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
    connections: set[Connection] = field(default_factory=set)
    stopping: bool = False

    def take_slot(self) -> bool:
        """Reserve a program's place, at once (no await between the check and
        the taking, so connections that arrive together cannot all pass)."""
        if self.stopping or self.slots_taken >= self.settings.max_connections:
            return False
        self.slots_taken += 1
        return True

    def note_problems(self) -> None:
        """Read the keys again if the file changed; log what it left out, and
        end the connections of keys it no longer grants."""
        problems = self.keys.refresh()
        for problem in problems:
            log(f"authorized keys: {problem}")
        for connection in list(self.connections):
            granted = connection.key is not None and self.keys.grants.get(connection.key)
            if connection.grant is not None and granted != connection.grant:
                connection.end("key removed")

    def logging_in(self) -> int:
        return sum(1 for c in self.connections if c.grant is None)

    def logged_in(self) -> int:
        return sum(1 for c in self.connections if c.grant is not None)


class Connection(asyncssh.SSHServer):
    """One client's connection: who it is, what it runs, and why it ended."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.grant: Grant | None = None
        self.key: bytes | None = None  # the public key it logged in with
        self._offered: tuple[Grant, bytes] | None = None
        self._failures = 0
        self.why = "closed by the client"
        self.address = "?"
        self.opened = time.monotonic()
        self.children: set[asyncio.subprocess.Process] = set()
        self.programs = 0  # programs running or starting on its channels
        self.activity = Activity()  # touched as programs start and end
        self._conn: asyncssh.SSHServerConnection | None = None
        self._idle_watch: asyncio.Task[None] | None = None
        self._ending: asyncio.Future[None] | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.address = f"{peer[0]}:{peer[1]}"
        if self.hub.logging_in() >= MAX_LOGGING_IN:
            # Strangers may hold a login open for LOGIN_GRACE each: a cap keeps
            # a crowd of them from costing the host more than this many.
            self.why = "refused: too many logging in"
            conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, BUSY)
            return
        self.hub.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.hub.connections.discard(self)
        if self._idle_watch is not None:
            self._idle_watch.cancel()
        if exc is not None and self.why == "closed by the client":
            self.why = f"dropped ({type(exc).__name__}: {exc})"
        person = self.grant.person.name if self.grant else "-"
        fingerprint = self.grant.fingerprint if self.grant else "-"
        duration = time.monotonic() - self.opened
        log(f"{person} {fingerprint} {self.address} {duration:.1f}s {self.why}")

    def end(self, why: str) -> None:
        """End its programs (each saves first), then the connection."""
        if self._ending is None:
            self.why = why
            self._ending = asyncio.ensure_future(self._end())

    async def _end(self) -> None:
        await asyncio.gather(*(ask_to_end(child) for child in list(self.children)))
        # Each channel says why and sends its exit status before the line goes.
        deadline = time.monotonic() + CLOSE_WAIT
        while self.programs and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self._conn is not None:
            self._conn.close()

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
        grant = self.hub.keys.grant_for(key)
        if grant is not None:
            self._offered = (grant, key.public_data)
            return True
        self._failures += 1
        self.why = "refused: no authorized key"
        if self._failures >= MAX_AUTH_FAILURES and self._conn is not None:
            self.why = f"refused: {self._failures} keys not authorized"
            self._conn.close()
        return False

    def auth_completed(self) -> None:
        # The last key validated is the one whose signature just checked out.
        assert self._offered is not None
        self.grant, self.key = self._offered
        self.why = "closed by the client"
        self.activity.touch()
        if self.hub.logged_in() > self.hub.settings.max_connections or self.hub.stopping:
            # Connections with no program (ssh -N) count too.
            self.why = "refused: server full"
            if self._conn is not None:
                self._conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, FULL)
            return
        self._idle_watch = asyncio.ensure_future(self._close_when_idle())

    async def _close_when_idle(self) -> None:
        """A connection that runs nothing for the idle timeout is closed (a
        wizard's own idle clock is the keys typed, see _watch_idle)."""
        limit = self.hub.settings.idle_timeout
        if limit is None:
            return
        while True:
            await asyncio.sleep(min(IDLE_CHECK, max(limit - self.activity.idle, 0.05)))
            if self.programs == 0 and self.activity.idle >= limit and self._conn is not None:
                self.why = f"idle for {limit / 60:g} min with nothing open"
                self._conn.close()
                return


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
        _say(process, FULL)
        process.exit(1)
        return
    connection.programs += 1
    try:
        await _run(hub, process, connection, folder, arguments)
    finally:
        hub.slots_taken -= 1
        connection.programs -= 1
        connection.activity.touch()


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
        connection.children.add(child)
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
        connection.children.difference_update(
            {c for c in connection.children if c.returncode is not None}
        )
    if connection.why.startswith("idle"):
        _say(process, f"{connection.why}: your answers are saved; connect again to go on")
    elif connection.why == "key removed":
        _say(process, "your key was removed from this server; your answers are saved")
    elif hub.stopping:
        connection.why = "server stopped"
        _say(process, "the server is stopping; your answers are saved")
    process.exit(max(code, 0))
    with contextlib.suppress(TimeoutError):
        # asyncssh finishes forwarding the last output here.
        await asyncio.wait_for(process.wait_closed(), CLOSE_WAIT)


async def _watch_keys(hub: Hub) -> None:
    """authorized_keys read again when it changes, not only at the next
    login: a key taken out ends its person's open connections."""
    while True:
        await asyncio.sleep(KEYS_CHECK)
        hub.note_problems()


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
    watcher = asyncio.ensure_future(_watch_keys(hub))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sent in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sent, stop.set)
    await stop.wait()
    hub.stopping = True
    watcher.cancel()
    server.close()
    open_wizards = [child for child in hub.running if child.returncode is None]
    log(f"ragft serve: stopping; asking {len(open_wizards)} open wizards to save and end")
    await asyncio.gather(*(ask_to_end(child) for child in open_wizards))
    await asyncio.sleep(0.2)  # let each connection send its exit status
    log("ragft serve: stopped")
    return 0


def serve(settings: Settings) -> int:
    return asyncio.run(_serve(settings))
