"""Reading sources.toml and cases.toml: the sources every claim cites, and the
published decisions."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tui.core.content.fields import ContentFile, listing, type_name
from tui.core.content.readers.base import FIRST_CASE_YEAR, SOURCE_KINDS, ReaderBase
from tui.core.content.records import (
    Answer,
    Case,
    Source,
)
from tui.core.text import shown


class CasesReader(ReaderBase):
    def read_sources(self) -> dict[str, Source]:
        file, _ = self.open("sources.toml", {"sources": True})
        table = file.value(file.data, "", "sources", dict) or {}
        sources: dict[str, Source] = {}
        fields = {
            "title": True,
            "publisher": True,
            "date": True,
            "url": False,
            "kind": False,
            "contributes": True,
        }
        for source_id, entry in table.items():
            key = f"sources.{source_id}"
            if not isinstance(entry, dict):
                file.problem(key, f"expected a table, got {type_name(entry)}")
                continue
            file.keys(entry, key, fields)
            sources[source_id] = Source(
                source_id,
                file.text(entry, key, "title"),
                file.text(entry, key, "publisher"),
                file.text(entry, key, "date", empty=True),
                file.text(entry, key, "contributes"),
                self.address(file, entry, key) if "url" in entry else "",
                self.source_kind(file, entry, key),
            )
        if not sources:
            file.problem("sources", "must define at least one source")
        self.source_ids = tuple(sources)
        return sources

    def address(self, file: ContentFile, entry: Mapping[str, Any], key: str) -> str:
        """A source's address: the exports make it a link, so only a web one."""
        url = file.text(entry, key, "url")
        if url and not url.lower().startswith(("https://", "http://")):
            file.problem(f"{key}.url", f"must start with https:// or http://, got '{shown(url)}'")
        return url

    def source_kind(self, file: ContentFile, entry: Mapping[str, Any], key: str) -> str:
        kind = file.text(entry, key, "kind") if "kind" in entry else SOURCE_KINDS[0]
        if kind not in SOURCE_KINDS:
            file.problem(f"{key}.kind", f"unknown kind '{kind}' (known: {listing(SOURCE_KINDS)})")
        return kind

    def read_cases(self, sources: Mapping[str, Source]) -> tuple[Case, ...]:
        file, _ = self.open("cases.toml", {"case": True})
        fields = dict.fromkeys(
            ("id", "title", "organisation", "year", "chose", "situation", "outcome", "source"),
            True,
        )
        fields["answers"] = True
        cases = []
        for key, entry in file.entries(file.data, "case"):
            file.keys(entry, key, fields)
            year = file.number(entry, key, "year", integer=True, minimum=FIRST_CASE_YEAR)
            source = file.text(entry, key, "source")
            if source and source not in sources:
                file.problem(f"{key}.source", f"unknown source '{source}'")
            elif source and not sources[source].url:
                file.problem(f"{key}.source", f"source '{source}' has no url in sources.toml")
            cases.append(
                Case(
                    id=file.text(entry, key, "id"),
                    title=file.text(entry, key, "title"),
                    organisation=file.text(entry, key, "organisation"),
                    year=int(year or 0),
                    chose=self.approach(file, entry, key, "chose"),
                    situation=file.text(entry, key, "situation"),
                    outcome=file.text(entry, key, "outcome"),
                    source=source,
                    answers=MappingProxyType(self.case_answers(file, entry, key)),
                )
            )
        return tuple(cases)

    def case_answers(
        self, file: ContentFile, entry: Mapping[str, Any], key: str
    ) -> dict[str, Answer]:
        """A case's situation: answers checked as strictly as an answers file's."""
        table = file.value(entry, key, "answers", dict)
        if table is not None and not table:
            file.problem(f"{key}.answers", "must state at least one answer")
        answers: dict[str, Answer] = {}
        for question_id, value in (table or {}).items():
            where = f"{key}.answers.{question_id}"
            question = self.questions.get(question_id)
            if question is None:
                file.problem(
                    where, f"unknown question '{question_id}' (known: {listing(self.questions)})"
                )
            elif question.option_for(value) is None or isinstance(value, bool):
                allowed = (
                    "a whole number >= 0" if question.is_number else listing(question.choice_ids)
                )
                file.problem(where, f"'{value}' is not an answer (allowed: {allowed})")
            else:
                answers[question_id] = value
        return answers
