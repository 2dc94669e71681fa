"""User text made safe to show, and the one check every session name passes.

Anything a user typed or a file holds (names, notes, answer values, keys,
paths) may carry control characters: an escape sequence would retitle or
reprogram the terminal of whoever is shown it, a newline would split a
one-line message. Such characters are shown as visible escapes instead
(`\\x1b`, `\\n`), never dropped silently, so what is odd stays noticeable.
Markup is not this module's concern: the views show user text as plain text.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from tui.core.errors import InputError
from tui.core.settings import current

MAX_NAME_LENGTH = 100
SHOWN_LENGTH = 60

# C0 and C1 controls, DEL, lone surrogates (undecodable bytes from argv or a
# file name), and the format characters that reorder or hide text: bidi
# overrides and isolates, line and paragraph separators.
_UNSAFE_BEYOND_C0 = "\x7f-\x9f\ud800-\udfff\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_UNSAFE_BEYOND_C0}]")
_UNSAFE_EXCEPT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_UNSAFE_BEYOND_C0}]")  # keeps \t \n
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte Python could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """`text` with every control character shown as an escape. With `lines`,
    newlines and tabs are kept (a note shown on several lines)."""
    pattern = _UNSAFE_EXCEPT_LINES if lines else _UNSAFE
    return pattern.sub(_escape, text)


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `visible` would escape (tabs and
    newlines aside)."""
    return _UNSAFE_EXCEPT_LINES.search(text) is not None


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """User text quoted in a message: visible, and cut short if long."""
    safe = visible(text)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def hosted_folder() -> Path | None:
    """The person's own folder when ragft runs for someone on a shared server."""
    return current().confine


def shown_path(path: Path | str) -> str:
    """A path in a message: visible, and kept to its ends if very long. On a
    shared server a path in the person's own folder is shown from there (`~/`
    where it is their home), never as the server's absolute path."""
    own = hosted_folder()
    if own is not None and Path(path).is_absolute() and Path(path).is_relative_to(own):
        home = os.environ.get("HOME") == str(own)
        path = ("~/" if home else "") + str(Path(path).relative_to(own))
    safe = visible(str(path))
    limit = 3 * SHOWN_LENGTH
    return safe if len(safe) <= limit else safe[: limit // 2] + "…" + safe[-limit // 2 :]


def check_name(name: str) -> str:
    """The name a session may have (surrounding blanks removed); InputError
    saying in one line why not. Every place that creates or renames a session
    asks here, so a name accepted once works everywhere."""
    cleaned = name.strip()
    if not cleaned:
        raise InputError("a session needs a name that is not blank")
    if _UNSAFE.search(cleaned):
        raise InputError(
            f"a session name cannot hold control characters or undecodable bytes: "
            f"'{shown(cleaned)}'"
        )
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(
            f"a session name can be at most {MAX_NAME_LENGTH} characters "
            f"(this one has {len(cleaned)})"
        )
    return unicodedata.normalize("NFC", cleaned)


def cite(sources: Iterable[str]) -> str:
    """Source ids as the guidance cites them: [000, 004]."""
    return "[" + ", ".join(sources) + "]"
