"""Short, human labels for answers: breadcrumbs, review rows, exports."""

from __future__ import annotations

from tui.core.content import Answer, Content

SHORT_LABEL = 24


def short_answer(content: Content, question_id: str, answer: Answer) -> str:
    """'Knowledge' for 'Knowledge: it lacks facts...', '100,000' for a number."""
    question = content.questions[question_id]
    if question.is_number:
        return f"{answer:,}" if isinstance(answer, int) else str(answer)
    option = question.option_for(answer)
    if option is None:
        return str(answer)
    head, colon, _ = option.label.partition(":")
    if colon:
        return head
    if len(option.label) <= SHORT_LABEL:
        return option.label
    return option.id.replace("_", " ").capitalize()


def answer_label(content: Content, question_id: str, answer: Answer) -> str:
    """The full label of an answer (the number itself for a number question)."""
    question = content.questions[question_id]
    option = question.option_for(answer)
    if question.is_number:
        band = f" ({option.label})" if option else ""
        return f"{answer:,}{band}" if isinstance(answer, int) else str(answer)
    return option.label if option else str(answer)
