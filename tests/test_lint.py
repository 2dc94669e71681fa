"""ruff check and ruff format are clean, so CI catches what a commit forgot."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    done = ruff("check", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout


def test_ruff_format():
    done = ruff("format", "--check", ".")
    assert done.returncode == 0, done.stdout


def tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_mypy():
    done = tool("mypy", "--no-error-summary")
    assert done.returncode == 0, done.stdout


def test_the_layers_hold():
    # pyproject's [tool.importlinter]: the core imports no shell and no Textual;
    # the wizard (tui.app) and the hosted modes (tui.serve) import neither other.
    command = (
        "import sys; from importlinter.cli import lint_imports_command as run; sys.exit(run())"
    )
    done = subprocess.run(
        [sys.executable, "-c", command, "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "Contracts: 2 kept, 0 broken." in done.stdout
