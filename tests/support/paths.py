"""Where the repository and the shared folder beside it are, and the shared
scenarios found there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SHARED = REPO.parent / "shared"
SCENARIOS = SHARED / "scenarios"


def scenario_files() -> list[Path]:
    """The shared scenarios; CI always has them beside the clone."""
    files = sorted(SCENARIOS.glob("*.toml"))
    if not files and os.environ.get("CI"):
        raise RuntimeError(f"no scenarios found in {SCENARIOS}")
    return files


def shared_scenarios() -> list:
    """The shared scenarios as test parameters, or, where the clone has none
    beside it, one parameter that skips and says why (never an empty set,
    which pytest skips without a word)."""
    files = scenario_files()
    if files:
        return [pytest.param(path, id=path.stem) for path in files]
    reason = f"no shared scenarios at {SCENARIOS} (a clone without ../shared beside it)"
    return [pytest.param(None, id="no-shared-scenarios", marks=pytest.mark.skip(reason=reason))]
