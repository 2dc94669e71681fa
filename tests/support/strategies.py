"""Hypothesis strategies over the decision model's answers."""

from __future__ import annotations

from hypothesis import strategies as st

from tui.core import contract
from tui.core.content import load_content

CONTENT = load_content()


def answer_values(question_id: str) -> st.SearchStrategy:
    question = CONTENT.questions[question_id]
    if question.is_number:
        return st.one_of(
            st.integers(0, 2_000_000), st.sampled_from([b.probe for b in question.options])
        )
    return st.sampled_from(question.choice_ids)


def answers(**fixed: object) -> st.SearchStrategy[dict]:
    """Any subset of the questions answered, with `fixed` answers forced.

    A fixed value may be a strategy; None means the question stays unanswered.
    """
    optional = {q: answer_values(q) for q in CONTENT.questions if q not in fixed}
    forced = {
        q: v if isinstance(v, st.SearchStrategy) else st.just(v)
        for q, v in fixed.items()
        if v is not None
    }
    return st.fixed_dictionaries(forced, optional=optional)


def choice_in(question_id: str, *values: str) -> st.SearchStrategy[str]:
    allowed = values or CONTENT.questions[question_id].choice_ids
    return st.sampled_from(allowed)


APPROACHES = contract.APPROACHES

# The kb-chatbot scenario of ../shared/scenarios: citations required and no
# labels leave RAG as the only allowed approach.
KB_CHATBOT = {
    "problem": "knowledge",
    "change_rate": "weekly",
    "citations": "required",
    "corpus": "large",
    "labeled_data": "none",
    "use_case": "chatbot",
}
