"""Reading approaches.toml, factors.toml, use_cases.toml, guidance.toml,
disagreements.toml, stages.toml and test_plan.toml: what is said about each
approach and task."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.fields import ContentFile, listing, type_name
from tui.core.content.readers.base import RATINGS, ReaderBase
from tui.core.content.records import (
    Approach,
    Cell,
    Disagreement,
    Example,
    Factor,
    HybridPattern,
    Mistake,
    PathStep,
    PlanStep,
    Side,
    UseCase,
)


class GuidanceReader(ReaderBase):
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
