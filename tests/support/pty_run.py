"""Running the real program on a pseudo-terminal we own."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time

from tests.support.terminal import RAGFT


class PtyProgram:
    """`ragft ARGS` (or any `command`) on a fresh pty, its output drained and
    timestamped in the background."""

    def __init__(
        self,
        *args: str,
        width: int = 80,
        height: int = 24,
        term: str = "xterm-256color",
        command: list[str] | None = None,
    ) -> None:
        self.started = time.perf_counter()
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        environment = {**os.environ, "TERM": term}
        # A new session: the pty is not its controlling terminal, so closing our
        # end is seen only as input that ends (no SIGHUP).
        self.process = subprocess.Popen(
            command or [RAGFT, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._closing = threading.Event()
        # (when, bytes so far) for every chunk read: what the benchmarks time.
        self.arrivals: list[tuple[float, int]] = []
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # Never blocked inside read(): a close() from another thread does not
        # end a read already waiting, so the master would stay open and the
        # program, which writes nothing while idle, would never see its
        # terminal go (the cause of test_hangup's failures under load).
        while not self._closing.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)
            self.arrivals.append((time.perf_counter(), len(self.output)))

    def wait_for(self, text: bytes, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared")
            time.sleep(0.05)

    def settle(self, quiet: float = 0.3, timeout: float = 20.0) -> int:
        """Wait until nothing has been written for `quiet` seconds (a repaint is
        over); returns the bytes written so far."""
        deadline = time.monotonic() + timeout
        size, since = len(self.output), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.02)
            if len(self.output) != size:
                size, since = len(self.output), time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return size

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def lines(self, *lines: str, prompt: bytes = b"> ") -> None:
        """Type lines one by one, each when the program is waiting for input
        (its output ends with the prompt)."""
        for line in lines:
            deadline = time.monotonic() + 15
            while not bytes(self.output).rstrip(b"\x1b[0m").endswith(prompt):
                if self.process.poll() is not None:
                    return  # the program ended (q)
                if time.monotonic() > deadline:
                    raise AssertionError(f"no prompt before {line!r}:\n{self.text()[-800:]}")
                time.sleep(0.02)
            before = len(self.output)
            self.send(line.encode() + b"\r")
            while len(self.output) == before and self.process.poll() is None:
                time.sleep(0.01)  # wait for the echo, so the old prompt is not seen again

    def text(self) -> str:
        """What was printed, without colour and other escape sequences."""
        raw = bytes(self.output).decode(errors="replace")
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]", "", raw)

    def close_terminal(self) -> None:
        """Close our end for good: the drain stops first, so no read holds it open."""
        self._closing.set()
        self._reader.join()
        os.close(self.master)

    def gone_within(self, seconds: float) -> int | None:
        try:
            return self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """End the program and everything it started (its own session): a shell's
        ssh child left running kept a remote wizard alive after a benchmark."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
