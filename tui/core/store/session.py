"""Sessions and answers files: reading them safely, and the Session record.

An answers file is TOML with an `[answers]` table; a saved session is such a
file with more top-level fields. Anything wrong with a file becomes an
InputError whose message is one line naming the file, the key, the bad value
and what is allowed.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content import Answer, Content, Question, type_name
from tui.core.content.records import LARGEST_FIGURE
from tui.core.errors import InputError
from tui.core.text import check_name, shown_path
from tui.core.tomlfile import UnreadableFile, parse_toml, read_bytes

# 1: the spec's answers file (name and [answers]); 2 adds id, revision and
# position, which saving and merging rely on. Older files are migrated on load
# and written in the current form only when saved.
SCHEMA_VERSION = 2
MAX_FILE_BYTES = 1024 * 1024
EARLIEST_YEAR, LATEST_YEAR = 1970, 9998
# The largest number any question takes: far above any real volume, and small
# enough that every sum and cost computed from it stays an ordinary float.
MAX_NUMBER = 10**12

# Where a session can be besides a question, remembered for resuming.
REVIEW = "review"
RESULT = "result"
PLACES = (REVIEW, RESULT)


def show_value(value: object) -> str:
    """A TOML value as a user would recognise it in a message: type and value."""
    if isinstance(value, bool):
        return f"boolean {'true' if value else 'false'}"
    if isinstance(value, str):
        return f"string {repr(value) if len(value) <= 40 else repr(value[:37] + '...')}"
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        return f"{type_name(value)} of {len(str(abs(value)))} digits"
    if isinstance(value, int | float):
        return f"{type_name(value)} {value}"
    name = type_name(value)
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def read_toml_bytes(path: Path) -> tuple[dict[str, Any], bytes]:
    """A TOML file parsed, and its bytes (to notice a later change by content);
    every way it can fail is one InputError line."""
    try:
        raw = read_bytes(path, MAX_FILE_BYTES, "an answers file")
        return parse_toml(raw), raw
    except UnreadableFile as error:
        raise InputError(f"{shown_path(path)}: {error}") from None


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every way it can fail into one InputError line."""
    return read_toml_bytes(path)[0]


NUMBER_ALLOWED = f"a whole number from 0 to {MAX_NUMBER:,}"


def _allowed(question: Question) -> str:
    if question.is_number:
        return NUMBER_ALLOWED
    return ", ".join(question.choice_ids)


def parse_answer(question: Question, value: object) -> Answer:
    """Check one answer; raises ValueError with what is wrong and what is allowed."""
    if question.is_number:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected {NUMBER_ALLOWED}, got {show_value(value)}")
        if value < 0:
            raise ValueError(f"{value} is negative (allowed: {NUMBER_ALLOWED})")
        if value > MAX_NUMBER:
            raise ValueError(f"{show_value(value)} is too large (allowed: {NUMBER_ALLOWED})")
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"expected a choice as a string, got {show_value(value)} "
            f"(allowed: {_allowed(question)})"
        )
    value = contract.SPELLINGS.get(value, value) if value not in question.choice_ids else value
    if value not in question.choice_ids:
        raise ValueError(f"unknown choice {value!r} (allowed: {_allowed(question)})")
    return value


def parse_number(text: str) -> int:
    """A number as a user types it (digits, perhaps with , or _ between them);
    ValueError saying in a few words what is wrong with it."""
    digits = text.strip().replace(",", "").replace("_", "")
    # ASCII only: str.isdigit() also accepts superscripts, which int() refuses.
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError("not a whole number")
    if len(digits) > len(str(MAX_NUMBER)) or int(digits) > MAX_NUMBER:
        raise ValueError("too large")
    return int(digits)


def parse_answers(content: Content, document: Mapping[str, Any], where: str) -> dict[str, Answer]:
    """The `[answers]` table of a document, every answer checked against the content."""
    table = document.get("answers", {})
    if not isinstance(table, dict):
        raise InputError(
            f"{where}: answers: expected a table of question = answer, got {type_name(table)}"
        )
    answers: dict[str, Answer] = {}
    for question_id, value in table.items():
        question = content.questions.get(question_id)
        if question is None:
            known = ", ".join(content.questions)
            raise InputError(f"{where}: answers.{question_id}: unknown question (known: {known})")
        try:
            answers[question_id] = parse_answer(question, value)
        except ValueError as error:
            raise InputError(f"{where}: answers.{question_id}: {error}") from None
    return answers


def parse_assumption(value: object, maximum: float = LARGEST_FIGURE) -> float:
    """A cost-model figure as a file gives it; ValueError saying why not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {show_value(value)}")
    if not math.isfinite(value) or not 0 <= value <= maximum:
        raise ValueError(f"expected a number from 0 to {maximum:,.0f}, got {value}")
    return float(value)


def parse_typed_assumption(text: str, maximum: float = LARGEST_FIGURE) -> float:
    """A figure as a user types it ("1,000,000", "2.5", "$3", "50%" for 0.5);
    ValueError saying why not."""
    cleaned = text.strip().replace(",", "").replace("_", "").removeprefix("$")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.removesuffix("%"))
    except ValueError:
        raise ValueError(f"not a number: {text.strip()[:30]!r}") from None
    return parse_assumption(value / 100 if percent else value, maximum)


def parse_months(value: object) -> int:
    """The cost model's horizon; ValueError saying why not."""
    low, high = contract.SHORTEST_HORIZON, contract.LONGEST_HORIZON
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(
            f"expected a whole number of months from {low} to {high}, got {show_value(value)}"
        )
    return value


def parse_assumptions(
    content: Content, document: Mapping[str, Any], where: str, *, strict: bool = True
) -> tuple[dict[str, float], dict[str, object]]:
    """The `[assumptions]` table (assumption id = number) that overrides the cost
    model's defaults; strictly, any bad entry is an InputError, else it is kept
    aside like an answer the content does not know."""
    table = document.get("assumptions", {})
    if not isinstance(table, dict):
        raise InputError(
            f"{where}: assumptions: expected a table of assumption = number, got {type_name(table)}"
        )
    known: dict[str, float] = {}
    kept: dict[str, object] = {}
    for ident, value in table.items():
        try:
            if ident not in content.assumptions:
                raise ValueError(f"unknown assumption (known: {', '.join(content.assumptions)})")
            known[ident] = parse_assumption(value, content.assumptions[ident].maximum)
        except ValueError as error:
            if strict:
                raise InputError(f"{where}: assumptions.{ident}: {error}") from None
            kept[ident] = value
    return known, kept


@dataclass(frozen=True, slots=True)
class Session:
    """A decision in progress: what the app edits, storage saves and export reads."""

    name: str
    answers: Mapping[str, Answer] = field(default_factory=lambda: MappingProxyType({}))
    notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    created: datetime | None = None
    updated: datetime | None = None
    content_version: str = ""
    position: str | None = None
    schema_version: int = SCHEMA_VERSION
    id: str = ""
    # Saves so far; storage uses it to notice another process saved in between.
    revision: int = 0
    # Answers the content does not know (a question since removed, a choice
    # renamed): kept and written back untouched, never counted.
    unknown_answers: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # The user's own figures for the cost model (assumption id -> number), and
    # any the content does not know, kept like unknown answers.
    assumptions: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    unknown_assumptions: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # How many months the cost model looks ahead.
    months: int = contract.DEFAULT_MONTHS

    def __post_init__(self) -> None:
        # Callers may pass plain dicts; the record must not change under them.
        for name in ("answers", "notes", "unknown_answers", "assumptions", "unknown_assumptions"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def with_answer(self, question_id: str, value: Answer) -> Session:
        return replace(self, answers={**self.answers, question_id: value})

    def with_note(self, question_id: str, text: str) -> Session:
        notes = dict(self.notes)
        if text.strip():
            notes[question_id] = text
        else:
            notes.pop(question_id, None)
        return replace(self, notes=notes)

    def with_assumption(self, ident: str, value: float | None) -> Session:
        """The user's own figure for an assumption; None goes back to the default."""
        assumptions = dict(self.assumptions)
        if value is None:
            assumptions.pop(ident, None)
        else:
            assumptions[ident] = value
        return replace(self, assumptions=assumptions)

    def with_months(self, months: int) -> Session:
        return replace(self, months=parse_months(months))

    def at(self, question_id: str | None) -> Session:
        return replace(self, position=question_id)


def new_session_id() -> str:
    return secrets.token_hex(6)


def stable_id(text: str) -> str:
    """An id for a file that never had one (hand-written, or schema 1)."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def new_session(name: str, content: Content, now: datetime) -> Session:
    """A new, empty session; InputError if the name cannot be a session's."""
    return Session(
        name=check_name(name),
        created=now,
        updated=now,
        content_version=content.version,
        id=new_session_id(),
    )


# Reading -----------------------------------------------------------------


def _migrate_1(document: dict[str, Any], where: str) -> dict[str, Any]:
    """Schema 1 had no id, revision or position: derive the id from the file."""
    return {**document, "schema_version": 2, "id": stable_id(where), "revision": 0}


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _migrate_1}


def migrate(document: dict[str, Any], where: str) -> dict[str, Any]:
    """Bring a document to SCHEMA_VERSION; InputError for a version from the future."""
    version = document.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(
            f"{where}: schema_version: expected a whole number >= 1, got {show_value(version)}"
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            f"{where}: written by a newer ragft (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION})"
        )
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document, where)
        version = document["schema_version"]
    return document


def _field(document: Mapping[str, Any], where: str, key: str, kind: type, default: Any) -> Any:
    if key not in document:
        return default
    value = document[key]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        wanted = {str: "text", int: "a whole number", datetime: "a date and time"}[kind]
        raise InputError(f"{where}: {key}: expected {wanted}, got {show_value(value)}")
    if isinstance(value, datetime):
        _check_time(value, where, key)
    return value


def _check_time(value: datetime, where: str, key: str) -> None:
    """A stored time must have a zone (to compare and sort) and a plausible year
    (to subtract from now without overflowing)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(
            f"{where}: {key}: {value.isoformat()} has no time zone "
            "(write it as, for example, 2026-11-21T10:00:00Z)"
        )
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise InputError(
            f"{where}: {key}: the year {value.year} is out of range "
            f"({EARLIEST_YEAR} to {LATEST_YEAR})"
        )


def _notes(document: Mapping[str, Any], where: str) -> dict[str, str]:
    table = document.get("notes", {})
    if not isinstance(table, dict):
        raise InputError(
            f"{where}: notes: expected a table of question = text, got {show_value(table)}"
        )
    for key, value in table.items():
        if not isinstance(value, str):
            raise InputError(f"{where}: notes.{key}: expected text, got {show_value(value)}")
    return dict(table)


def _lenient_answers(
    content: Content, document: Mapping[str, Any], where: str
) -> tuple[dict[str, Answer], dict[str, object]]:
    """Answers that fit the content, and the rest (kept aside, not dropped)."""
    table = document.get("answers")
    if table is None:
        raise InputError(f"{where}: no [answers] table, so not a ragft session")
    if not isinstance(table, dict):
        raise InputError(f"{where}: answers: expected a table, got {show_value(table)}")
    known: dict[str, Answer] = {}
    unknown: dict[str, object] = {}
    for question_id, value in table.items():
        question = content.questions.get(question_id)
        try:
            if question is None:
                raise ValueError("unknown question")
            known[question_id] = parse_answer(question, value)
        except ValueError:
            unknown[question_id] = value
    return known, unknown


def session_from_document(
    content: Content,
    document: Mapping[str, Any],
    where: str,
    default_name: str,
    *,
    strict: bool = True,
) -> Session:
    """A Session from a parsed file.

    strict (decide, export): every answer must fit the content, else InputError;
    other top-level keys are ignored, as the spec asks of `decide`.
    Not strict (stored sessions): answers that do not fit are kept aside in
    `unknown_answers`, and the session's own fields must have the right types.
    """
    if strict:
        answers = parse_answers(content, document, where)
        unknown: dict[str, object] = {}
        document = {k: v for k, v in document.items() if k != "schema_version"}
    else:
        document = migrate(dict(document), where)
        answers, unknown = _lenient_answers(content, document, where)
    fields = {
        "name": (str, default_name),
        "id": (str, ""),
        "content_version": (str, ""),
        "position": (str, None),
        "revision": (int, 0),
        "created": (datetime, None),
        "updated": (datetime, None),
    }
    values: dict[str, Any] = {}
    for key, (kind, default) in fields.items():
        try:
            values[key] = _field(document, where, key, kind, default)
        except InputError:
            if not strict:
                raise
            values[key] = default  # decide reads only [answers]
    try:
        notes = _notes(document, where)
    except InputError:
        if not strict:
            raise
        notes = {}
    position = values["position"]
    if position is not None and position not in content.questions and position not in PLACES:
        position = None
    assumptions, kept_assumptions = parse_assumptions(content, document, where, strict=strict)
    try:
        months = parse_months(document.get("months", contract.DEFAULT_MONTHS))
    except ValueError as error:
        raise InputError(f"{where}: months: {error}") from None
    return Session(
        name=values["name"],
        answers=answers,
        notes=notes,
        created=values["created"],
        updated=values["updated"],
        content_version=values["content_version"],
        position=position,
        id=values["id"] or stable_id(where),
        revision=max(0, values["revision"]),
        unknown_answers=unknown,
        assumptions=assumptions,
        unknown_assumptions=kept_assumptions,
        months=months,
    )


def load_answers_file(content: Content, path: Path) -> Session:
    """Read an answers or session file from anywhere, strictly; InputError on any problem."""
    return session_from_document(content, read_toml(path), str(path), path.stem)


def load_answers_bytes(content: Content, raw: bytes, where: str = "standard input") -> Session:
    """Answers read from a stream rather than a file, as strictly."""
    try:
        if len(raw) > MAX_FILE_BYTES:
            raise UnreadableFile(f"too large for an answers file (over {MAX_FILE_BYTES:,} bytes)")
        document = parse_toml(raw)
    except UnreadableFile as error:
        raise InputError(f"{where}: {error}") from None
    return session_from_document(content, document, where, "answers")


# Writing -----------------------------------------------------------------


def session_to_document(session: Session) -> dict[str, Any]:
    """The TOML document of a session, in the current schema."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": session.id,
        "name": session.name,
        "revision": session.revision,
        "content_version": session.content_version,
    }
    for key in ("created", "updated"):
        value = getattr(session, key)
        if value is not None:
            document[key] = value
    if session.position is not None:
        document["position"] = session.position
    document["answers"] = {**session.unknown_answers, **session.answers}
    if session.notes:
        document["notes"] = dict(session.notes)
    if session.assumptions or session.unknown_assumptions:
        document["assumptions"] = {**session.unknown_assumptions, **session.assumptions}
    if session.months != contract.DEFAULT_MONTHS:
        document["months"] = session.months
    return document
