"""Tab completion for the `ragft` command, by argcomplete: it completes from
the same argparse parser the command runs, so the two never drift, and one
library serves bash, zsh and fish. Nothing here imports Textual."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from tui.core.tomlfile import UnreadableFile, parse_toml, read_bytes

SHELLS = ("bash", "zsh", "fish")
NAME_LIMIT = 64 * 1024  # a session file is small; anything larger is not read here


def session_names(prefix: str, **_: object) -> list[str]:
    """The names of saved sessions that start with `prefix`.
    Reads only each file's name, so Tab answers at once even with many files."""
    from tui.core.store.places import SESSIONS, config_dir, session_files  # only on Tab

    files = session_files(config_dir() / SESSIONS)
    return sorted({name for name in _names_in(files) if name.startswith(prefix)})


def _names_in(files: Iterable[Path]) -> Iterable[str]:
    for path in files:
        try:
            name = parse_toml(read_bytes(path, NAME_LIMIT, "a session")).get("name")
        except UnreadableFile:
            continue
        if isinstance(name, str) and name.isprintable():
            yield name


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit; nothing if there is none."""
    import argcomplete

    argcomplete.autocomplete(parser)


def script(shell: str) -> str:
    """The script that makes `shell` complete ragft."""
    import argcomplete

    return argcomplete.shellcode(["ragft"], shell=shell)
