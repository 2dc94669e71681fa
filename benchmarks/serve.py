"""From `ssh` to the wizard's first screen: into `ragft serve`, against into
OpenSSH's sshd running ragft, both on 127.0.0.1 and started alternately.

    .venv/bin/python -m benchmarks.serve [--runs 10]

Both paths end in the same start screen; the ratio is what counts (the
target: at most 1.5x OpenSSH's time).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from benchmarks import measure
from tests.support.serve_server import RagftServer
from tests.support.ssh_server import SshServer

HERE = Path(__file__).resolve().parent

MARKER = b"Name of the new decision"
TARGET_RATIO = 1.5


def run(runs: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="ragft-bench-serve-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "openssh-config")
    (folder / "sshd").mkdir()
    sshd = SshServer(folder / "sshd")
    ours = RagftServer(folder / "serve")
    try:
        openssh = ["sh", "-c", sshd.ssh_command(sshd.remote("", folder))]
        served = ["sh", "-c", ours.shell_command("ana")]
        times: dict[str, list[float]] = {"openssh": [], "serve": []}
        for _ in range(runs):
            times["openssh"].append(measure.first_paint(openssh, MARKER).seconds)
            times["serve"].append(measure.first_paint(served, MARKER).seconds)
    finally:
        ours.stop()
        sshd.stop()
    theirs, mine = measure.median(times["openssh"]), measure.median(times["serve"])
    ratio = mine / theirs
    verdict = "met" if ratio <= TARGET_RATIO else "**missed**"
    return [
        "## Over SSH: `ragft serve` against OpenSSH",
        "",
        "| from `ssh` to the first screen | median |",
        "|---|---:|",
        f"| OpenSSH's sshd running `ragft` | {theirs * 1000:.0f} ms |",
        f"| `ragft serve` | {mine * 1000:.0f} ms |",
        f"| ratio | **{ratio:.2f}x** (target at most {TARGET_RATIO}x: {verdict}) |",
        "",
        f"{runs} connections each, alternating, on 127.0.0.1, with ed25519 keys.",
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    print("\n".join(run(parser.parse_args().runs)))
