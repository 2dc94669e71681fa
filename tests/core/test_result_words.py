"""The result in words a newcomer can follow (#20, item 1): no rule numbers
they never saw, no "ruled out" that reads against the recommendation, and a
deciding rule beside a confidence below high says why the two differ."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings

from tests.support.scenes import ANSWERS
from tests.support.strategies import CONTENT, answers
from tui.core.decide.engine import evaluate
from tui.core.store.session import Session
from tui.core.words.explain import limit_sentences, rule_sentences, settled_sentence
from tui.core.words.export import adr_markdown, summary_markdown

RULE_NUMBER = re.compile(r"\b[Rr]ule \d")


def test_under_a_hybrid_fine_tuning_is_ruled_out_only_alone_in_one_sentence():
    result = evaluate(CONTENT, ANSWERS)
    assert result.recommendation == "hybrid" and len(result.limits) == 2
    [sentence] = limit_sentences(CONTENT, result)
    assert sentence.text.startswith(
        "Fine-tuning alone is ruled out (as the hybrid's behaviour half it stays): "
    )
    for hit in result.limits:
        assert hit.rule.why in sentence.text and set(hit.rule.sources) <= set(sentence.sources)


def test_a_limit_under_another_recommendation_says_plainly_what_is_out():
    result = evaluate(CONTENT, {"problem": "knowledge", "change_rate": "daily"})
    assert result.recommendation == "rag"
    assert [s.text.split(":")[0] for s in limit_sentences(CONTENT, result)] == [
        "Fine-tuning is ruled out"
    ]


def test_a_deciding_rule_below_high_confidence_explains_the_difference():
    result = evaluate(CONTENT, ANSWERS)
    assert result.decided_by is not None and result.confidence != "high"
    settled = settled_sentence(result)
    assert settled is not None and "the confidence says how firmly they hold" in settled.text


@settings(max_examples=120, deadline=None)
@given(answers())
def test_no_rule_number_reaches_a_person(a):
    result = evaluate(CONTENT, a)
    words = [s.text for s in limit_sentences(CONTENT, result) + rule_sentences(CONTENT, result)]
    settled = settled_sentence(result)
    words += [settled.text] if settled else []
    words += list(result.held_by)
    assert not [w for w in words if RULE_NUMBER.search(w)]


def test_no_rule_number_in_either_export():
    session = Session(name="Support bot", answers=ANSWERS)
    for render in (summary_markdown, adr_markdown):
        text = render(CONTENT, session, date(2026, 1, 1))
        assert not RULE_NUMBER.search(text), RULE_NUMBER.search(text)
