"""Writing a file so that a crash or a full disk leaves the old one (or none),
never a torn one."""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from tui.core.errors import InputError
from tui.core.text import shown, shown_path


class WriteError(InputError):
    """A file could not be written; the message is one line and nothing was left behind."""


def reason_of(error: OSError) -> str:
    """Why a file operation failed, in a user's words."""
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
    elif error.errno == errno.ENOTDIR:
        reason = "part of the path is a file, not a folder"
    elif error.errno == errno.ENAMETOOLONG:
        reason = "the name is too long"
    elif error.errno == errno.ELOOP:
        reason = "a loop of symbolic links"
    else:
        reason = error.strerror or str(error)
    return reason


def describe(what: str, error: OSError) -> str:
    """One line for a failed file operation, in a user's words."""
    return f"{what}: {reason_of(error)}"


def user_path(text: str) -> Path:
    """A path as a user typed it, `~` and `~user` expanded; InputError for a
    user who does not exist (pathlib raises RuntimeError for that)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        home = text.split("/", 1)[0]
        raise InputError(f"cannot find the home folder of '{shown(home)}': no such user") from None


def _create_beside(path: Path, private: bool) -> tuple[int, Path]:
    """A new, empty file next to `path`: 0600 if private, else as the umask says."""
    permissions = 0o600 if private else 0o666
    while True:
        candidate = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(candidate, flags, permissions), candidate
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes, mode: int | None) -> None:
    """Replace `path` with `data` (temp file in the same folder, fsync, rename).

    The file gets `mode`, or with None the permissions a new file gets from the
    umask."""
    failed = f"cannot write {shown_path(path)}"
    try:
        descriptor, temporary = _create_beside(path, private=mode is not None)
    except OSError as error:
        raise WriteError(describe(failed, error)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise WriteError(describe(failed, error)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_in_place(path: Path, data: bytes) -> None:
    """Write `data` to something that is not a regular file (a terminal, a pipe,
    a device) without replacing it; a FIFO nobody reads is refused at once."""
    failed = f"cannot write {shown_path(path)}"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteError(f"{failed}: nothing is reading from it") from None
        raise WriteError(describe(failed, error)) from None
    try:
        os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise WriteError(describe(failed, error)) from None
    finally:
        os.close(descriptor)
