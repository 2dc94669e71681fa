"""The decision model and its guidance as small immutable records.

NamedTuples rather than dataclasses: two dozen of them are defined on every
start, eight times faster this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from tui.core import contract

Answer = str | int


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    date: str
    contributes: str
    url: str = ""
    kind: str = "guidance"  # or "case": cited only by the case library


class Claim(NamedTuple):
    text: str
    sources: tuple[str, ...]


class Option(NamedTuple):
    """A choice of a question, or a band of a number question."""

    id: str
    label: str
    implies: str
    weights: Mapping[str, float]
    sources: tuple[str, ...]
    low: int | None = None
    high: int | None = None
    probe: int | None = None

    def contains(self, value: int) -> bool:
        assert self.low is not None
        return value >= self.low and (self.high is None or value <= self.high)


class Question(NamedTuple):
    id: str
    title: str
    prompt: str
    help: str
    sources: tuple[str, ...]
    kind: str  # "choice" or "number"
    options: tuple[Option, ...]
    unit: str
    skip_when: Mapping[str, frozenset[str]]
    skip_why: str

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option_for(self, value: Answer) -> Option | None:
        """The choice (or number band) an answer selects; None if it selects none."""
        if self.is_number:
            if isinstance(value, bool) or not isinstance(value, int):
                return None
            return next((band for band in self.options if band.contains(value)), None)
        return next((option for option in self.options if option.id == value), None)


class Rule(NamedTuple):
    id: str
    spec_rule: int
    kind: str  # "limit", "directive", "order", "share" or "unable"
    exclude: frozenset[str]
    recommend: tuple[str, ...]
    priority: int
    when: Mapping[str, frozenset[str]]
    alone: bool
    confidence: str | None
    why: str
    sources: tuple[str, ...]
    # An order rule: `ahead` ranks before `behind` while it holds.
    ahead: str = ""
    behind: str = ""
    # The rule does not hold where any of these answers is given; `set_aside`
    # says why, for the result to show.
    unless: Mapping[str, frozenset[str]] = {}
    set_aside: str = ""
    # What would turn the rule's outcome, in a sentence.
    turns: str = ""
    # A share rule: while it holds, `takes` gets `weights_of`'s weight from the
    # answers to `questions` (rule 16: a hybrid's retrieval is RAG's).
    takes: str = ""
    weights_of: str = ""
    questions: tuple[str, ...] = ()
    # An unable rule: while it holds, these approaches cannot do the job (the
    # cost model shows them as unable, never as cheapest).
    unable: frozenset[str] = frozenset()


class Approach(NamedTuple):
    id: str
    name: str
    tagline: str
    summary: Claim
    strengths: tuple[Claim, ...]
    limits: tuple[Claim, ...]
    wrong_when: tuple[Claim, ...]
    next_steps: tuple[Claim, ...]
    pitfalls: tuple[Claim, ...]


class Cell(NamedTuple):
    text: str
    rating: str


class Factor(NamedTuple):
    id: str
    name: str
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    cells: Mapping[str, Cell]


class Example(NamedTuple):
    approach: str
    text: str
    sources: tuple[str, ...]


class UseCase(NamedTuple):
    id: str
    name: str
    summary: Claim
    when_rag: tuple[Claim, ...]
    when_fine_tuning: tuple[Claim, ...]
    hybrid: Claim
    examples: tuple[Example, ...]


class HybridPattern(NamedTuple):
    id: str
    name: str
    text: str
    sources: tuple[str, ...]


class Mistake(NamedTuple):
    id: str
    name: str
    approaches: tuple[str, ...]
    symptoms: str
    fix: str
    sources: tuple[str, ...]


class Figure(NamedTuple):
    id: str
    name: str
    value: str
    low: float | None
    high: float | None
    unit: str
    text: str
    caveat: str
    sources: tuple[str, ...]


LARGEST_FIGURE = 1e12  # no cost-model figure is larger


class Assumption(NamedTuple):
    """One figure of the cost model: its default, when that was last checked,
    and the answer that may set it."""

    id: str
    label: str
    unit: str  # "$" for a price; "share" for a fraction from 0 to 1
    default: float
    question: str | None
    by_answer: Mapping[str, float]
    checked: str  # YYYY-MM-DD
    note: str
    sources: tuple[str, ...]

    @property
    def maximum(self) -> float:
        return 1.0 if self.unit == "share" else LARGEST_FIGURE


class PathStep(NamedTuple):
    """Something a team can make true over time (stages.toml): the answer
    `to` in place of any of `from_`, and what must hold, in words."""

    id: str
    question: str
    from_: frozenset[str]
    to: str
    when: str
    sources: tuple[str, ...]
    group: str = ""  # steps of one group are taken together


class PlanStep(NamedTuple):
    """A step of the test plan: to be taken before the `rung` approach is committed to."""

    id: str
    rung: str
    problems: tuple[str, ...]  # the kinds of problem it serves; empty: every kind
    text: str
    stop_if: str
    sources: tuple[str, ...]


class Side(NamedTuple):
    position: str
    favours: str
    sources: tuple[str, ...]


class Disagreement(NamedTuple):
    id: str
    topic: str
    questions: tuple[str, ...]
    resolution: str
    sources: tuple[str, ...]
    sides: tuple[Side, ...]
    # Where these answers are given, the dispute bears on the result even if
    # none of `questions` is answered; a recommendation in `caps` that it
    # bears on is never given high confidence.
    when: Mapping[str, frozenset[str]] = {}
    caps: frozenset[str] = frozenset()


class Branch(NamedTuple):
    id: str
    label: str
    order: tuple[str, ...]


class Scoring(NamedTuple):
    temperature: float
    tie_order: tuple[str, ...]
    tie_sources: tuple[str, ...]
    prior: Mapping[str, float]
    high_margin: float
    medium_margin: float
    high_min_answers: int
    # Points a deciding rule adds to its approach: more than any answers can
    # separate two approaches, so the rule's pick always leads the scores.
    rule_lift: float

    def tie_rank(self, approach: str) -> int:
        """Sort key for exact ties: earlier in tie_order wins."""
        return self.tie_order.index(approach)


class Case(NamedTuple):
    """A published decision: what a team in a stated situation chose, and how it went."""

    id: str
    title: str
    organisation: str
    year: int
    chose: str
    situation: str
    outcome: str
    source: str
    answers: Mapping[str, Answer]


class Content(NamedTuple):
    version: str
    directory: Path
    sources: Mapping[str, Source]
    approaches: Mapping[str, Approach]
    questions: Mapping[str, Question]
    root: str
    flow_sources: tuple[str, ...]
    branches: Mapping[str, Branch]
    rules: tuple[Rule, ...]
    factors: tuple[Factor, ...]
    use_cases: Mapping[str, UseCase]
    hybrid_patterns: tuple[HybridPattern, ...]
    mistakes: tuple[Mistake, ...]
    figures: Mapping[str, Figure]
    disagreements: tuple[Disagreement, ...]
    scoring: Scoring
    assumptions: Mapping[str, Assumption] = {}
    test_plan: tuple[PlanStep, ...] = ()
    metrics: Mapping[str, str] = {}  # by use_case answer, and "unknown"
    cases: tuple[Case, ...] = ()
    path_steps: tuple[PathStep, ...] = ()

    def branch_for(self, root_answer: Answer | None) -> Branch:
        if isinstance(root_answer, str) and root_answer in self.branches:
            return self.branches[root_answer]
        return self.branches[contract.UNANSWERED]
