"""Reading questions.toml and flow.toml: the questions, their answers and
bands, and the order they are asked in."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.fields import ContentFile, listing, type_name
from tui.core.content.readers.base import ReaderBase
from tui.core.content.records import (
    Branch,
    Option,
    Question,
)


class QuestionsReader(ReaderBase):
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
        elif len(options) < 2:
            # One choice or none: the wizard could not move past the question.
            file.problem(
                f"{key}.{wanted}",
                f"a question needs at least two choices, got {len(options)}",
            )
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
