"""Reading rules.toml: the limits, directives, orders, shares and unable rules."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tui.core import contract
from tui.core.content.fields import ContentFile, join, listing
from tui.core.content.readers.base import ReaderBase
from tui.core.content.records import (
    Rule,
)


class RulesReader(ReaderBase):
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
