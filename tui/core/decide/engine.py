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

Long because the analyses of step 6 and after (pivotal answers, the questions
still open, the later stages of the path) re-run steps 1-5 on changed answers
through the same private helpers: split apart, those helpers would become a
public surface of their own, or the outcome and its analyses would import each
other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from tui.core import contract
from tui.core.content import (
    Answer,
    Content,
    Disagreement,
    Factor,
    Option,
    PathStep,
    Question,
    Rule,
)
from tui.core.decide.costs import tuned_cheaper
from tui.core.decide.precedents import DISSENT_HELD_BY, Precedent, dissent, nearest

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
    # "for" or "against" the recommendation, measured against the runner-up.
    effect: str = "for"
    # For a hybrid: the half ("fine-tuning" or "rag") an answer supports.
    half: str | None = None
    # What the answer adds to each approach here (a share rule can differ
    # from the choice's own weights); None: the choice's weights.
    counted_weights: Mapping[str, float] | None = None

    @property
    def weights(self) -> Mapping[str, float]:
        return self.option.weights if self.counted_weights is None else self.counted_weights

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


class Opening(NamedTuple):
    """An unanswered question some answer to which would change the outcome:
    the recommendation, or only a later stage of the path."""

    question: str
    could_recommend: tuple[str, ...]
    answers: tuple[Answer, ...]  # the answers that would
    changes_path: bool = False  # some answer changes a later stage


class Stage(NamedTuple):
    """One step of the path: the approach, and what must hold before it ("now"
    for the first, the recommendation), with why it fits then."""

    approach: str
    when: str
    why: str
    steps: tuple[PathStep, ...] = ()  # what the team makes true to get here
    sources: tuple[str, ...] = ()


NOW = "now"


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
    runner_up: str | None = None
    orders: tuple[RuleHit, ...] = ()  # order rules that moved an approach back
    set_aside: tuple[Rule, ...] = ()
    # What keeps confidence from being higher, one phrase each.
    held_by: tuple[str, ...] = ()
    next: tuple[Opening, ...] = ()
    bearing: tuple[Disagreement, ...] = ()  # disputes that bear on these answers
    disputed: tuple[Disagreement, ...] = ()  # those the recommendation rests on
    # The nearest published cases, and the sentence saying most of them chose
    # otherwise ("" if not). They never move the scores, only confidence.
    precedents: tuple[Precedent, ...] = ()
    dissent: str = ""
    stages: tuple[Stage, ...] = ()  # the path, first the recommendation
    unable: Mapping[str, Rule] = MappingProxyType({})  # cannot do the job, and why

    @property
    def settled_by(self) -> Rule | None:
        """The rule that put the recommendation first, if a rule did."""
        if self.decided_by is not None:
            return self.decided_by.rule
        return next((h.rule for h in self.orders if h.approaches[0] == self.recommendation), None)

    @property
    def settled(self) -> bool:
        """Nothing left unanswered could change the recommendation."""
        return not self.next

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
        return tuple(r for r in self.reasons if r.effect == "for")

    def reasons_against(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect == "against")


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
        if question.skip_when and _skipped(content, question.skip_when, counted):
            skipped.append(question_id)
            continue
        applicable.append(question_id)
        value = answers.get(question_id)
        if value is not None and question.option_for(value) is not None:
            counted[question_id] = value
    return Flow(tuple(applicable), MappingProxyType(counted), tuple(skipped))


def _skipped(
    content: Content, skip_when: Mapping[str, frozenset[str]], counted: Mapping[str, Answer]
) -> bool:
    return any(_selected(content, counted, q) in values for q, values in skip_when.items())


def _shares(content: Content, counted: Mapping[str, Answer]) -> tuple[Rule, ...]:
    """The share rules that hold for these answers (rule 16)."""
    return tuple(
        rule
        for rule in content.rules
        if rule.kind == "share"
        and _met(content, rule, counted)
        and not _set_aside(content, rule, counted)
    )


def answer_weights(
    option: Option, question_id: str, shares: tuple[Rule, ...]
) -> Mapping[str, float]:
    """What an answer adds to each approach: its choice's weights, where a
    share rule holds with the shared approach's weight in place of its own
    (rule 16: a hybrid's retrieval counts as RAG's)."""
    weights = option.weights
    for rule in shares:
        if question_id in rule.questions:
            weights = {**weights, rule.takes: weights.get(rule.weights_of, 0.0)}
    return weights


def _points(content: Content, counted: Mapping[str, Answer]) -> dict[str, float]:
    points = {a: content.scoring.prior.get(a, 0.0) for a in contract.APPROACHES}
    shares = _shares(content, counted)
    for question_id, value in counted.items():
        option = content.questions[question_id].option_for(value)
        assert option is not None  # flow() counts only answers that select an option
        for approach, weight in answer_weights(option, question_id, shares).items():
            points[approach] += weight
    return points


def _selected(content: Content, counted: Mapping[str, Answer], question_id: str) -> str:
    """The choice (or number band) id a counted answer selects, or "unanswered";
    for the cost model's condition, what it finds at the stated volume."""
    if question_id == contract.COST_MODEL:
        return contract.TUNED_CHEAPER if tuned_cheaper(content, counted) else contract.UNANSWERED
    value = counted.get(question_id)
    if value is None:
        return contract.UNANSWERED
    if isinstance(value, str):
        return value
    option = content.questions[question_id].option_for(value)
    return option.id if option is not None else contract.UNANSWERED


def _matches(
    content: Content, condition: Mapping[str, frozenset[str]], counted: Mapping[str, Answer]
) -> bool:
    """Every question of the condition has one of its answers."""
    # A plain loop: this runs for every rule of every analysis (#35's paths).
    for question_id, values in condition.items():
        if _selected(content, counted, question_id) not in values:
            return False
    return True


def _met(content: Content, rule: Rule, counted: Mapping[str, Answer]) -> bool:
    """The rule's own condition holds (its `unless` aside)."""
    if not _matches(content, rule.when, counted):
        return False
    return not rule.alone or all(q in rule.when for q in counted)


def _set_aside(content: Content, rule: Rule, counted: Mapping[str, Answer]) -> bool:
    return any(_selected(content, counted, q) in values for q, values in rule.unless.items())


class Rules(NamedTuple):
    """The rules that hold for a set of answers, by what they do."""

    excluded: dict[str, list[str]]
    limits: list[RuleHit]
    decided: RuleHit | None
    orders: list[RuleHit]  # approaches = (ahead, behind)
    set_aside: list[Rule]  # condition met, but an `unless` answer turns it off
    unable: dict[str, Rule]  # approaches that cannot do the job, and the rule why


def _apply_rules(content: Content, counted: Mapping[str, Answer]) -> Rules:
    excluded: dict[str, list[str]] = {}
    limits: list[RuleHit] = []
    directives: list[Rule] = []
    orders: list[RuleHit] = []
    set_aside: list[Rule] = []
    unable: dict[str, Rule] = {}
    for rule in content.rules:
        if rule.kind == "share" or not _met(content, rule, counted):
            continue  # a share rule works on the points (see _points)
        if rule.kind == "unable":
            # Unable approaches stay in the scores; the ranking and the cost
            # model read them.
            if not _set_aside(content, rule, counted):
                for approach in contract.APPROACHES:
                    if approach in rule.unable:
                        unable.setdefault(approach, rule)
        elif _set_aside(content, rule, counted):
            set_aside.append(rule)
        elif rule.kind == "order":
            orders.append(RuleHit(rule, (rule.ahead, rule.behind)))
        elif rule.kind == "limit":
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
    return Rules(excluded, limits, decided, orders, set_aside, unable)


def _fit(points: float, temperature: float) -> float:
    return 1.0 / (1.0 + math.exp(-points / temperature))


# Points an order rule puts between the approach it moves ahead and the one
# it passes: below the 0.01 steps of weights and priors, so it ties nothing.
ORDER_GAP = 0.005


class Ranking(NamedTuple):
    recommendation: str
    final: dict[str, float]  # each allowed approach's points after the rules
    moved: tuple[RuleHit, ...]  # order rules that put an approach back


def _rank(content: Content, points: Mapping[str, float], rules: Rules) -> Ranking:
    final = {a: p for a, p in points.items() if a not in rules.excluded}
    if rules.decided is not None:
        final[rules.decided.approaches[0]] += content.scoring.rule_lift
    # An order rule lifts the approach it puts ahead rather than lowering the
    # other: every other pair keeps its order, so rule 9's monotone pairs hold.
    moved = []
    for hit in rules.orders:
        ahead, behind = hit.approaches
        if ahead in final and behind in final and final[behind] >= final[ahead]:
            final[ahead] = final[behind] + ORDER_GAP
            moved.append(hit)
    tie = content.scoring.tie_rank
    best = max(final, key=lambda a: (final[a], -tie(a)))
    able = [a for a in final if a not in rules.unable]
    if best in rules.unable and able:
        # An approach that cannot do the job never leads: the best of those
        # that can is lifted just past it, as an order rule lifts its approach.
        lifted = max(able, key=lambda a: (final[a], -tie(a)))
        final[lifted] = final[best] + ORDER_GAP
        best = lifted
    return Ranking(best, final, tuple(moved))


def recommend(content: Content, answers: Mapping[str, Answer]) -> str:
    """Just the recommendation: the fast path behind the pivotal analysis."""
    return recommend_for(content, flow(content, answers))


def recommend_for(content: Content, fl: Flow) -> str:
    """The recommendation for a flow already worked out."""
    rules = _apply_rules(content, fl.counted)
    return _rank(content, _points(content, fl.counted), rules).recommendation


def _margin_level(
    content: Content, recommendation: str, evidence: Mapping[str, float], answered: int
) -> str:
    """Confidence from the evidence's margin alone (before a rule's lift)."""
    scoring = content.scoring
    if answered == 0:
        return "low"
    others = [evidence[a] for a in contract.APPROACHES if a != recommendation and evidence[a] > 0]
    margin = evidence[recommendation] - max(others, default=0.0)
    if margin >= scoring.high_margin and answered >= scoring.high_min_answers:
        return "high"
    if margin >= scoring.medium_margin:
        return "medium"
    return "low"


# Rule 14: the case for training rests on both of these answers.
TRAINING_RESTS_ON = ("labeled_data", "prompting")
TRAINED = ("fine-tuning", "hybrid")


def _confidence(
    content: Content,
    recommendation: str,
    evidence: Mapping[str, float],
    rules: Rules,
    fl: Flow,
    pivotal: tuple[Pivot, ...],
    disputed: tuple[Disagreement, ...],
    dissenting: bool,
) -> tuple[str, tuple[str, ...]]:
    """How robust the recommendation is, and what keeps it from being higher:
    among others, most of the nearest published cases choosing otherwise."""
    level = _margin_level(content, recommendation, evidence, len(fl.counted))
    held_by: list[str] = []
    minimum = content.scoring.high_min_answers
    if not fl.counted:
        held_by.append("no answers yet")
    elif level != "high" and len(fl.counted) < minimum:
        held_by.append(f"{len(fl.counted)} answers so far; high confidence needs {minimum}")
    elif level != "high":
        held_by.append("the scores are close (answers that favour it would widen the margin)")
    decided = rules.decided
    rule_cap = decided.rule.confidence if decided is not None else None
    if rule_cap is not None and _LEVELS.index(rule_cap) > _LEVELS.index(level):
        level = rule_cap
        held_by.append(f"the deciding rule holds it at {level}")
    caps: list[str] = []
    if pivotal:
        titles = [
            content.questions[q].title.lower() for q in dict.fromkeys(p.question for p in pivotal)
        ]
        caps.append(f"a different answer on {', '.join(titles)} would change it")
    missing = [content.questions[q].title.lower() for q in TRAINING_RESTS_ON if q not in fl.counted]
    if recommendation in TRAINED and missing:
        caps.append(f"training rests on {' and '.join(missing)}, not yet answered")
    if disputed:
        # One clause for every dispute, so the sentence never repeats itself.
        topics = ", ".join(f'"{d.topic}"' for d in disputed)
        caps.append(
            f"it rests on {'a disputed claim' if len(disputed) == 1 else 'disputed claims'}: "
            f"{topics}"
        )
    if dissenting:
        caps.append(DISSENT_HELD_BY)
    if caps and level == "high":
        level = "medium"
    return level, tuple(held_by + caps)


def _effect(
    weights: Mapping[str, float], favours: str, recommendation: str, runner_up: str | None
) -> tuple[str, str | None]:
    """Whether an answer raises the recommendation against the runner-up, and
    for a hybrid the half it supports."""
    half = favours if recommendation == "hybrid" and favours in ("fine-tuning", "rag") else None
    if runner_up is None:
        return ("for" if favours == recommendation or half else "against"), half
    gain = weights.get(recommendation, 0.0) - weights.get(runner_up, 0.0)
    if gain > 0 or (gain == 0 and favours == recommendation):
        return "for", half
    if half is not None and half != runner_up:
        return "for", half  # it backs one of the hybrid's halves over the runner-up
    return "against", half


def _reasons(
    content: Content, fl: Flow, recommendation: str, runner_up: str | None
) -> tuple[tuple[Reason, ...], tuple[str, ...]]:
    tie = content.scoring.tie_rank
    reasons: list[Reason] = []
    neutral: list[str] = []
    shares = _shares(content, fl.counted)
    for question_id in fl.applicable:
        if question_id not in fl.counted:
            continue
        value = fl.counted[question_id]
        option = content.questions[question_id].option_for(value)
        assert option is not None
        weights = answer_weights(option, question_id, shares)
        if not any(weights.values()):
            neutral.append(question_id)
            continue
        favours = max(contract.APPROACHES, key=lambda a: (weights.get(a, 0.0), -tie(a)))
        effect, half = _effect(weights, favours, recommendation, runner_up)
        reasons.append(
            Reason(
                question_id,
                value,
                option,
                favours,
                weights.get(favours, 0.0),
                effect,
                half,
                MappingProxyType(dict(weights)),
            )
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


def _changes(
    content: Content,
    answers: Mapping[str, Answer],
    question_id: str,
    current: Answer | None,
    recommendation: str,
) -> list[tuple[Answer, str]]:
    """Each other answer to the question that changes the recommendation, and to what."""
    question = content.questions[question_id]
    found = []
    for answer in alternatives(question, current):
        outcome = recommend(content, {**answers, question_id: answer})
        if outcome != recommendation:
            found.append((answer, outcome))
    return found


def pivotal_answers(
    content: Content, answers: Mapping[str, Answer], fl: Flow, recommendation: str
) -> tuple[Pivot, ...]:
    """Single changes to answered questions that change the recommendation."""
    return tuple(
        Pivot(question_id, answer, fl.counted[question_id], outcome)
        for question_id in fl.applicable
        if question_id in fl.counted
        for answer, outcome in _changes(
            content, answers, question_id, fl.counted[question_id], recommendation
        )
    )


# The later stages path() finds: approach, the steps taken, the answers then.
Later = tuple[tuple[str, tuple[PathStep, ...], dict[str, Answer]], ...]


def path(content: Content, answers: Mapping[str, Answer], recommendation: str) -> Later:
    """The later stages: each path step not yet true is made true in turn
    (stages.toml's order); where the recommendation then changes, that
    approach is the next stage, with the steps taken since the last one and
    the answers it holds for."""
    current = dict(answers)
    stages: list[tuple[str, tuple[PathStep, ...], dict[str, Answer]]] = []
    last, pending = recommendation, []
    steps = content.path_steps
    for index, step in enumerate(steps):
        if _selected(content, current, step.question) in step.from_:
            current[step.question] = step.to
            pending.append(step)
        group_ends = index + 1 == len(steps) or steps[index + 1].group != step.group
        if not pending or not group_ends:
            continue
        outcome = recommend(content, current)
        if outcome != last:
            stages.append((outcome, tuple(pending), dict(current)))
            last, pending = outcome, []
    return tuple(stages)


def _why(content: Content, result: Result) -> tuple[str, tuple[str, ...]]:
    """Why an approach fits a result: the rule that put it first (or, where
    that rule's first choice was ruled out, the limit that ruled it out), else
    what it is."""
    rule = result.settled_by
    if rule is not None and rule.recommend and rule.recommend[0] != result.recommendation:
        blocked = rule.recommend[0]
        limit = next((h.rule for h in result.limits if blocked in h.approaches), None)
        rule = limit or rule
    if rule is not None:
        return rule.why, rule.sources
    leading = next((r for r in result.reasons if r.effect == "for"), None)
    if leading is not None:
        return leading.why, leading.sources
    approach = content.approaches[result.recommendation]
    return approach.tagline, approach.summary.sources


def stages_for(content: Content, result: Result, later: Later) -> tuple[Stage, ...]:
    """The path from now on, first the recommendation (the spec's `stages`),
    from the later stages path() found for the result's answers."""
    why, sources = _why(content, result)
    stages = [Stage(result.recommendation, NOW, why, (), sources)]
    for approach, steps, held in later:
        then = evaluate(content, held, with_pivotal=False)
        why, sources = _why(content, then)
        when = "once " + ", and once ".join(step.when for step in steps)
        cited = tuple(dict.fromkeys((*(s for step in steps for s in step.sources), *sources)))
        stages.append(Stage(approach, when, why, steps, cited))
    return tuple(stages)


def next_questions(
    content: Content, answers: Mapping[str, Answer], fl: Flow, recommendation: str, later: Later
) -> tuple[Opening, ...]:
    """Unanswered questions that could still change the recommendation, or a
    later stage of the path (`later`, as path() found it), most decisive
    first: rule 14's two, then those with more answers that would."""
    openings = []
    now = tuple(approach for approach, _, _ in later)
    for question_id in fl.unanswered:
        found, path_changes = [], []
        for answer in alternatives(content.questions[question_id], None):
            changed = {**answers, question_id: answer}
            outcome = recommend(content, changed)
            if outcome != recommendation:
                found.append((answer, outcome))
            elif tuple(a for a, _, _ in path(content, changed, outcome)) != now:
                path_changes.append(answer)
        outcomes = tuple(a for a in contract.APPROACHES if a in {o for _, o in found})
        if found or path_changes:
            openings.append(
                Opening(
                    question_id,
                    outcomes,
                    tuple(a for a, _ in found) + tuple(path_changes),
                    bool(path_changes),
                )
            )
    order = {q: i for i, q in enumerate(fl.applicable)}
    openings.sort(
        key=lambda o: (
            o.question not in TRAINING_RESTS_ON or recommendation not in TRAINED,
            -len(o.answers) / len(alternatives(content.questions[o.question], None)),
            order[o.question],
        )
    )
    return tuple(openings)


def _bearing(
    content: Content, fl: Flow, recommendation: str
) -> tuple[tuple[Disagreement, ...], tuple[Disagreement, ...]]:
    """The disputes these answers touch, and those the recommendation rests on."""
    bearing, disputed = [], []
    for d in content.disagreements:
        when_holds = not d.when or _matches(content, d.when, fl.counted)
        if any(q in fl.counted for q in d.questions) or (d.when and when_holds):
            bearing.append(d)
            if recommendation in d.caps and when_holds:
                disputed.append(d)
    return tuple(bearing), tuple(disputed)


def evaluate(
    content: Content, answers: Mapping[str, Answer], *, with_pivotal: bool = True
) -> Result:
    """The full result for a set of answers (any subset, including none).

    Without `with_pivotal` (a preview of one answer) the pivotal and next
    analyses are skipped, and confidence does not count pivotal answers."""
    fl = flow(content, answers)
    points = _points(content, fl.counted)
    rules = _apply_rules(content, fl.counted)
    ranking = _rank(content, points, rules)
    recommendation, final = ranking.recommendation, ranking.final
    temperature = content.scoring.temperature
    evidence = {
        a: 0.0 if a in rules.excluded else _fit(points[a], temperature) for a in contract.APPROACHES
    }
    scores = {a: _fit(final[a], temperature) if a in final else 0.0 for a in contract.APPROACHES}
    tie = content.scoring.tie_rank
    others = [a for a in final if a != recommendation]
    runner_up = max(others, key=lambda a: (final[a], -tie(a))) if others else None
    reasons, neutral = _reasons(content, fl, recommendation, runner_up)
    pivotal = pivotal_answers(content, answers, fl, recommendation) if with_pivotal else ()
    bearing, disputed = _bearing(content, fl, recommendation)
    later = path(content, answers, recommendation) if with_pivotal else ()
    found = nearest(content, fl.counted) if with_pivotal else ()
    dissenting = dissent(content, found, recommendation)
    confidence, held_by = _confidence(
        content, recommendation, evidence, rules, fl, pivotal, disputed, bool(dissenting)
    )
    result = Result(
        recommendation=recommendation,
        confidence=confidence,
        scores=MappingProxyType(scores),
        evidence=MappingProxyType(evidence),
        points=MappingProxyType(points),
        excluded=MappingProxyType({a: tuple(r) for a, r in rules.excluded.items()}),
        limits=tuple(rules.limits),
        # A directive whose pick an order rule passed no longer decides anything.
        decided_by=(
            rules.decided
            if rules.decided is not None and rules.decided.approaches[0] == recommendation
            else None
        ),
        reasons=reasons,
        neutral=neutral,
        pivotal=pivotal,
        flow=fl,
        not_counted=tuple(q for q in answers if q not in fl.counted),
        runner_up=runner_up,
        orders=ranking.moved,
        set_aside=tuple(rules.set_aside),
        held_by=held_by,
        next=next_questions(content, answers, fl, recommendation, later) if with_pivotal else (),
        bearing=bearing,
        disputed=disputed,
        unable=MappingProxyType(rules.unable),
        precedents=found,
        dissent=dissenting,
    )
    if not with_pivotal:
        return result
    return result._replace(stages=stages_for(content, result, later))


def factor_leanings(content: Content, result: Result) -> tuple[FactorLeaning, ...]:
    """Per comparison factor: do the answers touch it, and which approach do they favour."""
    tie = content.scoring.tie_rank
    leanings = []
    shares = _shares(content, result.counted)
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
            for approach, weight in answer_weights(option, question_id, shares).items():
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
                "effect": r.effect,
                "half": r.half,
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
        "next": [
            {
                "question": o.question,
                "could_recommend": list(o.could_recommend),
                "could_change_path": o.changes_path,
            }
            for o in result.next
        ],
        "settled": result.settled,
        "stages": [
            {"approach": s.approach, "when": s.when, "why": s.why, "sources": list(s.sources)}
            for s in result.stages
        ],
        "confidence_held_by": list(result.held_by),
        "runner_up": result.runner_up,
        "ranked_behind": [
            {
                **rule(hit),
                "ahead": hit.approaches[0],
                "behind": hit.approaches[1],
                "turns": hit.rule.turns,
            }
            for hit in result.orders
        ],
        "set_aside": [
            {"rule": r.id, "spec_rule": r.spec_rule, "why": r.set_aside, "sources": list(r.sources)}
            for r in result.set_aside
        ],
        "disputes": [
            {"id": d.id, "topic": d.topic, "rests_on": d in result.disputed} for d in result.bearing
        ],
        "evidence": {a: round(s, 4) for a, s in result.evidence.items()},
        "decided_by": rule(result.decided_by) if result.decided_by else None,
        "limits": [rule(hit) for hit in result.limits],
        "neutral": list(result.neutral),
        "not_counted": list(result.not_counted),
        "next_question": result.next_question,
        "content_version": content.version,
    }
