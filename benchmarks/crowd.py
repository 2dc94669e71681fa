"""A crowd at once: 50 SSH connections to `ragft serve` and 50 browser tabs
(websockets) to `ragft serve --web`, all opened together, each until its
wizard has drawn; then all closed. The servers' memory and open handles, and
the wizards', before, during and after, against a bare Textual app's peak
memory measured in the same run.

    .venv/bin/python -m benchmarks.crowd [--each 50]

What must hold: every wizard ends once its connection closes, and the
servers' handles come back to where they were.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import asyncssh

from benchmarks import measure
from tests.support.proc import children, open_handles, status_kib
from tests.support.serve_server import RagftServer
from tests.support.ssh_server import free_port
from tests.support.terminal import RAGFT

HERE = Path(__file__).resolve().parent

TOKEN = "crowd-benchmark-0123456789abcdef"
WAIT = 120.0


@dataclass
class Snapshot:
    server_kib: int
    server_handles: int
    wizards: int
    wizards_kib: int


def snapshot(server: int) -> Snapshot:
    wizards = children(server)
    return Snapshot(
        status_kib(server, "VmRSS"),
        open_handles(server),
        len(wizards),
        sum(status_kib(pid, "VmRSS") for pid in wizards if Path(f"/proc/{pid}").exists()),
    )


async def settle(server: int, handles: int) -> Snapshot:
    """Once every wizard has gone and the handles are back (or WAIT passed)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        now = snapshot(server)
        if now.wizards == 0 and now.server_handles <= handles:
            return now
        await asyncio.sleep(0.2)
    return snapshot(server)


async def ssh_crowd(server: RagftServer, each: int) -> tuple[Snapshot, Snapshot, Snapshot]:
    pid = server.process.pid
    before = snapshot(pid)

    async def one() -> asyncssh.SSHClientConnection:
        connection = await asyncssh.connect(
            "127.0.0.1",
            server.port,
            username="ana",
            client_keys=[str(server.key("ana"))],
            known_hosts=None,
            agent_path=None,
        )
        process = await connection.create_process(
            term_type="xterm", term_size=(80, 24), encoding=None
        )
        await asyncio.wait_for(process.stdout.read(4096), WAIT)
        return connection

    # Logins under way are capped at 20 (as sshd's MaxStartups): open in waves.
    connections = []
    for start in range(0, each, 20):
        connections += await asyncio.gather(*(one() for _ in range(min(20, each - start))))
    during = snapshot(pid)
    for connection in connections:
        connection.close()
    after = await settle(pid, before.server_handles)
    return before, during, after


async def web_crowd(port: int, pid: int, each: int) -> tuple[Snapshot, Snapshot, Snapshot]:
    before = snapshot(pid)
    async with aiohttp.ClientSession() as session:

        async def one() -> aiohttp.ClientWebSocketResponse:
            tab = await session.ws_connect(f"http://127.0.0.1:{port}/ws?token={TOKEN}")
            message = await asyncio.wait_for(tab.receive(), WAIT)
            assert message.type == aiohttp.WSMsgType.BINARY, message
            return tab

        tabs = await asyncio.gather(*(one() for _ in range(each)))

        async def read(tab: aiohttp.ClientWebSocketResponse) -> None:
            """As a browser does: take every frame, and so answer the pings."""
            while not tab.closed:
                await tab.receive()

        readers = [asyncio.ensure_future(read(tab)) for tab in tabs]
        during = snapshot(pid)
        for tab in tabs:
            await tab.close()
        await asyncio.gather(*readers, return_exceptions=True)
    after = await settle(pid, before.server_handles)
    return before, during, after


def table(title: str, phases: tuple[Snapshot, Snapshot, Snapshot], bare_kib: int) -> list[str]:
    before, during, after = phases
    rows = [
        f"### {title}",
        "",
        "| | server memory | server handles | wizards | wizards' memory |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, phase in zip(("before", "during", "after"), phases, strict=True):
        rows.append(
            f"| {name} | {phase.server_kib / 1024:.1f} MiB | {phase.server_handles} | "
            f"{phase.wizards} | {phase.wizards_kib / 1024:.0f} MiB |"
        )
    per_wizard = during.wizards_kib / max(during.wizards, 1)
    left = "nothing left behind" if after.wizards == 0 else f"**{after.wizards} wizards left**"
    handles = (
        "handles back to where they were"
        if after.server_handles <= before.server_handles
        else f"**{after.server_handles - before.server_handles} handles more than before**"
    )
    rows += [
        "",
        f"Each wizard: {per_wizard / 1024:.1f} MiB resident, **{per_wizard / bare_kib:.2f}x** "
        f"a bare Textual app's peak ({bare_kib / 1024:.1f} MiB). After: {left}; {handles}.",
    ]
    return rows


def run(each: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="ragft-bench-crowd-"))
    bare_kib = measure.first_paint(measure.BARE, b"bare app ready").peak_kib
    ssh = RagftServer(folder / "ssh", "--max-connections", str(each))
    web_port = free_port()
    web = subprocess.Popen(
        [RAGFT, "serve", "--web", "--port", str(web_port), "--max-connections", str(each)],
        env={**os.environ, "XDG_CONFIG_HOME": str(folder / "web"), "RAGFT_WEB_TOKEN": TOKEN},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert web.stdout is not None
        web.stdout.readline()  # the address: it is listening
        over_ssh = asyncio.run(ssh_crowd(ssh, each))
        in_browsers = asyncio.run(web_crowd(web_port, web.pid, each))
    finally:
        ssh.stop()
        web.terminate()
        web.wait(timeout=30)
    return [
        f"## A crowd at once: {each} SSH connections and {each} browser tabs",
        "",
        *table(f"`ragft serve`, {each} wizards over SSH", over_ssh, bare_kib),
        "",
        *table(f"`ragft serve --web`, {each} tabs", in_browsers, bare_kib),
        "",
        "Opened together (SSH in waves of 20, the cap on logins under way), each "
        "until its wizard drew its first screen, then all closed. Resident memory "
        "(VmRSS) and /proc's open handles of the server process; wizards are its "
        "children.",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", type=int, default=50)
    options = parser.parse_args()
    print("\n".join(run(options.each)))


if __name__ == "__main__":
    main()
