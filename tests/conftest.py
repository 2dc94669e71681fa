"""Shared fixtures. No test may touch the real user config."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tui.core.content import Content, load_content

if TYPE_CHECKING:
    from tests.pty_run import PtyProgram
    from tests.terminal import Tmux

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCENARIOS = SHARED / "scenarios"


@pytest.fixture(autouse=True)
def isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point XDG_CONFIG_HOME and XDG_CACHE_HOME (and so platformdirs) at fresh
    temp folders."""
    config = tmp_path_factory.mktemp("xdg-config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.delenv("RAGFT_CONTENT", raising=False)
    yield config


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def plain() -> Iterator[Callable[..., PtyProgram]]:
    """Starts ragft with these arguments in a real 100x40 pseudo-terminal; every
    program started is killed at the end of the test."""
    from tests.pty_run import PtyProgram

    programs: list[PtyProgram] = []

    def start(*args: str, term: str = "xterm-256color") -> PtyProgram:
        program = PtyProgram(*args, term=term, width=100, height=40)
        programs.append(program)
        return program

    yield start
    for program in programs:
        program.kill()


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


@pytest.fixture
def terminals() -> Iterator[Callable[..., Tmux]]:
    """Open real terminals (tmux) running a command; all closed afterwards."""
    from tests.terminal import Tmux

    opened: list[Tmux] = []

    def open_(command: str, width: int = 80, height: int = 24) -> Tmux:
        terminal = Tmux(command, width, height)
        opened.append(terminal)
        return terminal

    yield open_
    for terminal in opened:
        terminal.close()
