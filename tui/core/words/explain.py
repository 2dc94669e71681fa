"""The result's newer findings as sentences, shared by `decide`, the export
and the result screen: what an order rule did and what would turn it, a rule
set aside, what keeps confidence down, what to find out next."""

from __future__ import annotations

from typing import NamedTuple

from tui.core import contract
from tui.core.content import Content
from tui.core.content.labels import short_answer
from tui.core.decide.engine import NOW, Pivot, Reason, Result

HALVES = {"fine-tuning": "the fine-tuning half", "rag": "the retrieval half"}


class Sentence(NamedTuple):
    text: str
    sources: tuple[str, ...]


def _name(content: Content, approach: str) -> str:
    return content.approaches[approach].name


def limit_sentences(content: Content, result: Result) -> list[Sentence]:
    """What the hard limits ruled out: each approach named once, with every
    reason that rules it out (approaches ruled out for the same reasons share
    a sentence). Under a hybrid, fine-tuning is ruled out only alone: its
    behaviour half stays, and the sentence says so rather than seeming to
    contradict it."""
    reasons_of: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for hit in result.limits:
        for approach in hit.approaches:
            reasons_of.setdefault(approach, []).append((hit.rule.why, hit.rule.sources))
    grouped: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for approach in sorted(reasons_of, key=contract.APPROACHES.index):
        grouped.setdefault(tuple(reasons_of[approach]), []).append(approach)
    sentences = []
    for reasons, approaches in grouped.items():
        names = " and ".join(_name(content, a) for a in approaches)
        if result.recommendation == "hybrid" and approaches == ["fine-tuning"]:
            head = "Fine-tuning alone is ruled out (as the hybrid's behaviour half it stays)"
        else:
            head = f"{names} {'is' if len(approaches) == 1 else 'are'} ruled out"
        why = " ".join(text for text, _ in reasons)
        sources = tuple(sorted({s for _, cited in reasons for s in cited}))
        sentences.append(Sentence(f"{head}: {why}", sources))
    return sentences


def settled_sentence(result: Result) -> Sentence | None:
    """The deciding rule in words, and why confidence can still be below high."""
    if result.decided_by is None:
        return None
    rule = result.decided_by.rule
    text = f"Decided by a rule of the sources: {rule.why}"
    if result.confidence != "high" and result.unanswered:
        text += (
            " It decides for the answers given so far; the confidence says how firmly they hold."
        )
    return Sentence(text, rule.sources)


def rule_sentences(content: Content, result: Result) -> list[Sentence]:
    """An order rule that moved an approach ahead, with what would turn it, and
    each rule the answers set aside. An order between approaches one of which
    is ruled out says nothing more, so it is not said."""
    sentences = []
    for hit in result.orders:
        if any(a in result.excluded for a in hit.approaches):
            continue
        ahead, behind = (_name(content, a) for a in hit.approaches)
        rule = hit.rule
        text = f"{ahead} ranks ahead of {behind}: {rule.why}"
        if rule.turns:
            text += f" {rule.turns}"
        sentences.append(Sentence(text, rule.sources))
    sentences += [
        Sentence(f"Set aside: {rule.set_aside}", rule.sources)
        for rule in result.set_aside
        if not (rule.kind == "order" and {rule.ahead, rule.behind} & set(result.excluded))
    ]
    return sentences


def confidence_note(result: Result) -> str:
    """Why confidence is not higher, or "" when it is high."""
    if result.confidence == "high" or not result.held_by:
        return ""
    return f"Confidence is {result.confidence}: {'; '.join(dict.fromkeys(result.held_by))}."


NO_LATER_STAGE = (
    "No later stage: more time, a training budget, prompting pushed to its limit or a few "
    "hundred examples would not change this."
)


def path_sentences(content: Content, result: Result) -> list[Sentence]:
    """The path as sentences: now the recommendation, then each later stage
    with what must hold first (the spec's `stages`)."""
    sentences = []
    for stage in result.stages:
        name = _name(content, stage.approach)
        if stage.when == NOW:
            text = f"Now: {name}. {stage.why}"
        else:
            text = f"Then: {name}, {stage.when}. {stage.why}"
        sentences.append(Sentence(text, stage.sources))
    if len(sentences) == 1:
        sentences.append(Sentence(NO_LATER_STAGE, ()))
    return sentences


def _could(content: Content, could_recommend: tuple[str, ...], changes_path: bool) -> str:
    """What an open question could do: lead elsewhere, change the path, or both."""
    leads = " or ".join(_name(content, a) for a in could_recommend)
    if leads and changes_path:
        return f"could lead to {leads}, or change the later stages"
    return f"could lead to {leads}" if leads else "could change the later stages of the path"


def next_lines(content: Content, result: Result) -> list[str]:
    """The unanswered questions that could still change the outcome, and in
    one line those that could change only the later stages."""
    lines = [
        f"{content.questions[o.question].title}: "
        + _could(content, o.could_recommend, o.changes_path)
        for o in result.next
        if o.could_recommend
    ]
    path_only = [content.questions[o.question].title for o in result.next if not o.could_recommend]
    if path_only:
        lines.append(f"Could change only the later stages of the path: {', '.join(path_only)}")
    return lines


def outlook(content: Content, result: Result, asked: str) -> str:
    """What the question being asked can still do to the outcome, for the
    question screen: whether it could change it, and which others could."""
    if settled_line(result):
        return settled_line(result)
    openings = {o.question: o for o in result.next}
    others = _listed([content.questions[q].title for q in openings if q != asked])
    if asked in openings:
        opening = openings[asked]
        could = " or ".join(_name(content, a) for a in opening.could_recommend)
        line = (
            f"This answer could change the outcome, to {could}."
            if could
            else "This answer could change the later stages of the path."
        )
        return line + (f" So could {others}." if others else "")
    if not others:
        return ""
    line = f"Could still change the outcome: {others}."
    if asked in result.unanswered:
        line = "This answer only adds detail. " + line
    return line


def _listed(titles: list[str], shown: int = 3) -> str:
    """The first few titles, most decisive first, and how many more."""
    if len(titles) <= shown + 1:
        return ", ".join(titles)
    return f"{', '.join(titles[:shown])} and {len(titles) - shown} more"


def settled_line(result: Result) -> str:
    if result.unanswered and result.settled:
        return "Nothing left unanswered can change this; the rest only adds detail."
    return ""


def reason_pull(content: Content, result: Result, reason: Reason) -> str:
    """What an answer favours and by how much, and, where that is another
    approach, what it does to the recommendation against the runner-up:
    "RAG +0.5; Prompting +0.3 against Fine-tuning"."""
    line = f"{_name(content, reason.favours)}{half(reason)} {reason.weight:+.1f}"
    runner_up = result.runner_up
    if runner_up is None or reason.favours == result.recommendation:
        return line
    gain = reason.weights.get(result.recommendation, 0.0) - reason.weights.get(runner_up, 0.0)
    return (
        f"{line}; {_name(content, result.recommendation)} {gain:+.1f} "
        f"against {_name(content, runner_up)}"
    )


def half(reason: Reason) -> str:
    """ " (the retrieval half)" for a hybrid's reason, else ""."""
    return f" ({HALVES[reason.half]})" if reason.half else ""


def pivot_change(content: Content, pivot: Pivot) -> tuple[str, str, str]:
    """A pivotal answer in words: the question's title, the answer now
    ('unanswered' if none) and the answer that would change the outcome."""
    question = content.questions[pivot.question]
    before = (
        "unanswered"
        if pivot.current is None
        else short_answer(content, pivot.question, pivot.current)
    )
    return question.title, before, short_answer(content, pivot.question, pivot.answer)
