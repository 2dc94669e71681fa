"""Sessions and answers files: reading them safely, and the Session record.

An answers file is TOML with an `[answers]` table; a saved session is such a
file with more top-level fields. Anything wrong with a file becomes an
InputError whose message is one line naming the file, the key, the bad value
and what is allowed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui.core.content import Answer, Content, Question, type_name
from tui.core.errors import InputError

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024

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
    if isinstance(value, int | float):
        return f"{type_name(value)} {value}"
    name = type_name(value)
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every way it can fail into one InputError line."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: cannot read it (permission denied)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path}: too large for an answers file (over 1 MiB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a text file (not valid UTF-8), so not TOML") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: invalid TOML: {error}") from None


def _allowed(question: Question) -> str:
    if question.is_number:
        return "a whole number >= 0"
    return ", ".join(question.choice_ids)


def parse_answer(question: Question, value: object) -> Answer:
    """Check one answer; raises ValueError with what is wrong and what is allowed."""
    if question.is_number:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number >= 0, got {show_value(value)}")
        if value < 0:
            raise ValueError(f"{value} is negative (allowed: {_allowed(question)})")
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"expected a choice as a string, got {show_value(value)} "
            f"(allowed: {_allowed(question)})"
        )
    if value not in question.choice_ids:
        raise ValueError(f"unknown choice {value!r} (allowed: {_allowed(question)})")
    return value


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

    def __post_init__(self) -> None:
        # Callers may pass plain dicts; the record must not change under them.
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))

    def with_answer(self, question_id: str, value: Answer) -> Session:
        return replace(self, answers={**self.answers, question_id: value})

    def with_note(self, question_id: str, text: str) -> Session:
        notes = dict(self.notes)
        if text.strip():
            notes[question_id] = text
        else:
            notes.pop(question_id, None)
        return replace(self, notes=notes)

    def at(self, question_id: str | None) -> Session:
        return replace(self, position=question_id)


def _text_field(document: Mapping[str, Any], key: str) -> str:
    value = document.get(key, "")
    return value if isinstance(value, str) else ""


def _time_field(document: Mapping[str, Any], key: str) -> datetime | None:
    value = document.get(key)
    return value if isinstance(value, datetime) else None


def session_from_document(
    content: Content, document: Mapping[str, Any], where: str, default_name: str
) -> Session:
    """A Session from a parsed answers file; only `[answers]` is checked strictly.

    Top-level keys the session does not know (a scenario's `expect`, say) are
    ignored, as the spec asks of `decide`.
    """
    notes_table = document.get("notes", {})
    notes = (
        {k: v for k, v in notes_table.items() if isinstance(v, str)}
        if isinstance(notes_table, dict)
        else {}
    )
    position = document.get("position")
    return Session(
        name=_text_field(document, "name") or default_name,
        answers=parse_answers(content, document, where),
        notes=notes,
        created=_time_field(document, "created"),
        updated=_time_field(document, "updated"),
        content_version=_text_field(document, "content_version"),
        position=position
        if isinstance(position, str) and (position in content.questions or position in PLACES)
        else None,
    )


def load_answers_file(content: Content, path: Path) -> Session:
    """Read an answers or session file from anywhere; InputError on any problem."""
    return session_from_document(content, read_toml(path), str(path), path.stem)
