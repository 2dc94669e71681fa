"""`ragft decide` run as its own process, as a script or CI job runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def decide(path: Path, *options: str, columns: int | None = None) -> str:
    """What `ragft decide PATH OPTIONS` prints; it must succeed."""
    env = {**os.environ, **({"COLUMNS": str(columns)} if columns else {})}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "decide", str(path), *options],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def decide_json(path: Path, *more: str) -> dict:
    return json.loads(decide(path, "--json", *more))
