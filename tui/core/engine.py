"""The decision engine: answers in, a recommendation with its reasons out.

How it decides (all numbers and rules come from the content):

1. Skip logic picks the questions that apply, in the order of the branch the
   root answer chose; answers to questions that do not apply are kept by the
   caller but not counted.
2. Each counted answer adds its choice's weights to the four approaches, on
   top of the priors. That sum is the evidence, squashed to a 0..1 fit.
3. Limit rules exclude approaches outright (score 0); they always win.
4. The highest-priority directive rule that holds picks the first of its
   approaches that no limit excludes, and lifts it above every other score.
5. The recommendation is the top score; confidence comes from the margin of
   the evidence alone, capped by a rule where the content says so.
6. Pivotal answers: every single-answer change that changes the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from tui.core import contract
from tui.core.content import Answer, Content, Factor, Option, Question, Rule

_LEVELS = contract.CONFIDENCE_LEVELS  # high, medium, low: later is lower


class Flow(NamedTuple):
    """Which questions apply given the answers, in asking order."""

    applicable: tuple[str, ...]
    counted: Mapping[str, Answer]
    skipped: tuple[str, ...]

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(q for q in self.applicable if q not in self.counted)

    @property
    def next_question(self) -> str | None:
        return next(iter(self.unanswered), None)


class Reason(NamedTuple):
    """One counted answer's contribution."""

    question: str
    answer: Answer
    option: Option
    favours: str
    weight: float

    @property
    def weights(self) -> Mapping[str, float]:
        return self.option.weights

    @property
    def why(self) -> str:
        return self.option.implies

    @property
    def sources(self) -> tuple[str, ...]:
        return self.option.sources


class RuleHit(NamedTuple):
    """A rule that holds: the approaches it excludes, or the one it picks."""

    rule: Rule
    approaches: tuple[str, ...]


class Pivot(NamedTuple):
    question: str
    answer: Answer
    current: Answer | None
    would_recommend: str


class FactorLeaning(NamedTuple):
    factor: Factor
    touched: bool
    favours: str | None


class Result(NamedTuple):
    recommendation: str
    confidence: str
    scores: Mapping[str, float]
    evidence: Mapping[str, float]
    points: Mapping[str, float]
    excluded: Mapping[str, tuple[str, ...]]
    limits: tuple[RuleHit, ...]
    decided_by: RuleHit | None
    reasons: tuple[Reason, ...]
    neutral: tuple[str, ...]
    pivotal: tuple[Pivot, ...]
    flow: Flow
    not_counted: tuple[str, ...]

    @property
    def unanswered(self) -> tuple[str, ...]:
        return self.flow.unanswered

    @property
    def next_question(self) -> str | None:
        return self.flow.next_question

    @property
    def counted(self) -> Mapping[str, Answer]:
        return self.flow.counted

    def reasons_for(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.favours == self.recommendation)

    def reasons_against(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.favours != self.recommendation)


# --------------------------------------------------------------------------
# The steps


def flow(content: Content, answers: Mapping[str, Answer]) -> Flow:
    """Questions that apply, in asking order, and the answers that count."""
    branch = content.branch_for(answers.get(content.root))
    counted: dict[str, Answer] = {}
    applicable: list[str] = []
    skipped: list[str] = []
    for question_id in branch.order:
        question = content.questions[question_id]
        if any(counted.get(other) in values for other, values in question.skip_when.items()):
            skipped.append(question_id)
            continue
        applicable.append(question_id)
        value = answers.get(question_id)
        if value is not None and question.option_for(value) is not None:
            counted[question_id] = value
    return Flow(tuple(applicable), MappingProxyType(counted), tuple(skipped))


def _points(content: Content, counted: Mapping[str, Answer]) -> dict[str, float]:
    points = {a: content.scoring.prior.get(a, 0.0) for a in contract.APPROACHES}
    for question_id, value in counted.items():
        option = content.questions[question_id].option_for(value)
        assert option is not None  # flow() counts only answers that select an option
        for approach, weight in option.weights.items():
            points[approach] += weight
    return points


def _holds(rule: Rule, counted: Mapping[str, Answer]) -> bool:
    for question_id, values in rule.when.items():
        value = counted.get(question_id, contract.UNANSWERED)
        if value not in values:
            return False
    return not rule.alone or all(q in rule.when for q in counted)


def _apply_rules(
    content: Content, counted: Mapping[str, Answer]
) -> tuple[dict[str, list[str]], list[RuleHit], RuleHit | None]:
    excluded: dict[str, list[str]] = {}
    limits: list[RuleHit] = []
    directives: list[Rule] = []
    for rule in content.rules:
        if not _holds(rule, counted):
            continue
        if rule.kind == "limit":
            limits.append(RuleHit(rule, tuple(a for a in contract.APPROACHES if a in rule.exclude)))
            for approach in rule.exclude:
                excluded.setdefault(approach, []).append(rule.id)
        else:
            directives.append(rule)
    decided = None
    # Stable sort: among equal priorities the rule listed first wins.
    for rule in sorted(directives, key=lambda r: -r.priority):
        pick = next((a for a in rule.recommend if a not in excluded), None)
        if pick is not None:
            decided = RuleHit(rule, (pick,))
            break
    return excluded, limits, decided


def _fit(points: float, temperature: float) -> float:
    return 1.0 / (1.0 + math.exp(-points / temperature))


def _rank(
    content: Content,
    points: Mapping[str, float],
    excluded: Mapping[str, object],
    decided: RuleHit | None,
) -> tuple[str, dict[str, float]]:
    """The recommendation and each allowed approach's final points."""
    final = {a: p for a, p in points.items() if a not in excluded}
    if decided is not None:
        final[decided.approaches[0]] += content.scoring.rule_lift
    tie = content.scoring.tie_rank
    best = max(final, key=lambda a: (final[a], -tie(a)))
    return best, final


def recommend(content: Content, answers: Mapping[str, Answer]) -> str:
    """Just the recommendation: the fast path behind the pivotal analysis."""
    return recommend_for(content, flow(content, answers))


def recommend_for(content: Content, fl: Flow) -> str:
    """The recommendation for a flow already worked out."""
    excluded, _, decided = _apply_rules(content, fl.counted)
    return _rank(content, _points(content, fl.counted), excluded, decided)[0]


def _confidence(
    content: Content,
    recommendation: str,
    evidence: Mapping[str, float],
    excluded: Mapping[str, object],
    decided: RuleHit | None,
    answered: int,
) -> str:
    scoring = content.scoring
    if answered == 0:
        return "low"
    others = [evidence[a] for a in contract.APPROACHES if a != recommendation and a not in excluded]
    margin = evidence[recommendation] - max(others, default=0.0)
    if margin >= scoring.high_margin and answered >= scoring.high_min_answers:
        level = "high"
    elif margin >= scoring.medium_margin:
        level = "medium"
    else:
        level = "low"
    if decided is not None and decided.rule.confidence is not None:
        level = max(level, decided.rule.confidence, key=_LEVELS.index)
    return level


def _reasons(content: Content, fl: Flow) -> tuple[tuple[Reason, ...], tuple[str, ...]]:
    tie = content.scoring.tie_rank
    reasons: list[Reason] = []
    neutral: list[str] = []
    for question_id in fl.applicable:
        if question_id not in fl.counted:
            continue
        value = fl.counted[question_id]
        option = content.questions[question_id].option_for(value)
        assert option is not None
        if not any(option.weights.values()):
            neutral.append(question_id)
            continue
        favours = max(contract.APPROACHES, key=lambda a: (option.weights.get(a, 0.0), -tie(a)))
        reasons.append(
            Reason(question_id, value, option, favours, option.weights.get(favours, 0.0))
        )
    reasons.sort(key=lambda r: -abs(r.weight))
    return tuple(reasons), tuple(neutral)


def alternatives(question: Question, current: Answer | None) -> tuple[Answer, ...]:
    """Every other answer that selects a different choice (or number band)."""
    if question.is_number:
        current_band = question.option_for(current) if current is not None else None
        return tuple(
            band.probe
            for band in question.options
            if band is not current_band and band.probe is not None
        )
    return tuple(choice for choice in question.choice_ids if choice != current)


def pivotal_answers(
    content: Content, answers: Mapping[str, Answer], fl: Flow, recommendation: str
) -> tuple[Pivot, ...]:
    pivots = []
    for question_id in fl.applicable:
        question = content.questions[question_id]
        current = fl.counted.get(question_id)
        for answer in alternatives(question, current):
            outcome = recommend(content, {**answers, question_id: answer})
            if outcome != recommendation:
                pivots.append(Pivot(question_id, answer, current, outcome))
    return tuple(pivots)


def evaluate(
    content: Content, answers: Mapping[str, Answer], *, with_pivotal: bool = True
) -> Result:
    """The full result for a set of answers (any subset, including none)."""
    fl = flow(content, answers)
    points = _points(content, fl.counted)
    excluded, limits, decided = _apply_rules(content, fl.counted)
    recommendation, final = _rank(content, points, excluded, decided)
    temperature = content.scoring.temperature
    evidence = {
        a: 0.0 if a in excluded else _fit(points[a], temperature) for a in contract.APPROACHES
    }
    scores = {a: _fit(final[a], temperature) if a in final else 0.0 for a in contract.APPROACHES}
    reasons, neutral = _reasons(content, fl)
    return Result(
        recommendation=recommendation,
        confidence=_confidence(
            content, recommendation, evidence, excluded, decided, len(fl.counted)
        ),
        scores=MappingProxyType(scores),
        evidence=MappingProxyType(evidence),
        points=MappingProxyType(points),
        excluded=MappingProxyType({a: tuple(r) for a, r in excluded.items()}),
        limits=tuple(limits),
        decided_by=decided,
        reasons=reasons,
        neutral=neutral,
        pivotal=pivotal_answers(content, answers, fl, recommendation) if with_pivotal else (),
        flow=fl,
        not_counted=tuple(q for q in answers if q not in fl.counted),
    )


def factor_leanings(content: Content, result: Result) -> tuple[FactorLeaning, ...]:
    """Per comparison factor: do the answers touch it, and which approach do they favour."""
    tie = content.scoring.tie_rank
    leanings = []
    for factor in content.factors:
        totals = dict.fromkeys(contract.APPROACHES, 0.0)
        touched = False
        for question_id in factor.questions:
            value = result.counted.get(question_id)
            if value is None:
                continue
            touched = True
            option = content.questions[question_id].option_for(value)
            assert option is not None
            for approach, weight in option.weights.items():
                totals[approach] += weight
        favours = None
        if touched and any(totals.values()):
            favours = max(contract.APPROACHES, key=lambda a: (totals[a], -tie(a)))
        leanings.append(FactorLeaning(factor, touched, favours))
    return tuple(leanings)


def as_json(content: Content, result: Result) -> dict[str, object]:
    """The `ragft decide --json` object (the contract's fields, then ours)."""

    def rule(hit: RuleHit) -> dict[str, object]:
        return {
            "rule": hit.rule.id,
            "spec_rule": hit.rule.spec_rule,
            "approaches": list(hit.approaches),
            "why": hit.rule.why,
            "sources": list(hit.rule.sources),
        }

    return {
        "recommendation": result.recommendation,
        "confidence": result.confidence,
        "scores": {a: round(s, 4) for a, s in result.scores.items()},
        "reasons": [
            {
                "question": r.question,
                "answer": r.answer,
                "favours": r.favours,
                "weight": r.weight,
                "weights": dict(r.weights),
                "why": r.why,
                "sources": list(r.sources),
            }
            for r in result.reasons
        ],
        "pivotal": [
            {
                "question": p.question,
                "answer": p.answer,
                "current": p.current,
                "would_recommend": p.would_recommend,
            }
            for p in result.pivotal
        ],
        "unanswered": list(result.unanswered),
        "evidence": {a: round(s, 4) for a, s in result.evidence.items()},
        "decided_by": rule(result.decided_by) if result.decided_by else None,
        "limits": [rule(hit) for hit in result.limits],
        "neutral": list(result.neutral),
        "not_counted": list(result.not_counted),
        "next_question": result.next_question,
        "content_version": content.version,
    }
