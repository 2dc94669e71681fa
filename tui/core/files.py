"""Writing a file so that a crash or a full disk leaves the old one (or none),
never a torn one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from tui.core.errors import InputError


class WriteError(InputError):
    """A file could not be written; the message is one line and nothing was left behind."""


def describe(what: str, error: OSError) -> str:
    """One line for a failed file operation, in a user's words."""
    if error.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif error.errno == errno.EROFS:
        reason = "read-only file system"
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    elif error.errno == errno.ENOENT:
        reason = "no such folder"
    elif error.errno == errno.EISDIR:
        reason = "it is a folder"
    else:
        reason = error.strerror or str(error)
    return f"{what}: {reason}"


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    """Replace `path` with `data` (temp file in the same folder, fsync, rename)."""
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteError(describe(f"cannot write {path}", error)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(describe(f"cannot write {path}", error)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
