"""The hosted modes' log: one line on standard error per event, time first,
and nothing a client typed reaching it raw."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from tui.core.text import visible


def log(line: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sys.stderr.write(f"{stamp} {visible(line)}\n")
    sys.stderr.flush()
