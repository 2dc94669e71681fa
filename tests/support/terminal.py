"""Driving the real program in a real terminal: tmux with send-keys and capture-pane."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

RAGFT = str(Path(sys.executable).parent / "ragft")


class Tmux:
    """One tmux server of our own (its own socket), with one pane."""

    def __init__(self, command: str, width: int = 80, height: int = 24, env: dict | None = None):
        self.socket = f"ragft-test-{uuid.uuid4().hex[:8]}"
        environment = {**os.environ, **(env or {})}
        exports = " ".join(
            f"{key}={shlex.quote(value)}"
            for key, value in environment.items()
            if key in ("XDG_CONFIG_HOME", "RAGFT_CONTENT", "NO_COLOR", "TERM", "LANG")
        )
        self.run(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {exports} {command}; echo '[exited' $?']'; sleep 30",
        )

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def resize(self, width: int, height: int) -> None:
        self.run("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def send(self, *keys: str) -> None:
        self.run("send-keys", "-t", "main", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", "main", "-p")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")
            time.sleep(0.1)

    def wait_for_any(self, *texts: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if any(text in shown for text in texts):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"none of {texts!r} appeared; the screen was:\n{shown}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
