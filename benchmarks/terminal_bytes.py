"""Bytes written to the terminal: first screen, a highlight move, an answer;
with mouse tracking on and off, at 80x24 and 200x60.

    .venv/bin/python -m benchmarks.terminal_bytes
"""

from __future__ import annotations

import os
import tempfile

from tests.support.terminal_bytes import measure


def main() -> None:
    print("| size | mouse | first screen | highlight move | answer |")
    print("|---|---|---:|---:|---:|")
    for width, height in ((80, 24), (200, 60)):
        for flags, mouse in (((), "on"), (("--no-mouse",), "off")):
            os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ragft-bytes-")
            traffic = measure(*flags, width=width, height=height)
            print(
                f"| {width}x{height} | {mouse} | {traffic.first_screen:,} B | "
                f"{traffic.highlight_move:,} B | {traffic.answer:,} B |"
            )


if __name__ == "__main__":
    main()
