"""What `ragft --version` and `ragft paths` report: versions and places, read
without importing Textual, so both answer at once."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from tui import __version__
from tui.core.content import bundled_content_dir, content_dir, load_content
from tui.core.errors import ContentError
from tui.core.store.config import config_path
from tui.core.store.places import SESSIONS, TRASH, config_dir
from tui.core.text import shown_path


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _content_line() -> str:
    folder = content_dir()
    where = "" if folder == bundled_content_dir() else f" from {shown_path(folder)}"
    try:
        return f"content {load_content().version}{where}"
    except ContentError as error:
        count = len(error.problems)
        return f"content{where}: {count} problem{'s' * (count != 1)} (any command lists them)"


def version_lines() -> list[str]:
    """ragft's version, then Python's, Textual's and the content's, one a line."""
    return [
        f"ragft {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Textual {_installed('textual')}",
        _content_line(),
    ]


def places() -> dict[str, Path]:
    """Where ragft keeps and looks for things, by what each is."""
    sessions = config_dir() / SESSIONS
    return {
        "sessions": sessions,
        "trash": sessions / TRASH,
        "config": config_path(),
        "content": content_dir(),
        "exports": _current_folder(),
        # ragft serve's: the team's keys, its own key, and each person's folder.
        "authorized-keys": config_dir() / "authorized_keys",
        "host-key": config_dir() / "ssh_host_key",
        "people": config_dir() / "people",
        # ragft serve --web's wizards run here, and may export only here.
        "web": config_dir() / "web",
    }


def _current_folder() -> Path:
    """Where an export goes by default: the current folder, as far as it still exists."""
    try:
        return Path.cwd()
    except OSError:  # removed from under the shell
        return Path(".")
