"""What every hosted program gets, whichever way its person connected (SSH
or a browser): a session of its own under a memory ceiling, an idle clock,
and an end that lets it save first and never waits for ever."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO

from tui.serve.limits import cap_memory

HANG_UP_GRACE = 1.5  # seconds a hung-up wizard has to save before it is killed


def program_setup(memory_mib: int, *, terminal: bool) -> Callable[[], None]:
    """What the child does before ragft runs: a session (and process group) of
    its own, so that the whole group can be ended; with `terminal`, the
    pseudo-terminal on its standard input as its controlling terminal, so
    resizes and the hang-up reach it; and its memory ceiling."""

    def setup() -> None:
        os.setsid()
        if terminal:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        cap_memory(memory_mib)

    return setup


Stream = int | IO[bytes] | None  # what asyncio takes for a child's stdin, stdout, stderr


async def start_ragft(
    arguments: Sequence[str],
    folder: Path,
    env: Mapping[str, str],
    memory_mib: int,
    *,
    streams: tuple[Stream, Stream, Stream],
    terminal: bool = False,
) -> asyncio.subprocess.Process:
    """ragft itself (`python -m tui ARGUMENTS`) as one person's program: in
    their own folder (made, private, if new), with `env` only, in a session of
    its own under the memory ceiling (see program_setup)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stdin, stdout, stderr = streams
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tui",
        *arguments,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        cwd=folder,
        env=dict(env),
        preexec_fn=program_setup(memory_mib, terminal=terminal),
    )


async def hang_up(child: asyncio.subprocess.Process) -> None:
    """What a dropped line does: SIGHUP (the wizard saves and ends at once)."""
    await end(child, signal.SIGHUP)


async def ask_to_end(child: asyncio.subprocess.Process) -> None:
    """With the client still there: SIGTERM (the wizard saves and puts the
    terminal back as it was)."""
    await end(child, signal.SIGTERM)


async def end(child: asyncio.subprocess.Process, first: signal.Signals) -> None:
    """`first`, then, if the child has not ended within the grace, SIGKILL.
    Its whole process group goes."""
    for sent in (first, signal.SIGKILL):
        if child.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sent)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(child.wait(), HANG_UP_GRACE)


class Activity:
    """When the person last typed, for the idle timeout."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def touch(self) -> None:
        self.last = time.monotonic()

    @property
    def idle(self) -> float:
        return time.monotonic() - self.last
