"""Where ragft keeps things: the config folder, the sessions folder in it,
and the file name a session's name becomes."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

APP_NAME = "ragft"
SESSIONS = "sessions"
TRASH = ".trash"
SLUG_LENGTH = 40


def _may_be_a_file(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is (or may be) a file. A link that loops or leads where
    it cannot be followed stays in: reading it then says why, in one line,
    instead of one bad entry hiding every session."""
    try:
        return entry.is_file()
    except OSError:
        return True


def session_files(folder: Path) -> list[Path]:
    """The session files in `folder` (not the hidden temp, lock and trash
    entries), sorted; none if the folder cannot be read."""
    try:
        with os.scandir(folder) as listing:
            return sorted(
                folder / entry.name
                for entry in listing
                if entry.name.endswith(".toml")
                and not entry.name.startswith(".")
                and _may_be_a_file(entry)
            )
    except OSError:
        return []


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def slug(name: str) -> str:
    """A file-name-safe form of a name: ASCII letters, digits and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return cleaned[:SLUG_LENGTH].rstrip("-") or "session"
