"""Rule 15's second half: the result never recommends what its own guidance
for an answer advises against. Every choice's guidance text is read for what
it rules out ("never training", "only prompting or retrieval", "stay with
...", "retrieval or a hybrid"), and the engine is checked against it over
random answer sets that include that choice."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.strategies import APPROACHES, CONTENT, answers
from tui.core.decide.engine import evaluate

NAMES = {
    "prompting": "prompting",
    "prompts": "prompting",
    "retrieval": "rag",
    "rag": "rag",
    "search": "rag",
    "fine-tuning": "fine-tuning",
    "hybrid": "hybrid",
    "a hybrid": "hybrid",
}
NAME = r"(prompting|prompts|retrieval|rag|search|fine-tuning|a hybrid|hybrid)"


def ruled_out(text: str) -> frozenset[str]:
    """The approaches a guidance text advises against."""
    lowered = text.lower()
    out: set[str] = set()
    if re.search(r"never (training|trained|be trained)", lowered):
        out |= {"fine-tuning", "hybrid"}
    if re.search(r"never fine-tuning|fine-tuning alone is out", lowered):
        out.add("fine-tuning")
    allowed = re.search(rf"(?:only|stay with) {NAME} or {NAME}", lowered) or re.search(
        rf": {NAME} or {NAME}\.$", lowered
    )
    if allowed:
        out |= set(APPROACHES) - {NAMES[allowed[1]], NAMES[allowed[2]]}
    return frozenset(out)


ADVICE = {
    (question.id, option.id): ruled_out(option.implies)
    for question in CONTENT.questions.values()
    for option in question.options
    if ruled_out(option.implies)
}


def test_the_reader_finds_the_advice_that_limits():
    # Guards the reader itself: these texts rule approaches out, as written today.
    assert ADVICE[("timeline", "days")] == {"fine-tuning", "hybrid"}
    assert ADVICE[("budget", "limited")] == {"fine-tuning", "hybrid"}
    assert ADVICE[("labeled_data", "none")] == {"fine-tuning", "hybrid"}
    assert ADVICE[("citations", "required")] == {"prompting", "fine-tuning"}
    assert ADVICE[("change_rate", "daily")] == {"fine-tuning"}
    assert ADVICE[("corpus", "vast")] == {"fine-tuning"}
    assert ADVICE[("data_sources", "per_user")] == {"fine-tuning"}


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(sorted(ADVICE)), st.data())
def test_the_engine_never_recommends_what_an_answers_guidance_rules_out(pair, data):
    question, choice = pair
    given_answers = data.draw(answers(**{question: choice}))
    result = evaluate(CONTENT, given_answers, with_pivotal=False)
    if question in result.counted:
        assert result.recommendation not in ADVICE[pair], (pair, given_answers)
