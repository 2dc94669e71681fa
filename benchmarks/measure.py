"""Timing real programs on a pseudo-terminal, and describing the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.pty_run import PtyProgram

HERE = Path(__file__).resolve().parent

PYTHON = sys.executable
RAGFT = str(Path(PYTHON).parent / "ragft")
BARE = [PYTHON, str(HERE / "bare_app.py")]
# The chunks of one frame arrive within microseconds; the frames that follow a
# first paint (a panel mounted, a preview) come milliseconds later and are not
# part of it.
BURST_GAP = 0.005
QUIET = 0.3  # seconds of silence that end a repaint
SETTLED = 0.35  # the silence after which a screen counts as settled (issue 15)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _burst_end(program: PtyProgram, after_size: int) -> float:
    """When the burst of output that began past `after_size` bytes ended."""
    times = [t for t, size in program.arrivals if size > after_size]
    end = times[0]
    for stamp in times[1:]:
        if stamp - end > BURST_GAP:
            break
        end = stamp
    return end


def peak_memory_kib(pid: int) -> int:
    """The process's peak resident set (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


@dataclass
class Start:
    seconds: float
    peak_kib: int


def first_paint(command: list[str], marker: bytes, width: int = 80, height: int = 24) -> Start:
    """From spawning `command` on a pty until its first frame (the one that
    shows `marker`) has been written; and the peak memory once it is idle."""
    program = PtyProgram(command=command, width=width, height=height)
    try:
        program.wait_for(marker, timeout=30)
        before = next(size for _, size in program.arrivals if marker in program.output[:size])
        previous = max((s for _, s in program.arrivals if s < before), default=0)
        painted = _burst_end(program, previous)
        program.settle(QUIET)
        return Start(painted - program.started, peak_memory_kib(program.process.pid))
    finally:
        program.kill()


def frames(arrivals: list[tuple[float, int]], after_size: int = 0) -> int:
    """How many repaints the output past `after_size` bytes came in: bursts
    separated by more than BURST_GAP."""
    times = [t for t, size in arrivals if size > after_size]
    return sum(
        1
        for before, now in zip([None, *times], times, strict=False)
        if before is None or now - before > BURST_GAP
    )


@dataclass
class Settled:
    seconds: float  # to the last byte before SETTLED of silence
    written: int  # bytes until then
    frames: int


def settled_start(command: list[str], marker: bytes, width: int = 80, height: int = 24) -> Settled:
    """From spawning `command` on a pty until the last byte before SETTLED
    seconds of silence, once `marker` has been shown; with the bytes and the
    number of repaints until then."""
    program = PtyProgram(command=command, width=width, height=height)
    try:
        program.wait_for(marker, timeout=30)
        program.settle(SETTLED)
        last, written = program.arrivals[-1]
        return Settled(last - program.started, written, frames(program.arrivals))
    finally:
        program.kill()


def repaints_per_key(command: list[str], marker: bytes, presses: int = 4) -> list[int]:
    """How many repaints each of `presses` keys (x) draws in `command`."""
    program = PtyProgram(command=command, width=80, height=24)
    try:
        program.wait_for(marker, timeout=30)
        program.settle(SETTLED)
        counts = []
        for _ in range(presses):
            size = len(program.output)
            program.send(b"x")
            program.settle(SETTLED)
            counts.append(frames(program.arrivals, size))
        return counts
    finally:
        program.kill()


@dataclass
class KeyCost:
    seconds: list[float]
    written: list[int]
    frames: list[int]


def key_costs(rounds: int) -> dict[str, KeyCost]:
    """Each key to the last byte before SETTLED of silence: highlight move
    (Down), answer (Enter), Back (b), with its bytes and repaints."""
    program = PtyProgram("new", "keys", width=80, height=24)
    keys = {"highlight move": b"\x1b[B", "answer": b"\r", "back": b"b"}
    costs = {name: KeyCost([], [], []) for name in keys}
    try:
        program.wait_for(b"Step 1 of ")
        program.settle(SETTLED)
        for _ in range(rounds):
            for name, key in keys.items():
                size = len(program.output)
                sent = time.perf_counter()
                program.send(key)
                program.settle(SETTLED)
                if len(program.output) > size:
                    last = max(t for t, total in program.arrivals if total > size)
                    costs[name].seconds.append(last - sent)
                    costs[name].written.append(len(program.output) - size)
                    costs[name].frames.append(frames(program.arrivals, size))
            program.send(b"n")  # forward again, so the walk moves on
            program.settle(SETTLED)
        return costs
    finally:
        program.kill()


@dataclass
class Keys:
    latencies: dict[str, list[float]]
    peak_kib: int


def key_latencies(rounds: int) -> Keys:
    """Key press to the end of its repaint in the wizard: highlight move (Down),
    answer (Enter) and back (Left), `rounds` times each."""
    program = PtyProgram("new", "keys", width=80, height=24)
    latencies: dict[str, list[float]] = {"highlight move": [], "answer": [], "back": []}
    keys = {"highlight move": b"\x1b[B", "answer": b"\r", "back": b"\x1b[D"}
    try:
        program.wait_for(b"Step 1 of ")
        program.settle(QUIET)
        for _ in range(rounds):
            for name, key in keys.items():
                size = len(program.output)
                sent = time.perf_counter()
                program.send(key)
                program.settle(QUIET)
                if len(program.output) > size:
                    # Every frame the key caused, up to the quiet that follows.
                    last = max(t for t, total in program.arrivals if total > size)
                    latencies[name].append(last - sent)
            program.send(b"n")  # forward again, so the walk moves on
            program.settle(QUIET)
        return Keys(latencies, peak_memory_kib(program.process.pid))
    finally:
        program.kill()


def cold_start(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """The median time `command` takes from start to exit; `env` is added to the environment."""
    environment = {**os.environ, **(env or {})}
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            env=environment,
        )
        samples.append(time.perf_counter() - started)
    return median(samples)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from textual import __version__ as textual_version

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"{memory:.0f} GiB; Python {platform.python_version()}, Textual {textual_version}"
    )
