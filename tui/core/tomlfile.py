"""Reading a TOML file that anyone may have written: a session, an answers
file, a content file. Every way it can fail is one short reason, and nothing
can hang (a FIFO), exhaust memory (a huge file) or overflow the stack (a
value nested thousands deep), here or in whatever walks the result later.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

MAX_DEPTH = 20  # tables and arrays within each other; ragft's own files use 3


class UnreadableFile(Exception):
    """Why a file could not be read; one line, without the file's name."""


def _open_reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot read it (permission denied)"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return f"cannot read it ({error.strerror or error})"


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else f"{limit >> 10} KiB"


def read_bytes(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, `kind` naming what
    it should be in the message; UnreadableFile otherwise."""
    try:
        # Non-blocking, so that opening a FIFO returns at once and is refused.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise UnreadableFile(_open_reason(error)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableFile("is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise UnreadableFile("not a regular file (a pipe, device or socket), so not read")
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile(_open_reason(error)) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise UnreadableFile(f"too large for {kind} (over {_size(limit)})")
    return raw


def _depth_ok(document: dict[str, Any]) -> bool:
    """True when nothing in `document` is nested deeper than MAX_DEPTH (iterative,
    so a deep value cannot overflow the stack here)."""
    pending: list[tuple[object, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
    return True


def parse_toml(raw: bytes) -> dict[str, Any]:
    """A TOML document from bytes; UnreadableFile saying why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile("not a text file (not valid UTF-8), so not TOML") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UnreadableFile(f"invalid TOML: {error}") from None
    except RecursionError:
        document = None
    except ValueError:  # an integer of thousands of digits, refused by int()
        raise UnreadableFile("a number with too many digits, so not read") from None
    if document is None or not _depth_ok(document):
        raise UnreadableFile(f"values nested more than {MAX_DEPTH} deep, so not read")
    return document
