"""Reading figures.toml and costs.toml: the published figures and the cost
model's assumptions, each with a checked date and sources."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.fields import ContentFile
from tui.core.content.readers.base import ReaderBase
from tui.core.content.records import (
    Assumption,
    Figure,
    Source,
)


class PricesReader(ReaderBase):
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
