"""Checking a whole content folder against the decision model: every file's
records, and the references between them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.cache import ParseCache
from tui.core.content.fields import ContentFile, join, listing, type_name
from tui.core.content.records import (
    Answer,
    Approach,
    Assumption,
    Branch,
    Case,
    Cell,
    Claim,
    Disagreement,
    Example,
    Factor,
    Figure,
    HybridPattern,
    Mistake,
    Option,
    PathStep,
    PlanStep,
    Question,
    Rule,
    Scoring,
    Side,
    Source,
    UseCase,
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
COST_SCALING = ("per_query", "fixed")


class ContentReader:
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
                file.text(entry, key, "url") if "url" in entry else "",
                self.source_kind(file, entry, key),
            )
        if not sources:
            file.problem("sources", "must define at least one source")
        self.source_ids = tuple(sources)
        return sources

    def source_kind(self, file: ContentFile, entry: Mapping[str, Any], key: str) -> str:
        kind = file.text(entry, key, "kind") if "kind" in entry else SOURCE_KINDS[0]
        if kind not in SOURCE_KINDS:
            file.problem(f"{key}.kind", f"unknown kind '{kind}' (known: {listing(SOURCE_KINDS)})")
        return kind

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

    def read_approaches(self) -> dict[str, Approach]:
        file, _ = self.open("approaches.toml", {"approach": True})
        approaches: dict[str, Approach] = {}
        fields = {
            "id": True,
            "name": True,
            "tagline": True,
            "summary": True,
            "strengths": True,
            "limits": True,
            "wrong_when": True,
            "next_steps": True,
            "pitfalls": True,
        }
        for key, entry in file.entries(file.data, "approach"):
            file.keys(entry, key, fields)
            approach_id = file.text(entry, key, "id")
            if approach_id and approach_id not in contract.APPROACHES:
                file.problem(
                    f"{key}.id",
                    f"'{approach_id}' is not an approach of the decision model "
                    f"(known: {listing(contract.APPROACHES)})",
                )
                continue
            approaches[approach_id] = Approach(
                id=approach_id,
                name=file.text(entry, key, "name"),
                tagline=file.text(entry, key, "tagline"),
                summary=self.claim(file, entry.get("summary"), f"{key}.summary"),
                strengths=self.claims(file, entry, key, "strengths"),
                limits=self.claims(file, entry, key, "limits"),
                wrong_when=self.claims(file, entry, key, "wrong_when"),
                next_steps=self.claims(file, entry, key, "next_steps"),
                pitfalls=self.claims(file, entry, key, "pitfalls"),
            )
        for approach_id in contract.APPROACHES:
            if approach_id not in approaches:
                file.problem("approach", f"approach '{approach_id}' is missing")
        return {a: approaches[a] for a in contract.APPROACHES if a in approaches}

    def read_option(
        self, file: ContentFile, entry: dict[str, Any], key: str, *, band: bool
    ) -> Option:
        fields = {"id": True, "label": True, "implies": True, "weights": True, "sources": True}
        if band:
            fields |= {"min": True, "max": False, "probe": True}
        file.keys(entry, key, fields)
        low = high = probe = None
        if band:
            low = file.whole(entry, key, "min", minimum=0)
            high = file.whole(entry, key, "max", minimum=0)
            probe = file.whole(entry, key, "probe", minimum=0)
            if low is not None and high is not None and high < low:
                file.problem(f"{key}.max", f"must not be below min ({low}), got {high}")
            elif (
                probe is not None
                and low is not None
                and not (probe >= low and (high is None or probe <= high))
            ):
                file.problem(f"{key}.probe", f"must lie within the band, got {probe}")
        return Option(
            id=file.text(entry, key, "id"),
            label=file.text(entry, key, "label"),
            implies=file.text(entry, key, "implies"),
            weights=self.weights(file, entry, key),
            sources=self.sources(file, entry, key),
            low=low,
            high=high,
            probe=probe,
        )

    def read_questions(self) -> None:
        file, _ = self.open("questions.toml", {"question": True})
        fields = {
            "id": True,
            "title": True,
            "prompt": True,
            "help": True,
            "sources": True,
            "kind": False,
            "unit": False,
            "choice": False,
            "band": False,
            "skip_when": False,
            "skip_why": False,
        }
        pending_skips: list[tuple[str, str, dict[str, Any]]] = []
        for key, entry in file.entries(file.data, "question"):
            file.keys(entry, key, fields)
            question_id = file.text(entry, key, "id")
            kind = file.text(entry, key, "kind") if "kind" in entry else "choice"
            if kind not in ("choice", "number"):
                file.problem(f"{key}.kind", f"unknown kind '{kind}' (allowed: choice, number)")
                kind = "choice"
            options = self.read_options(file, entry, key, kind)
            if "skip_when" in entry:
                pending_skips.append((question_id, key, entry))
                if "skip_why" not in entry:
                    file.problem(f"{key}.skip_why", "missing (say why the question is skipped)")
            self.questions[question_id] = Question(
                id=question_id,
                title=file.text(entry, key, "title"),
                prompt=file.text(entry, key, "prompt"),
                help=file.text(entry, key, "help"),
                sources=self.sources(file, entry, key),
                kind=kind,
                options=options,
                unit=file.text(entry, key, "unit") if "unit" in entry else "",
                skip_when=MappingProxyType({}),
                skip_why=file.text(entry, key, "skip_why") if "skip_why" in entry else "",
            )
        self.check_contract_questions(file)
        # Skip conditions may name any question, so they are read once all exist.
        for question_id, key, entry in pending_skips:
            skip_when = self.answer_sets(file, entry, key, "skip_when", unanswered=False)
            if question_id in skip_when:
                file.problem(f"{key}.skip_when.{question_id}", "a question cannot skip itself")
                skip_when.pop(question_id)
            self.questions[question_id] = self.questions[question_id]._replace(
                skip_when=MappingProxyType(skip_when)
            )

    def read_options(
        self, file: ContentFile, entry: dict[str, Any], key: str, kind: str
    ) -> tuple[Option, ...]:
        wanted, unwanted = ("band", "choice") if kind == "number" else ("choice", "band")
        if unwanted in entry:
            file.problem(f"{key}.{unwanted}", f"a {kind} question has no {unwanted}s")
        if wanted not in entry:
            file.problem(f"{key}.{wanted}", "missing")
            return ()
        options = tuple(
            self.read_option(file, option, option_key, band=kind == "number")
            for option_key, option in file.entries(entry, wanted, key)
        )
        if kind == "number":
            self.check_bands(file, key, options)
        return options

    def check_bands(self, file: ContentFile, key: str, bands: tuple[Option, ...]) -> None:
        expected_low = 0
        for index, band in enumerate(bands):
            where = f"{key}.band[{band.id or index}]"
            if band.low is not None and band.low != expected_low:
                file.problem(
                    f"{where}.min", f"bands must be contiguous from 0: expected {expected_low}"
                )
            if band.high is None:
                if index != len(bands) - 1:
                    file.problem(f"{where}.max", "only the last band may be open-ended")
                break
            expected_low = band.high + 1
        else:
            if bands:
                file.problem(f"{key}.band", "the last band must have no max (open-ended)")

    def check_contract_questions(self, file: ContentFile) -> None:
        for question_id, choices in contract.CHOICE_QUESTIONS.items():
            question = self.questions.get(question_id)
            if question is None:
                file.problem(
                    "question", f"question '{question_id}' of the decision model is missing"
                )
                continue
            if question.is_number:
                file.problem(f"question[{question_id}].kind", "must be a choice question")
                continue
            present = [c for c in question.choice_ids if c in choices]
            for choice in choices:
                if choice not in question.choice_ids:
                    file.problem(
                        f"question[{question_id}].choice",
                        f"choice '{choice}' of the decision model is missing",
                    )
            if present != [c for c in choices if c in present]:
                file.problem(
                    f"question[{question_id}].choice",
                    f"the decision model's choices must keep their order: {listing(choices)}",
                )
        number = self.questions.get(contract.NUMBER_QUESTION)
        if number is None:
            file.problem(
                "question",
                f"question '{contract.NUMBER_QUESTION}' of the decision model is missing",
            )
        elif not number.is_number:
            file.problem(f"question[{contract.NUMBER_QUESTION}].kind", "must be 'number'")

    def read_flow(self) -> tuple[str, tuple[str, ...], dict[str, Branch]]:
        file, _ = self.open("flow.toml", {"root": True, "sources": True, "branch": True})
        root = file.text(file.data, "", "root")
        sources = self.sources(file, file.data, "flow")
        root_question = self.questions.get(root)
        if root and root_question is None:
            file.problem("root", f"unknown question '{root}' (known: {listing(self.questions)})")
        elif root_question is not None and root_question.is_number:
            file.problem("root", "the root must be a choice question")
            root_question = None
        table = file.value(file.data, "", "branch", dict) or {}
        expected = (root_question.choice_ids if root_question else ()) + (contract.UNANSWERED,)
        branches: dict[str, Branch] = {}
        for branch_id, entry in table.items():
            key = f"branch.{branch_id}"
            if branch_id not in expected:
                file.problem(key, f"unknown branch (allowed: {listing(expected)})")
                continue
            if not isinstance(entry, dict):
                file.problem(key, f"expected a table, got {type_name(entry)}")
                continue
            file.keys(entry, key, {"label": True, "order": True})
            order = file.ids(entry, key, "order", self.questions, "question")
            self.check_order(file, key, root, order)
            branches[branch_id] = Branch(branch_id, file.text(entry, key, "label"), order)
        for branch_id in expected:
            if table and branch_id not in table:
                file.problem(f"branch.{branch_id}", "missing")
        self.check_skips_follow_order(file, branches)
        return root, sources, branches

    def check_order(self, file: ContentFile, key: str, root: str, order: tuple[str, ...]) -> None:
        if order and order[0] != root:
            file.problem(f"{key}.order", f"must start with the root question '{root}'")
        for question_id in self.questions:
            count = order.count(question_id)
            if count != 1 and order:
                file.problem(
                    f"{key}.order",
                    f"must list '{question_id}' exactly once (found {count} times)",
                )

    def check_skips_follow_order(self, file: ContentFile, branches: Mapping[str, Branch]) -> None:
        # A skip is decided from answers already given, so what decides it must
        # be asked earlier in every branch.
        for question in self.questions.values():
            for other in question.skip_when:
                for branch in branches.values():
                    if (
                        question.id in branch.order
                        and other in branch.order
                        and branch.order.index(other) > branch.order.index(question.id)
                    ):
                        file.problem(
                            f"branch.{branch.id}.order",
                            f"'{question.id}' is skipped by '{other}', so ask '{other}' first",
                        )

    def read_rules(self) -> tuple[Rule, ...]:
        file, _ = self.open("rules.toml", {"rule": True})
        rules = []
        fields = {
            "id": True,
            "spec_rule": True,
            "kind": True,
            "exclude": False,
            "recommend": False,
            "priority": False,
            "when": True,
            "alone": False,
            "confidence": False,
            "why": True,
            "sources": True,
            "ahead": False,
            "behind": False,
            "unless": False,
            "set_aside": False,
            "turns": False,
            "takes": False,
            "weights_of": False,
            "questions": False,
            "unable": False,
        }
        for key, entry in file.entries(file.data, "rule"):
            file.keys(entry, key, fields)
            kind = file.text(entry, key, "kind")
            exclude: tuple[str, ...] = ()
            recommend: tuple[str, ...] = ()
            priority = 0
            if kind == "limit":
                exclude = file.ids(entry, key, "exclude", self.approach_ids, "approach")
                for name in ("recommend", "priority", "alone"):
                    if name in entry:
                        file.problem(join(key, name), "only a directive has this key")
                if "exclude" not in entry:
                    file.problem(f"{key}.exclude", "missing")
                if set(exclude) >= set(self.approach_ids):
                    file.problem(f"{key}.exclude", "must leave at least one approach")
            elif kind == "directive":
                recommend = file.ids(entry, key, "recommend", self.approach_ids, "approach")
                priority = int(file.number(entry, key, "priority", integer=True) or 0)
                for name in ("recommend", "priority"):
                    if name not in entry:
                        file.problem(join(key, name), "missing")
                if "exclude" in entry:
                    file.problem(f"{key}.exclude", "only a limit has this key")
            elif kind == "order":
                self._pair_of_approaches(file, entry, key, ("ahead", "behind"), "an order rule")
            elif kind == "share":
                self._pair_of_approaches(file, entry, key, ("takes", "weights_of"), "a share rule")
                if "questions" not in entry:
                    file.problem(join(key, "questions"), "missing")
            elif kind == "unable":
                if "unable" not in entry:
                    file.problem(f"{key}.unable", "missing")
            elif kind:
                file.problem(
                    f"{key}.kind",
                    f"unknown kind '{kind}' (allowed: limit, directive, order, share, unable)",
                )
            if kind != "unable" and "unable" in entry:
                file.problem(f"{key}.unable", "only an unable rule has this key")
            if kind != "share":
                for name in ("takes", "weights_of", "questions"):
                    if name in entry:
                        file.problem(join(key, name), "only a share rule has this key")
            if kind != "order":
                for name in ("ahead", "behind"):
                    if name in entry:
                        file.problem(join(key, name), "only an order rule has this key")
            unless = self.answer_sets(file, entry, key, "unless", unanswered=False)
            if ("unless" in entry) != ("set_aside" in entry):
                file.problem(f"{key}.set_aside", "unless and set_aside come together")
            confidence = file.text(entry, key, "confidence") if "confidence" in entry else None
            if confidence is not None and confidence not in contract.CONFIDENCE_LEVELS:
                file.problem(
                    f"{key}.confidence",
                    f"unknown confidence '{confidence}' "
                    f"(allowed: {listing(contract.CONFIDENCE_LEVELS)})",
                )
                confidence = None
            spec_rule = file.number(entry, key, "spec_rule", integer=True, minimum=1)
            when = self.answer_sets(file, entry, key, "when", unanswered=True)
            if entry.get("when") == {}:
                file.problem(f"{key}.when", "must name at least one question")
            alone = file.value(entry, key, "alone", bool) or False
            rules.append(
                Rule(
                    id=file.text(entry, key, "id"),
                    spec_rule=int(spec_rule or 0),
                    kind=kind,
                    exclude=frozenset(exclude),
                    recommend=recommend,
                    priority=priority,
                    when=MappingProxyType(when),
                    alone=alone,
                    confidence=confidence,
                    why=file.text(entry, key, "why"),
                    sources=self.sources(file, entry, key),
                    ahead=str(entry.get("ahead", "")) if kind == "order" else "",
                    behind=str(entry.get("behind", "")) if kind == "order" else "",
                    unless=MappingProxyType(unless),
                    set_aside=file.text(entry, key, "set_aside") if "set_aside" in entry else "",
                    turns=file.text(entry, key, "turns") if "turns" in entry else "",
                    takes=str(entry.get("takes", "")) if kind == "share" else "",
                    weights_of=str(entry.get("weights_of", "")) if kind == "share" else "",
                    questions=(
                        file.ids(entry, key, "questions", tuple(self.questions), "question")
                        if kind == "share"
                        else ()
                    ),
                    unable=frozenset(
                        file.ids(entry, key, "unable", self.approach_ids, "approach")
                        if kind == "unable"
                        else ()
                    ),
                )
            )
        return tuple(rules)

    def _pair_of_approaches(
        self,
        file: ContentFile,
        entry: Mapping[str, Any],
        key: str,
        names: tuple[str, str],
        rule_kind: str,
    ) -> None:
        """An order or share rule's two approaches: both given, known, and
        different; and none of a directive's or a limit's keys."""
        for name in names:
            if name not in entry:
                file.problem(join(key, name), "missing")
            elif file.text(entry, key, name) not in self.approach_ids:
                file.problem(
                    join(key, name),
                    f"unknown approach '{entry[name]}' (known: {listing(self.approach_ids)})",
                )
        first, second = names
        if entry.get(first) is not None and entry.get(first) == entry.get(second):
            file.problem(f"{key}.{second}", f"must differ from {first}")
        for name in ("exclude", "recommend", "priority", "alone"):
            if name in entry:
                file.problem(join(key, name), f"{rule_kind} does not have this key")

    def read_factors(self) -> tuple[Factor, ...]:
        file, _ = self.open("factors.toml", {"factor": True})
        factors = []
        fields = {"id": True, "name": True, "questions": True, "sources": True, "cells": True}
        for key, entry in file.entries(file.data, "factor"):
            file.keys(entry, key, fields)
            cells_table = file.value(entry, key, "cells", dict) or {}
            cells: dict[str, Cell] = {}
            for approach_id in self.approach_ids:
                cell = cells_table.get(approach_id)
                where = f"{key}.cells.{approach_id}"
                if cell is None:
                    if "cells" in entry:
                        file.problem(where, "missing")
                    continue
                if not isinstance(cell, dict):
                    file.problem(
                        where, f"expected a table with text and rating, got {type_name(cell)}"
                    )
                    continue
                file.keys(cell, where, {"text": True, "rating": True})
                rating = file.text(cell, where, "rating")
                if rating and rating not in RATINGS:
                    file.problem(
                        f"{where}.rating",
                        f"unknown rating '{rating}' (allowed: {listing(RATINGS)})",
                    )
                cells[approach_id] = Cell(file.text(cell, where, "text"), rating)
            for approach_id in cells_table:
                if approach_id not in self.approach_ids:
                    file.problem(
                        f"{key}.cells.{approach_id}",
                        f"unknown approach '{approach_id}' (known: {listing(self.approach_ids)})",
                    )
            factors.append(
                Factor(
                    id=file.text(entry, key, "id"),
                    name=file.text(entry, key, "name"),
                    questions=file.ids(entry, key, "questions", self.questions, "question"),
                    sources=self.sources(file, entry, key),
                    cells=MappingProxyType(cells),
                )
            )
        return tuple(factors)

    def read_use_cases(self) -> dict[str, UseCase]:
        file, _ = self.open("use_cases.toml", {"use_case": True})
        categories = self.questions["use_case"].choice_ids if "use_case" in self.questions else ()
        use_cases: dict[str, UseCase] = {}
        fields = {
            "id": True,
            "name": True,
            "summary": True,
            "when_rag": True,
            "when_fine_tuning": True,
            "hybrid": True,
            "examples": True,
        }
        for key, entry in file.entries(file.data, "use_case"):
            file.keys(entry, key, fields)
            use_case_id = file.text(entry, key, "id")
            if use_case_id and use_case_id not in categories:
                file.problem(
                    f"{key}.id",
                    f"'{use_case_id}' is not a choice of use_case (known: {listing(categories)})",
                )
                continue
            use_cases[use_case_id] = UseCase(
                id=use_case_id,
                name=file.text(entry, key, "name"),
                summary=self.claim(file, entry.get("summary"), f"{key}.summary"),
                when_rag=self.claims(file, entry, key, "when_rag"),
                when_fine_tuning=self.claims(file, entry, key, "when_fine_tuning"),
                hybrid=self.claim(file, entry.get("hybrid"), f"{key}.hybrid"),
                examples=self.examples(file, entry, key),
            )
        for category in categories:
            if category not in use_cases:
                file.problem("use_case", f"no guidance for the task category '{category}'")
        return {c: use_cases[c] for c in categories if c in use_cases}

    def examples(self, file: ContentFile, entry: dict[str, Any], key: str) -> tuple[Example, ...]:
        values = file.value(entry, key, "examples", list) or []
        examples = []
        for index, item in enumerate(values):
            where = f"{key}.examples[{index}]"
            if not isinstance(item, dict):
                file.problem(where, f"expected a table, got {type_name(item)}")
                continue
            file.keys(item, where, {"approach": True, "text": True, "sources": True})
            approach = self.approach(file, item, where, "approach")
            examples.append(
                Example(approach, file.text(item, where, "text"), self.sources(file, item, where))
            )
        return tuple(examples)

    def read_guidance(self) -> tuple[tuple[HybridPattern, ...], tuple[Mistake, ...]]:
        file, _ = self.open("guidance.toml", {"hybrid_pattern": True, "mistake": True})
        patterns = []
        for key, entry in file.entries(file.data, "hybrid_pattern"):
            file.keys(entry, key, {"id": True, "name": True, "text": True, "sources": True})
            patterns.append(
                HybridPattern(
                    file.text(entry, key, "id"),
                    file.text(entry, key, "name"),
                    file.text(entry, key, "text"),
                    self.sources(file, entry, key),
                )
            )
        mistakes = []
        fields = {
            "id": True,
            "name": True,
            "approaches": True,
            "symptoms": True,
            "fix": True,
            "sources": True,
        }
        for key, entry in file.entries(file.data, "mistake"):
            file.keys(entry, key, fields)
            mistakes.append(
                Mistake(
                    id=file.text(entry, key, "id"),
                    name=file.text(entry, key, "name"),
                    approaches=file.ids(entry, key, "approaches", self.approach_ids, "approach"),
                    symptoms=file.text(entry, key, "symptoms"),
                    fix=file.text(entry, key, "fix"),
                    sources=self.sources(file, entry, key),
                )
            )
        return tuple(patterns), tuple(mistakes)

    def read_figures(self) -> dict[str, Figure]:
        file, _ = self.open("figures.toml", {"figure": True})
        figures: dict[str, Figure] = {}
        fields = {
            "id": True,
            "name": True,
            "value": True,
            "low": False,
            "high": False,
            "unit": False,
            "text": True,
            "caveat": True,
            "sources": True,
        }
        for key, entry in file.entries(file.data, "figure"):
            file.keys(entry, key, fields)
            figure = Figure(
                id=file.text(entry, key, "id"),
                name=file.text(entry, key, "name"),
                value=file.text(entry, key, "value"),
                low=file.number(entry, key, "low"),
                high=file.number(entry, key, "high"),
                unit=file.text(entry, key, "unit") if "unit" in entry else "",
                text=file.text(entry, key, "text"),
                caveat=file.text(entry, key, "caveat"),
                sources=self.sources(file, entry, key),
            )
            figures[figure.id] = figure
        return figures

    def read_assumptions(self, sources: Mapping[str, Source]) -> dict[str, Assumption]:
        file, _ = self.open("costs.toml", {"assumption": True})
        fields = {
            "id": True,
            "label": True,
            "unit": True,
            "default": True,
            "question": False,
            "by_answer": False,
            "checked": True,
            "note": False,
            "sources": True,
        }
        found: dict[str, Assumption] = {}
        for key, entry in file.entries(file.data, "assumption"):
            file.keys(entry, key, fields)
            ident = file.text(entry, key, "id")
            if ident and ident not in contract.ASSUMPTIONS:
                file.problem(f"{key}.id", f"unknown assumption '{ident}'")
            elif ident in found:
                file.problem(f"{key}.id", f"assumption '{ident}' is defined twice")
            question = file.text(entry, key, "question") if "question" in entry else None
            table = file.value(entry, key, "by_answer", dict) if "by_answer" in entry else None
            if question is not None and question not in self.questions:
                file.problem(f"{key}.question", f"unknown question '{question}'")
                question, table = None, None  # its answers cannot be checked
            elif table and question is None:
                file.problem(f"{key}.by_answer", "needs the question whose answers it names")
                table = None
            by_answer: dict[str, float] = {}
            answered: Mapping[str, Any] = table or {}
            for answer in answered:
                allowed = self.questions[question].choice_ids if question else ()
                if answer not in allowed:
                    file.problem(f"{key}.by_answer.{answer}", f"not an answer of '{question}'")
                    continue
                value = file.number(answered, f"{key}.by_answer", answer, minimum=0)
                if value is not None:
                    by_answer[answer] = float(value)
            cited = self.sources(file, entry, key)
            for source in cited:
                # A figure an engineer is asked to sign must be traceable.
                if not sources[source].url:
                    file.problem(f"{key}.sources", f"source '{source}' has no url in sources.toml")
            found[ident] = Assumption(
                id=ident,
                label=file.text(entry, key, "label"),
                unit=file.text(entry, key, "unit"),
                default=float(file.number(entry, key, "default", minimum=0) or 0.0),
                question=question,
                by_answer=MappingProxyType(by_answer),
                checked=self.checked_date(file, entry, key),
                note=file.text(entry, key, "note") if "note" in entry else "",
                sources=cited,
            )
        for missing in (a for a in contract.ASSUMPTIONS if a not in found):
            file.problem("assumption", f"the cost model needs '{missing}', which is missing")
        return found

    def checked_date(self, file: ContentFile, entry: Mapping[str, Any], key: str) -> str:
        """`checked` as YYYY-MM-DD, a real date. (Not compared with today: a
        machine whose clock is wrong must still load the content.)"""
        if "checked" not in entry:
            return ""  # reported with the missing keys
        text = file.text(entry, key, "checked")
        try:
            date.fromisoformat(text)
            well_formed = len(text) == len("YYYY-MM-DD")
        except ValueError:
            well_formed = False
        if not well_formed:
            shown = text if len(text) <= 40 else text[:40] + "..."
            file.problem(f"{key}.checked", f"expected a date as YYYY-MM-DD, got '{shown}'")
            return ""
        return text

    def read_test_plan(self) -> tuple[tuple[PlanStep, ...], dict[str, str]]:
        file, _ = self.open("test_plan.toml", {"step": True, "metric": True})
        fields = {
            "id": True,
            "rung": True,
            "problems": False,
            "text": True,
            "stop_if": True,
            "sources": True,
        }
        problems = self.questions["problem"].choice_ids if "problem" in self.questions else ()
        steps = []
        for key, entry in file.entries(file.data, "step"):
            file.keys(entry, key, fields)
            steps.append(
                PlanStep(
                    id=file.text(entry, key, "id"),
                    rung=self.approach(file, entry, key, "rung"),
                    problems=(
                        file.ids(entry, key, "problems", problems, "answer to problem")
                        if "problems" in entry
                        else ()
                    ),
                    text=file.text(entry, key, "text"),
                    stop_if=file.text(entry, key, "stop_if"),
                    sources=self.sources(file, entry, key),
                )
            )
        table = file.value(file.data, "", "metric", dict) or {}
        tasks = self.questions["use_case"].choice_ids if "use_case" in self.questions else ()
        wanted = (*tasks, "unknown")
        for name in table:
            if name not in wanted:
                file.problem(f"metric.{name}", f"not a kind of task (known: {listing(wanted)})")
        for name in wanted:
            if name not in table:
                file.problem("metric", f"no metric for '{name}'")
        metrics = {name: file.text(table, "metric", name) for name in wanted if name in table}
        return tuple(steps), metrics

    def read_path_steps(self) -> tuple[PathStep, ...]:
        file, _ = self.open("stages.toml", {"step": True})
        fields = {
            "id": True,
            "question": True,
            "from": True,
            "to": True,
            "when": True,
            "sources": True,
            "group": False,
        }
        steps = []
        for key, entry in file.entries(file.data, "step"):
            file.keys(entry, key, fields)
            question_id = file.text(entry, key, "question")
            question = self.questions.get(question_id)
            if question is None:
                file.problem(
                    f"{key}.question",
                    f"unknown question '{question_id}' (known: {listing(self.questions)})",
                )
                continue
            allowed = question.choice_ids
            chosen_from = file.ids(
                entry, key, "from", (*allowed, contract.UNANSWERED), f"answer to {question_id}"
            )
            to = file.text(entry, key, "to")
            if to not in allowed:
                file.problem(
                    f"{key}.to",
                    f"unknown answer to {question_id} '{to}' (known: {listing(allowed)})",
                )
            steps.append(
                PathStep(
                    id=file.text(entry, key, "id"),
                    question=question_id,
                    from_=frozenset(chosen_from),
                    to=to,
                    when=file.text(entry, key, "when"),
                    sources=self.sources(file, entry, key),
                    group=(
                        file.text(entry, key, "group")
                        if "group" in entry
                        else file.text(entry, key, "id")
                    ),
                )
            )
        return tuple(steps)

    def read_disagreements(self) -> tuple[Disagreement, ...]:
        file, _ = self.open("disagreements.toml", {"disagreement": True})
        disagreements = []
        fields = {
            "id": True,
            "topic": True,
            "questions": True,
            "resolution": True,
            "sources": True,
            "sides": True,
            "when": False,
            "caps": False,
        }
        for key, entry in file.entries(file.data, "disagreement"):
            file.keys(entry, key, fields)
            sides = []
            for index, side in enumerate(file.value(entry, key, "sides", list) or []):
                where = f"{key}.sides[{index}]"
                if not isinstance(side, dict):
                    file.problem(where, f"expected a table, got {type_name(side)}")
                    continue
                file.keys(side, where, {"position": True, "favours": True, "sources": True})
                favours = self.approach(file, side, where, "favours")
                sides.append(
                    Side(
                        file.text(side, where, "position"), favours, self.sources(file, side, where)
                    )
                )
            if "sides" in entry and len(sides) < 2:
                file.problem(f"{key}.sides", "a disagreement needs at least two sides")
            disagreements.append(
                Disagreement(
                    id=file.text(entry, key, "id"),
                    topic=file.text(entry, key, "topic"),
                    questions=file.ids(entry, key, "questions", self.questions, "question"),
                    resolution=file.text(entry, key, "resolution"),
                    sources=self.sources(file, entry, key),
                    sides=tuple(sides),
                    when=MappingProxyType(
                        self.answer_sets(file, entry, key, "when", unanswered=False)
                    ),
                    caps=frozenset(file.ids(entry, key, "caps", self.approach_ids, "approach")),
                )
            )
        return tuple(disagreements)

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
