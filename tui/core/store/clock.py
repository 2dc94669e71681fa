"""The time ragft stamps sessions with and measures ages against: UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
