"""The ten rules of the decision model (../shared/spec/decision-model.md),
each checked over random answer sets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import CONTENT, answers, choice_in
from tui.core.engine import evaluate, recommend

FAST = choice_in("change_rate", "daily", "weekly")
STABLE = choice_in("change_rate", "monthly", "rarely")
MANY_LABELS = choice_in("labeled_data", "hundreds", "thousands")
FEW_LABELS = choice_in("labeled_data", "none", "dozens")

settings.register_profile("rules", max_examples=400, deadline=None)
settings.load_profile("rules")


def rec(a: dict) -> str:
    return recommend(CONTENT, a)


def rule3_applies(a: dict) -> bool:
    """Rule 3 (prompting first) outranks rule 1's positive part, unless rule 5 forbids it."""
    return (
        a.get("problem") == "behavior"
        and a.get("labeled_data") in ("none", "dozens")
        and a.get("prompting") == "not_tried"
        and a.get("citations") != "required"
    )


@given(answers(change_rate=FAST))
def test_rule1_fast_knowledge_never_fine_tuning(a):
    assert rec(a) != "fine-tuning"


@given(answers(change_rate=FAST, problem=st.sampled_from(["knowledge", "unsure", None])))
def test_rule1_fast_knowledge_is_rag(a):
    assert rec(a) == "rag"


@given(answers(change_rate=FAST, problem=st.sampled_from(["both", "behavior"])))
def test_rule1_fast_knowledge_with_behaviour_is_hybrid_or_rag(a):
    if rule3_applies(a):
        assert rec(a) == "prompting"
    elif a.get("labeled_data") == "none":
        assert rec(a) == "rag"  # rule 8 takes the hybrid away
    else:
        assert rec(a) == "hybrid"


@given(
    answers(
        problem="behavior",
        labeled_data=MANY_LABELS,
        change_rate=STABLE,
        budget=choice_in("budget", "moderate", "high"),
    )
)
def test_rule2_behaviour_with_labels_and_stable_knowledge_is_fine_tuning(a):
    rules_5_or_6 = (
        a.get("citations") == "required"
        or a.get("corpus") == "vast"
        or a.get("data_sources") == "per_user"
    )
    assert rec(a) == ("hybrid" if rules_5_or_6 else "fine-tuning")


@given(answers(problem="behavior", labeled_data=FEW_LABELS, prompting="not_tried"))
def test_rule3_behaviour_without_labels_is_prompting(a):
    if a.get("citations") == "required":
        assert rec(a) in ("rag", "hybrid")  # rule 5 is a hard limit and wins
    else:
        assert rec(a) == "prompting"


@given(answers(problem="both", change_rate=FAST, labeled_data=MANY_LABELS))
def test_rule4_both_fast_with_labels_is_hybrid(a):
    assert rec(a) == "hybrid"


@given(answers(citations="required"))
def test_rule5_citations_need_rag_or_hybrid(a):
    assert rec(a) in ("rag", "hybrid")


@given(
    st.one_of(
        answers(corpus="vast"),
        answers(data_sources="per_user"),
    )
)
def test_rule6_vast_or_per_user_never_fine_tuning_alone(a):
    assert rec(a) != "fine-tuning"


@pytest.mark.parametrize("problem", ["unsure", None])
def test_rule7_unsure_nothing_else_known_is_rag_with_low_confidence(content, problem):
    result = evaluate(content, {} if problem is None else {"problem": problem})
    assert result.recommendation == "rag"
    assert result.confidence == "low"


@given(answers(labeled_data="none"))
def test_rule8_no_labels_never_training(a):
    assert rec(a) not in ("fine-tuning", "hybrid")


def _against(a: dict, first: str, second: str) -> tuple[float, str]:
    result = evaluate(CONTENT, a, with_pivotal=False)
    return result.scores[first] - result.scores[second], result.recommendation


def _check_monotone(
    base: dict, question: str, lower: str, higher: str, first: str, second: str
) -> None:
    """Moving `question` from `lower` to `higher` never lowers `first` against `second`."""
    before, rec_before = _against({**base, question: lower}, first, second)
    after, rec_after = _against({**base, question: higher}, first, second)
    assert after >= before - 1e-12, (question, lower, higher, first, second)
    assert not (rec_before == first and rec_after == second), (rec_before, rec_after)


def _ordered_pair(question: str, order: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    """Two answers of `question`, the first earlier in `order` than the second."""
    return st.tuples(st.sampled_from(order), st.sampled_from(order)).filter(
        lambda p: order.index(p[0]) < order.index(p[1])
    )


@given(
    answers(change_rate=None),
    _ordered_pair("change_rate", ["rarely", "monthly", "weekly", "daily"]),
)
def test_rule9_more_frequent_change_never_raises_fine_tuning_against_rag(base, pair):
    # Stated the other way round: rarer change never lowers fine-tuning against RAG.
    rarer, more_often = pair
    _check_monotone(base, "change_rate", more_often, rarer, "fine-tuning", "rag")


@given(
    answers(labeled_data=None),
    _ordered_pair("labeled_data", ["none", "dozens", "hundreds", "thousands"]),
    st.sampled_from(["rag", "prompting"]),
)
def test_rule9_more_labels_never_lower_fine_tuning(base, pair, other):
    fewer, more = pair
    _check_monotone(base, "labeled_data", fewer, more, "fine-tuning", other)


@given(answers(latency=None), _ordered_pair("latency", ["relaxed", "moderate", "strict"]))
def test_rule9_stricter_latency_never_raises_rag_against_fine_tuning(base, pair):
    looser, stricter = pair
    _check_monotone(base, "latency", looser, stricter, "fine-tuning", "rag")


@given(
    answers(citations=None),
    st.sampled_from(["helpful", "not_needed"]),
    st.sampled_from(["fine-tuning", "prompting"]),
)
def test_rule9_requiring_citations_never_lowers_rag(base, before, other):
    _check_monotone(base, "citations", before, "required", "rag", other)


def test_rule10_no_answers_is_a_valid_result(content):
    result = evaluate(content, {})
    assert result.recommendation in content.approaches
    assert result.next_question == content.root
    # With the root unanswered nothing is skipped: every question is still open.
    assert set(result.unanswered) == set(content.questions)
    assert result.reasons == () and result.excluded == {}


@given(answers())
def test_every_answer_set_gives_a_consistent_result(a):
    result = evaluate(CONTENT, a)
    assert result.recommendation == max(result.scores, key=result.scores.get)
    assert result.confidence in ("high", "medium", "low")
    for approach in result.excluded:
        assert result.scores[approach] == 0.0
    for pivot in result.pivotal:
        assert rec({**a, pivot.question: pivot.answer}) == pivot.would_recommend
