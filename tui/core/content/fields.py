"""Checking one content file: parsing it, and each field's presence and type,
every problem recorded with its file and key."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from tui.core.errors import ContentProblem
from tui.core.text import has_controls, shown, visible
from tui.core.tomlfile import UnreadableFile, parse_toml, read_bytes

MAX_CONTENT_BYTES = 4 * 1024 * 1024

# No figure in the model comes near a quadrillion (prices, volumes, tokens,
# years); beyond it a number is a typo that would overflow the arithmetic.
LARGEST = 10**15


def type_name(value: object) -> str:
    """How a TOML value's type is named in messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, list):
        return "array"
    return "date/time"


LISTED_IN_FULL = 20


def listing(items: Collection[str]) -> str:
    """The items for an error line; a long list keeps its ends, so the line stays one line."""
    names = list(items)
    if len(names) <= LISTED_IN_FULL:
        return ", ".join(names)
    return f"{', '.join(names[:4])}, ..., {', '.join(names[-2:])} ({len(names)} in all)"


def join(key: str, name: str) -> str:
    """A dotted key path."""
    return f"{key}.{name}" if key else name


_EXPECTED: dict[type, str] = {
    str: "a string",
    dict: "a table",
    list: "an array",
    bool: "true or false",
    int: "a whole number",
}


class ContentFile:
    """One content file being read; records each problem with its key."""

    def __init__(self, path: Path, problems: list[ContentProblem]) -> None:
        self.path = path
        self.name = str(path)
        self.problems = problems
        self.data: dict[str, Any] = {}

    def problem(self, key: str, message: str) -> None:
        self.problems.append(ContentProblem(self.name, key, message))

    def parse(self) -> None:
        """Read and parse the file; a failure is this file's only problem."""
        try:
            self.data = parse_toml(read_bytes(self.path, MAX_CONTENT_BYTES, "a content file"))
        except UnreadableFile as error:
            self.problem("(file)", str(error))

    def keys(self, table: Mapping[str, Any], key: str, fields: Mapping[str, bool]) -> bool:
        """Report unknown and missing keys of `table`; True when none are missing."""
        prefix = join(key, "")
        for name in table:
            if name not in fields:
                self.problem(f"{prefix}{name}", f"unknown key (allowed: {listing(fields)})")
        complete = True
        for name, required in fields.items():
            if required and name not in table:
                self.problem(f"{prefix}{name}", "missing")
                complete = False
        return complete

    def value(self, table: Mapping[str, Any], key: str, name: str, kind: type | tuple) -> Any:
        """table[name] if present and of `kind`, else None (with a problem if wrong type)."""
        if name not in table:
            return None
        value = table[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # TOML booleans are Python ints; a boolean is never a number here.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in kinds):
            expected = _EXPECTED.get(kind, "a number") if isinstance(kind, type) else "a number"
            self.problem(join(key, name), f"expected {expected}, got {type_name(value)}")
            return None
        return value

    def text(self, table: Mapping[str, Any], key: str, name: str, *, empty: bool = False) -> str:
        value = self.value(table, key, name, str)
        if value is None:
            return ""
        if not empty and not value.strip():
            self.problem(join(key, name), "must not be empty")
        if has_controls(value):
            # Content is shown as text: an escape sequence in it would
            # retitle or reprogram the terminal of whoever reads it.
            self.problem(join(key, name), f"holds a control character: '{shown(value)}'")
            return visible(value, lines=True)
        return value

    def number(
        self,
        table: Mapping[str, Any],
        key: str,
        name: str,
        *,
        integer: bool = False,
        minimum: float | None = None,
    ) -> float | None:
        value = self.value(table, key, name, int if integer else (int, float))
        if value is None:
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(join(key, name), f"must be a finite number, got {value}")
            return None
        if abs(value) > LARGEST:
            digits = len(str(abs(int(value))))
            shown_value = (
                f"{value:.3g}" if isinstance(value, float) else f"a number of {digits} digits"
            )
            self.problem(join(key, name), f"must be at most {LARGEST:,.0f}, got {shown_value}")
            return None
        if minimum is not None and value < minimum:
            self.problem(join(key, name), f"must be at least {minimum:g}, got {value}")
            return None
        return value

    def whole(
        self, table: Mapping[str, Any], key: str, name: str, *, minimum: int | None = None
    ) -> int | None:
        """A whole number (a band's bounds, a year), or None with a problem."""
        value = self.number(table, key, name, integer=True, minimum=minimum)
        return None if value is None else int(value)

    def ids(
        self,
        table: Mapping[str, Any],
        key: str,
        name: str,
        known: Collection[str],
        what: str,
        *,
        empty: bool = False,
    ) -> tuple[str, ...]:
        """An array of ids, each of which must be in `known`."""
        values = self.value(table, key, name, list)
        if values is None:
            return ()
        if not values and not empty:
            self.problem(join(key, name), f"must name at least one {what}")
        result = []
        for index, item in enumerate(values):
            if not isinstance(item, str):
                self.problem(f"{key}.{name}[{index}]", f"expected a string, got {type_name(item)}")
            elif item not in known:
                self.problem(
                    f"{key}.{name}[{index}]",
                    f"unknown {what} '{item}' (known: {listing(known)})",
                )
            else:
                result.append(item)
        return tuple(result)

    def entries(
        self, table: Mapping[str, Any], name: str, parent: str = ""
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The tables of an array of tables, each with its key (`parent.name[id]`)."""
        name = join(parent, name)
        values = self.value(table, parent, name.rpartition(".")[2], list) or []
        seen: set[str] = set()
        for index, entry in enumerate(values):
            if not isinstance(entry, dict):
                self.problem(f"{name}[{index}]", f"expected a table, got {type_name(entry)}")
                continue
            entry_id = entry.get("id")
            key = (
                f"{name}[{entry_id}]"
                if isinstance(entry_id, str) and entry_id
                else f"{name}[{index}]"
            )
            if isinstance(entry_id, str) and entry_id:
                if entry_id in seen:
                    self.problem(f"{key}.id", f"duplicate id '{entry_id}'")
                    continue
                seen.add(entry_id)
            yield key, entry
