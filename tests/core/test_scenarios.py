"""Every scenario gets one of the recommendations it expects: the shared ones
(../shared/scenarios) and ours, drawn from the sources' examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import REPO, scenario_files, shared_scenarios
from tui.core.decide.engine import evaluate
from tui.core.store.session import load_answers_file, read_toml

OURS = sorted((REPO / "tests" / "data" / "scenarios").glob("*.toml"))
SHARED = scenario_files()


def _expect(path: Path) -> list[str]:
    return read_toml(path)["expect"]


@pytest.mark.parametrize("path", SHARED + OURS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_scenario_recommendation(content, path):
    session = load_answers_file(content, path)
    assert evaluate(content, session.answers).recommendation in _expect(path)


@pytest.mark.parametrize("path", shared_scenarios())
def test_scenario_through_the_command(path):
    """`ragft decide FILE --json` as a user runs it, for each shared scenario."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", "decide", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    decision = json.loads(done.stdout)
    assert decision["recommendation"] in _expect(path)
    # The spec's `stages`: the path, first the recommendation, each stage its `when`.
    stages = decision["stages"]
    assert stages[0] == {**stages[0], "approach": decision["recommendation"], "when": "now"}
    assert all(s["when"].startswith("once ") and s["why"] for s in stages[1:])
