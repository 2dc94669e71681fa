"""Counting what the wizard writes to a real terminal (a pty)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.support.pty_run import PtyProgram

QUIET = 0.4  # seconds without output that mean a repaint is over


@dataclass(frozen=True)
class Traffic:
    first_screen: int
    highlight_move: int
    answer: int


def measure(*flags: str, width: int = 80, height: int = 24) -> Traffic:
    """Bytes for the first screen, one Down (highlight move) and one Enter (answer)."""
    program = PtyProgram(*flags, "new", "bytes", width=width, height=height)
    try:
        program.wait_for(b"Step 1 of 18")
        first = program.settle(QUIET)
        program.send(b"\x1b[B")  # Down
        moved = program.settle(QUIET)
        program.send(b"\r")  # Enter
        answered = program.settle(QUIET)
        return Traffic(first, moved - first, answered - moved)
    finally:
        program.kill()
