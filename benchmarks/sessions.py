"""How `ragft list` and the sessions screen grow with the number of sessions.

    .venv/bin/python -m benchmarks.sessions [--counts 10 100 1000 10000] [--runs 5]

Each count gets its own temporary XDG_CONFIG_HOME filled with that many
session files; `ragft list` runs as a real process (median of --runs), and the
sessions screen is timed in-process from the key that opens it until its
table holds every row. The target: 1,000 sessions in under 0.5 s for both.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

from tui.core.content import load_content
from tui.core.store.clock import now
from tui.core.store.places import SESSIONS
from tui.core.store.session import Session, session_to_document

HERE = Path(__file__).resolve().parent

RAGFT = str(Path(sys.executable).parent / "ragft")
TARGET_SECONDS = 0.5


def fill(folder: Path, count: int, seed: int = 7) -> None:
    """Write `count` plausible sessions (random answers to random questions)."""
    content = load_content()
    chooser = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    questions = [q for q in content.questions.values() if not q.is_number]
    for number in range(count):
        asked = chooser.sample(questions, chooser.randint(0, len(questions)))
        answers = {q.id: chooser.choice(q.choice_ids) for q in asked}
        session = Session(
            name=f"Decision {number}", answers=answers, id=f"{number:012x}", updated=now()
        )
        path = folder / f"decision-{number}-{session.id}.toml"
        path.write_text(tomli_w.dumps(session_to_document(session)))


def time_list(environment: dict[str, str], runs: int, *extra: str) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [RAGFT, "list", *extra], env=environment, stdout=subprocess.DEVNULL, check=True
        )
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def time_screen(count: int, runs: int) -> float:
    """The real program on a pty: from Ctrl+O on the start screen until the
    sessions screen's status line reports every session."""
    from tests.support.pty_run import PtyProgram

    done = f"{count} of {count} sessions".encode()
    samples = []
    for _ in range(runs):
        program = PtyProgram(width=100, height=30)
        try:
            program.wait_for(b"Enter to start")
            started = time.perf_counter()
            program.send(b"\x0f")  # Ctrl+O
            program.wait_for(done, timeout=120)
            samples.append(time.perf_counter() - started)
        finally:
            program.kill()
    return statistics.median(samples)


def run(counts: list[int], runs: int) -> list[tuple[int, float, float, float]]:
    """(sessions, list, list --json, sessions screen) in seconds, per count."""
    rows = []
    for count in counts:
        home = tempfile.mkdtemp(prefix=f"ragft-bench-{count}-")
        os.environ["XDG_CONFIG_HOME"] = home
        fill(Path(home) / "ragft" / SESSIONS, count)
        environment = {**os.environ}
        listing = time_list(environment, runs)
        listing_json = time_list(environment, runs, "--json")
        screen = time_screen(count, runs if count <= 1000 else 1)
        rows.append((count, listing, listing_json, screen))
        print(
            f"{count:>6} sessions: list {listing:.3f} s, list --json {listing_json:.3f} s, "
            f"sessions screen {screen:.3f} s",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    rows = run(options.counts, options.runs)
    print()
    print("| sessions | `ragft list` | `ragft list --json` | sessions screen |")
    print("|---:|---:|---:|---:|")
    for count, listing, listing_json, screen in rows:
        print(f"| {count:,} | {listing:.3f} s | {listing_json:.3f} s | {screen:.3f} s |")
    for count, listing, _, screen in rows:
        if count == 1000:
            verdict = "met" if max(listing, screen) < TARGET_SECONDS else "MISSED"
            print(f"\n1,000 sessions under {TARGET_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
