"""The result's newer findings as sentences, shared by `decide`, the export
and the result screen: what an order rule did and what would turn it, a rule
set aside, what keeps confidence down, what to find out next."""

from __future__ import annotations

from typing import NamedTuple

from tui.core.content import Content
from tui.core.engine import Reason, Result

HALVES = {"fine-tuning": "the fine-tuning half", "rag": "the retrieval half"}


class Sentence(NamedTuple):
    text: str
    sources: tuple[str, ...]


def _name(content: Content, approach: str) -> str:
    return content.approaches[approach].name


def limit_sentences(content: Content, result: Result) -> list[Sentence]:
    """What the hard limits ruled out, one sentence per approach with every
    reason. Under a hybrid, fine-tuning is ruled out only alone: its behaviour
    half stays, and the sentence says so rather than seeming to contradict it."""
    grouped: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    for hit in result.limits:
        grouped.setdefault(hit.approaches, []).append((hit.rule.why, hit.rule.sources))
    sentences = []
    for approaches, reasons in grouped.items():
        names = " and ".join(_name(content, a) for a in approaches)
        if result.recommendation == "hybrid" and approaches == ("fine-tuning",):
            head = "Fine-tuning alone is ruled out (as the hybrid's behaviour half it stays)"
        else:
            head = f"{names} {'is' if len(approaches) == 1 else 'are'} ruled out"
        why = " ".join(text for text, _ in reasons)
        sources = tuple(dict.fromkeys(s for _, cited in reasons for s in cited))
        sentences.append(Sentence(f"{head}: {why}", sources))
    return sentences


def settled_sentence(result: Result) -> Sentence | None:
    """The deciding rule in words, and why confidence can still be below high."""
    if result.decided_by is None:
        return None
    rule = result.decided_by.rule
    text = f"Decided by a rule of the sources: {rule.why}"
    if result.confidence != "high":
        text += (
            " It decides for the answers given so far; the confidence says how firmly they hold."
        )
    return Sentence(text, rule.sources)


def rule_sentences(content: Content, result: Result) -> list[Sentence]:
    """An order rule that moved an approach ahead, with what would turn it, and
    each rule the answers set aside."""
    sentences = []
    for hit in result.orders:
        ahead, behind = (_name(content, a) for a in hit.approaches)
        rule = hit.rule
        text = f"{ahead} ranks ahead of {behind}: {rule.why}"
        if rule.turns:
            text += f" {rule.turns}"
        sentences.append(Sentence(text, rule.sources))
    sentences += [
        Sentence(f"Set aside: {rule.set_aside}", rule.sources) for rule in result.set_aside
    ]
    return sentences


def confidence_note(result: Result) -> str:
    """Why confidence is not higher, or "" when it is high."""
    if result.confidence == "high" or not result.held_by:
        return ""
    return f"Confidence is {result.confidence}: {'; '.join(result.held_by)}."


def next_lines(content: Content, result: Result) -> list[str]:
    """The unanswered questions that could still change the outcome."""
    return [
        f"{content.questions[o.question].title}: could lead to "
        + " or ".join(_name(content, a) for a in o.could_recommend)
        for o in result.next
    ]


def outlook(content: Content, result: Result, asked: str) -> str:
    """What the question being asked can still do to the outcome, for the
    question screen: whether it could change it, and which others could."""
    if settled_line(result):
        return settled_line(result)
    openings = {o.question: o for o in result.next}
    others = _listed([content.questions[q].title for q in openings if q != asked])
    if asked in openings:
        could = " or ".join(_name(content, a) for a in openings[asked].could_recommend)
        line = f"This answer could change the outcome, to {could}."
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
