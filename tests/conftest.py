"""Shared fixtures. No test may touch the real user config."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tui.core.content import Content, load_content

if TYPE_CHECKING:
    from tests.support.pty_run import PtyProgram
    from tests.support.terminal import Tmux


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
    from tests.support.pty_run import PtyProgram

    programs: list[PtyProgram] = []

    def start(*args: str, term: str = "xterm-256color") -> PtyProgram:
        program = PtyProgram(*args, term=term, width=100, height=40)
        programs.append(program)
        return program

    yield start
    for program in programs:
        program.kill()


@pytest.fixture
def terminals() -> Iterator[Callable[..., Tmux]]:
    """Open real terminals (tmux) running a command; all closed afterwards."""
    from tests.support.terminal import Tmux

    opened: list[Tmux] = []

    def open_(command: str, width: int = 80, height: int = 24) -> Tmux:
        terminal = Tmux(command, width, height)
        opened.append(terminal)
        return terminal

    yield open_
    for terminal in opened:
        terminal.close()
