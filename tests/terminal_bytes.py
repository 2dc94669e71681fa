"""Counting what the wizard writes to a real terminal (a pty)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from tests.pty_run import PtyProgram

QUIET = 0.4  # seconds without output that mean a repaint is over


@dataclass(frozen=True)
class Traffic:
    first_screen: int
    highlight_move: int
    answer: int


def _settle(program: PtyProgram, timeout: float = 15.0) -> int:
    deadline = time.monotonic() + timeout
    size, since = len(program.output), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if len(program.output) != size:
            size, since = len(program.output), time.monotonic()
        elif time.monotonic() - since >= QUIET:
            break
    return size


def measure(*flags: str, width: int = 80, height: int = 24) -> Traffic:
    """Bytes for the first screen, one Down (highlight move) and one Enter (answer)."""
    program = PtyProgram(*flags, "new", "bytes", width=width, height=height)
    try:
        program.wait_for(b"Step 1 of 17")
        first = _settle(program)
        program.send(b"\x1b[B")  # Down
        moved = _settle(program)
        program.send(b"\r")  # Enter
        answered = _settle(program)
        return Traffic(first, moved - first, answered - moved)
    finally:
        program.kill()
