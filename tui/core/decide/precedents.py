"""Precedents: the published decisions of content/cases.toml nearest to a set
of answers, and what it means when most of them chose something else.

Nearness is easy to say out loud: of the questions either side answered, the
share (weighted by how far each question can move the scores) that both
answered alike. Precedents never touch the engine's scores; the one thing they
may change is confidence, which cannot stay high when most near precedents
chose differently (the spec's robustness rule already allows lowering it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from tui.core import contract
from tui.core.content import Answer, Case, Content
from tui.core.content.labels import short_answer

NEAREST = 3
# A precedent this near or nearer counts when they disagree with the result.
NEAR = 0.4
DISSENT_HELD_BY = "most of the nearest published cases chose differently"


class Precedent(NamedTuple):
    case: Case
    similarity: float  # 0 (nothing shared) to 1 (the same on every answer either gives)
    shared: tuple[str, ...]  # questions both answered alike
    differs: tuple[str, ...]  # questions both answered, differently
    unstated: tuple[str, ...]  # the user's answers the case's source does not state
    answered: int  # how many answers the user gave


_PULL: dict[int, tuple[Content, dict[str, float]]] = {}


def question_pull(content: Content) -> dict[str, float]:
    """How far each question's answers can move the scores: the widest gap
    any one of its answers puts between two approaches (worked out once per
    content: every full evaluation asks)."""
    cached = _PULL.get(id(content))
    if cached is not None and cached[0] is content:
        return cached[1]
    pull = {}
    for question in content.questions.values():
        gaps = [
            max(option.weights.get(a, 0.0) for a in contract.APPROACHES)
            - min(option.weights.get(a, 0.0) for a in contract.APPROACHES)
            for option in question.options
        ]
        pull[question.id] = max(gaps, default=0.0) or 1.0
    _PULL.clear()  # one content at a time; keeping it keeps its id from being reused
    _PULL[id(content)] = (content, pull)
    return pull


def _chosen(content: Content, answers: Mapping[str, Answer]) -> dict[str, object]:
    """The choice (or number band) of each answer, in the model's question order
    whatever order the answers came in."""
    return {
        q: content.questions[q].option_for(answers[q]) for q in content.questions if q in answers
    }


def _compared(
    content: Content, mine: Mapping[str, object], case: Case, pull: Mapping[str, float]
) -> Precedent:
    both = [q for q in mine if q in case.answers]
    # Two answers agree when they pick the same choice (or number band).
    shared = tuple(q for q in both if mine[q] == content.questions[q].option_for(case.answers[q]))
    differs = tuple(q for q in both if q not in shared)
    unstated = tuple(q for q in mine if q not in case.answers)
    either = set(mine) | set(case.answers)
    total = sum(pull[q] for q in either)
    # Rounded so the order the weights were summed in cannot split a tie.
    similarity = round(sum(pull[q] for q in shared) / total, 9) if total else 0.0
    return Precedent(case, similarity, shared, differs, unstated, len(mine))


def compare(content: Content, answers: Mapping[str, Answer], case: Case) -> Precedent:
    return _compared(content, _chosen(content, answers), case, question_pull(content))


def nearest(
    content: Content, answers: Mapping[str, Answer], count: int = NEAREST
) -> tuple[Precedent, ...]:
    """The `count` nearest cases, nearest first. Ties go to the case sharing
    more answers, then the more recent, then by id: the same every time."""
    pull = question_pull(content)
    mine = _chosen(content, answers)
    ranked = sorted(
        (_compared(content, mine, case, pull) for case in content.cases),
        key=lambda p: (-p.similarity, -len(p.shared), -p.case.year, p.case.id),
    )
    return tuple(ranked[:count])


def dissent(content: Content, precedents: Iterable[Precedent], recommendation: str) -> str:
    """One plain sentence when most of the near precedents chose otherwise, else ""."""
    near = [p for p in precedents if p.similarity >= NEAR]
    other = [p for p in near if p.case.chose != recommendation]
    if len(near) < 2 or len(other) * 2 <= len(near):
        return ""
    chosen = sorted({p.case.chose for p in other}, key=contract.APPROACHES.index)
    names = " or ".join(content.approaches[a].name for a in chosen)
    return (
        f"{len(other)} of the {len(near)} nearest published cases chose {names}, "
        f"not {content.approaches[recommendation].name}: read them before relying on this."
    )


def match_line(content: Content, precedent: Precedent) -> str:
    """'same on 6 of your 7 answers; differs on change rate'."""

    def names(questions: tuple[str, ...]) -> str:
        return ", ".join(content.questions[q].title.lower() for q in questions)

    if not precedent.answered:
        return "you have not answered anything to compare yet"
    line = f"same on {len(precedent.shared)} of your {precedent.answered} answers"
    if precedent.differs:
        line += f"; differs on {names(precedent.differs)}"
    if precedent.unstated:
        line += f"; its source does not say {names(precedent.unstated)}"
    return line


def precedent_line(content: Content, precedent: Precedent) -> str:
    """One precedent for people: who, what they chose, how it went, how it matches."""
    case = precedent.case
    return (
        f"{case.organisation}, {case.year}: {case.title}. "
        f"Chose {content.approaches[case.chose].name}. {case.outcome} "
        f"({match_line(content, precedent)})"
    )


NEARNESS = (
    "Nearest first; near means the share of the questions either side answered "
    "that both answered alike, weighted by how far each question moves the scores."
)


def task_of(content: Content, case: Case) -> str:
    """The case's kind of task, in words ("" when its source does not say)."""
    task = case.answers.get("use_case")
    if not isinstance(task, str):
        return ""
    option = content.questions["use_case"].option_for(task)
    return option.label.partition(":")[0] if option else task


def find_cases(
    content: Content, words: str = "", use_case: str | None = None, chose: str | None = None
) -> tuple[Case, ...]:
    """The cases matching every word of `words` (in who, what, task, choice or
    year) and, when given, of that kind of task and choice; newest first."""
    wanted = words.casefold().split()
    found = []
    for case in content.cases:
        if use_case is not None and case.answers.get("use_case") != use_case:
            continue
        if chose is not None and case.chose != chose:
            continue
        haystack = " ".join(
            (
                case.id,
                case.organisation,
                case.title,
                str(case.year),
                content.approaches[case.chose].name,
                task_of(content, case),
            )
        ).casefold()
        if all(word in haystack for word in wanted):
            found.append(case)
    return tuple(sorted(found, key=lambda c: (-c.year, c.organisation.casefold(), c.id)))


def case_record(content: Content, case: Case) -> list[tuple[str, str]]:
    """A case's full record as (heading, text) pairs: the cases screen and
    `ragft cases` show the same."""
    source = content.sources[case.source]
    answers = "; ".join(
        f"{content.questions[q].title}: {short_answer(content, q, a)}"
        for q, a in sorted(
            case.answers.items(), key=lambda qa: list(content.questions).index(qa[0])
        )
    )
    published = ", ".join(part for part in (source.publisher, source.date) if part)
    return [
        ("Situation", case.situation),
        ("Chose", content.approaches[case.chose].name),
        ("Outcome", case.outcome),
        ("As answers", answers),
        ("Source", f"[{source.id}] {source.title} ({published}) {source.url}"),
    ]


def case_json(content: Content, case: Case) -> dict[str, object]:
    """A case as `ragft cases --json` prints it: the spec's fields and its answers."""
    return {
        "case": case.id,
        "title": case.title,
        "organisation": case.organisation,
        "year": case.year,
        "chose": case.chose,
        "outcome": case.outcome,
        "situation": case.situation,
        "source": content.sources[case.source].url,
        "publisher": content.sources[case.source].publisher,
        "answers": dict(case.answers),
    }


def as_json(content: Content, precedents: Iterable[Precedent]) -> list[dict[str, object]]:
    """`precedents` in `decide --json`, nearest first."""
    return [
        {
            "case": p.case.id,
            "title": p.case.title,
            "organisation": p.case.organisation,
            "year": p.case.year,
            "chose": p.case.chose,
            "outcome": p.case.outcome,
            "shared": list(p.shared),
            "differs": list(p.differs),
            "source": content.sources[p.case.source].url,
            "similarity": round(p.similarity, 4),
            "match": match_line(content, p),
        }
        for p in precedents
    ]
