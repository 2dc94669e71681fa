"""One line per stored session: what `ragft list` prints and the sessions
screen shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui.core.content import Content
from tui.core.decide.engine import flow, recommend_for
from tui.core.store.storage import Entry


@dataclass(frozen=True, slots=True)
class Summary:
    path: Path
    name: str
    updated: datetime | None
    recommendation: str | None
    answered: int
    applicable: int
    problem: str | None  # why the file cannot be read

    @property
    def readable(self) -> bool:
        return self.problem is None

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "path": str(self.path),
            "updated": self.updated.isoformat() if self.updated else None,
            "recommendation": self.recommendation,
            "answered": self.answered,
            "applicable": self.applicable,
            # Not "problem": that is a question's id, and this is about the file.
            "unreadable": self.problem,
        }


def summarize(content: Content, entry: Entry) -> Summary:
    session = entry.session
    if session is None:
        return Summary(entry.path, entry.path.name, None, None, 0, 0, entry.problem)
    steps = flow(content, session.answers)
    return Summary(
        path=entry.path,
        name=session.name,
        updated=session.updated,
        recommendation=recommend_for(content, steps),
        answered=len(steps.counted),
        applicable=len(steps.applicable),
        problem=None,
    )


def relative_time(moment: datetime | None, now: datetime) -> str:
    """'just now', '5 min ago', '3 h ago', '2 days ago', else the date."""
    if moment is None:
        return "unknown"
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 7 * 86400:
        days = int(seconds // 86400)
        return f"{days} day{'s' if days > 1 else ''} ago"
    return moment.strftime("%Y-%m-%d")
