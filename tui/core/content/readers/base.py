"""Checking a whole content folder against the decision model: the reader's
shared parts (parsing, the field shapes every file uses, model.toml). Each
file's own records are read in tui/core/content/readers/."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.cache import ParseCache
from tui.core.content.fields import ContentFile, join, listing, type_name
from tui.core.content.records import (
    Claim,
    Question,
    Scoring,
)
from tui.core.errors import ContentProblem

CONTENT_FILES = (
    "sources.toml",
    "model.toml",
    "approaches.toml",
    "questions.toml",
    "flow.toml",
    "rules.toml",
    "factors.toml",
    "use_cases.toml",
    "guidance.toml",
    "figures.toml",
    "disagreements.toml",
    "costs.toml",
    "test_plan.toml",
    "stages.toml",
    "cases.toml",
)
FIRST_CASE_YEAR = 2018  # the earliest published LLM decision worth a precedent
RATINGS = ("good", "fair", "poor")
SOURCE_KINDS = ("guidance", "case")


class ReaderBase:
    """Reads a whole content folder, sharing what each file defines with the next."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[ContentProblem] = []
        self.source_ids: tuple[str, ...] = ()
        self.approach_ids: tuple[str, ...] = contract.APPROACHES
        self.questions: dict[str, Question] = {}
        self.files = {name: ContentFile(directory / name, self.problems) for name in CONTENT_FILES}

    def parse(self) -> None:
        """Parse every file first, so one broken file is reported alone rather than
        as a cascade of dangling references in the others."""
        cache = ParseCache(self.directory, CONTENT_FILES)
        cached = cache.load()
        if cached is not None:
            for name, file in self.files.items():
                file.data = cached[name]
            return
        for file in self.files.values():
            file.parse()
        if not self.problems:
            cache.store({name: file.data for name, file in self.files.items()})

    def open(self, name: str, top_level: Mapping[str, bool]) -> tuple[ContentFile, bool]:
        file = self.files[name]
        return file, file.keys(file.data, "", top_level)

    # Shared field shapes -------------------------------------------------

    def sources(self, file: ContentFile, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        return file.ids(table, key, "sources", self.source_ids, "source")

    def approach(self, file: ContentFile, table: Mapping[str, Any], key: str, name: str) -> str:
        """The approach id in `name`, with a problem naming the known ones if it is none."""
        value = file.text(table, key, name)
        if value and value not in self.approach_ids:
            file.problem(
                join(key, name), f"unknown approach '{value}' (known: {listing(self.approach_ids)})"
            )
        return value

    def claim(self, file: ContentFile, value: Any, key: str) -> Claim:
        if not isinstance(value, dict):
            file.problem(key, f"expected a table with text and sources, got {type_name(value)}")
            return Claim("", ())
        file.keys(value, key, {"text": True, "sources": True})
        return Claim(file.text(value, key, "text"), self.sources(file, value, key))

    def claims(
        self, file: ContentFile, table: Mapping[str, Any], key: str, name: str
    ) -> tuple[Claim, ...]:
        values = file.value(table, key, name, list)
        if values is None:
            return ()
        if not values:
            file.problem(join(key, name), "must list at least one item")
        return tuple(self.claim(file, item, f"{key}.{name}[{i}]") for i, item in enumerate(values))

    def weights(
        self, file: ContentFile, table: Mapping[str, Any], key: str, name: str = "weights"
    ) -> Mapping[str, float]:
        """A table of approach -> points."""
        values = file.value(table, key, name, dict)
        weights: dict[str, float] = {}
        for approach in values or {}:
            if approach not in self.approach_ids:
                file.problem(
                    f"{join(key, name)}.{approach}",
                    f"unknown approach '{approach}' (known: {listing(self.approach_ids)})",
                )
                continue
            number = file.number(values, join(key, name), approach)
            if number is not None:
                weights[approach] = float(number)
        return MappingProxyType(weights)

    def answer_sets(
        self, file: ContentFile, table: Mapping[str, Any], key: str, name: str, *, unanswered: bool
    ) -> dict[str, frozenset[str]]:
        """A condition table: question id -> answers (choice ids) it matches."""
        values = file.value(table, key, name, dict)
        result: dict[str, frozenset[str]] = {}
        for question_id in values or {}:
            where = f"{key}.{name}.{question_id}"
            question = self.questions.get(question_id)
            if question_id == contract.COST_MODEL:
                allowed: tuple[str, ...] = (contract.TUNED_CHEAPER,)
            elif question is None:
                file.problem(
                    where, f"unknown question '{question_id}' (known: {listing(self.questions)})"
                )
                continue
            else:
                allowed = question.choice_ids + ((contract.UNANSWERED,) if unanswered else ())
            chosen = file.ids(
                values, join(key, name), question_id, allowed, f"answer to {question_id}"
            )
            if chosen:
                result[question_id] = frozenset(chosen)
        return result

    # Files ---------------------------------------------------------------

    def read_model(self) -> tuple[str, Scoring]:
        file, _ = self.open(
            "model.toml", {"content_version": True, "scoring": True, "confidence": True}
        )
        version = file.text(file.data, "", "content_version")
        scoring = file.value(file.data, "", "scoring", dict) or {}
        file.keys(
            scoring,
            "scoring",
            {"temperature": True, "tie_order": True, "tie_sources": True, "prior": True},
        )
        temperature = file.number(scoring, "scoring", "temperature", minimum=0.01) or 1.0
        tie_order = file.ids(scoring, "scoring", "tie_order", self.approach_ids, "approach")
        if tie_order and sorted(tie_order) != sorted(self.approach_ids):
            file.problem("scoring.tie_order", "must list each approach exactly once")
        tie_sources = file.ids(scoring, "scoring", "tie_sources", self.source_ids, "source")
        prior = self.weights(file, scoring, "scoring", "prior")
        confidence = file.value(file.data, "", "confidence", dict) or {}
        file.keys(
            confidence,
            "confidence",
            {"high_margin": True, "medium_margin": True, "high_min_answers": True},
        )
        high = file.number(confidence, "confidence", "high_margin", minimum=0) or 0.0
        medium = file.number(confidence, "confidence", "medium_margin", minimum=0) or 0.0
        if medium > high:
            file.problem("confidence.medium_margin", "must not be larger than high_margin")
        minimum_answers = file.number(
            confidence, "confidence", "high_min_answers", integer=True, minimum=0
        )
        return version, Scoring(
            temperature=float(temperature),
            tie_order=tie_order or self.approach_ids,
            tie_sources=tie_sources,
            prior=prior,
            high_margin=float(high),
            medium_margin=float(medium),
            high_min_answers=int(minimum_answers or 0),
            rule_lift=0.0,
        )
