"""Where an export goes and how it is written: the name it gets by default,
never overwriting unasked, a terminal or pipe written to rather than replaced,
and, on a shared server, only inside the person's own folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.core.files import WriteError, describe, write_atomic, write_in_place
from tui.core.store.places import slug
from tui.core.store.session import Session
from tui.core.text import hosted_folder, shown_path


def default_file_name(session: Session) -> str:
    return f"{slug(session.name)}.md"


class ExportExists(WriteError):
    """The file is there and overwriting was not asked for."""


def write_export(path: Path, text: str, *, overwrite: bool) -> None:
    """Write an export; WriteError (one line) if it cannot be, with nothing left
    behind, ExportExists if a file is there and `overwrite` is false.

    A symlink is followed. A regular file is replaced atomically, keeping its
    permissions; a new one gets what the umask gives. Anything else (a terminal,
    a pipe, /dev/stdout, a device) is written to, never replaced."""
    data = text.encode()
    where = shown_path(path)
    confine = hosted_folder()
    if confine and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(confine)):
        # A shared server's person writes only in their own folder.
        raise WriteError(f"cannot write {where}: exports go in your own folder here")
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteError(describe(f"cannot write {where}", error)) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteError(f"cannot write {where}: it is a folder")
    if status is not None and not stat.S_ISREG(status.st_mode):
        write_in_place(path, data)
        return
    if status is not None and not overwrite:
        raise ExportExists(f"{where} exists; pass --force to overwrite it")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():
        raise WriteError(
            f"cannot write {where}: the folder {shown_path(target.parent)} does not exist"
        )
    if status is not None:
        mode: int | None = stat.S_IMODE(status.st_mode)
    else:  # on a shared server a new export is its person's alone, as sessions are
        mode = 0o600 if confine else None
    write_atomic(target, data, mode)
