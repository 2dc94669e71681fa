"""What /proc says of a process the tests or benchmarks started: its
children, limits, environment, open handles and memory."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def children(pid: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(child) for child in done.stdout.split()]


def open_handles(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def status_kib(pid: int, field: str) -> int:
    """A memory line of /proc/PID/status (VmRSS, VmHWM, ...), in KiB; 0 if absent."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def address_space_limit(pid: int) -> int:
    """The process's RLIMIT_AS, in bytes, as /proc/PID/limits has it."""
    name = "Max address space"
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith(name):
            return int(line[len(name) :].split()[0])
    raise AssertionError(f"no '{name}' line for {pid}")


def environment_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)
