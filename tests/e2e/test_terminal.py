"""The real program in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import pytest

from tests.support.terminal import RAGFT, Tmux
from tui.app.glyphs import UNICODE


@pytest.fixture
def tmux_new_demo():
    terminal = Tmux(f"{RAGFT} new demo", width=80, height=24)
    yield terminal
    terminal.close()


def test_new_session_answered_with_down_and_enter(tmux_new_demo):
    terminal = tmux_new_demo
    screen = terminal.wait_for("Step 1 of 18")
    assert "What is the model missing?" in screen
    for step in (2, 3, 4):
        terminal.send("Down")
        terminal.send("Enter")
        screen = terminal.wait_for(f"Step {step} of ")
    lines = screen.splitlines()
    assert len(lines) == 24
    assert all(len(line) <= 80 for line in lines)
    assert "ragft" in lines[0] and "demo" in lines[0]
    # The breadcrumb keeps the end of the path when it is longer than the line.
    # The first step no longer fits: it is dropped whole, never cut mid-word.
    path = UNICODE.crumb.join(["…", "Use case: Classification", "Labeled data: Dozens"])
    assert path in lines[1]
    assert "Step 4 of 18" in lines[2]
    assert "Back" in lines[-1] and "Help" in lines[-1]
    assert "Traceback" not in screen and "Error" not in screen
    terminal.send("C-q")
    after = terminal.wait_for("[exited 0]")
    assert "Traceback" not in after
