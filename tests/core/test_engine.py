"""The engine's parts: skip logic, number bands, pivotal answers, confidence,
factor leanings and the JSON shape of the contract."""

from __future__ import annotations

import json

from tests.support.paths import REPO
from tests.support.strategies import KB_CHATBOT
from tui.core import contract
from tui.core.decide.engine import alternatives, as_json, evaluate, factor_leanings, flow, recommend
from tui.core.store.session import Session


def test_skipped_answers_are_kept_but_do_not_count(content):
    with_format = evaluate(content, {"problem": "knowledge", "output_format": "strict"})
    without = evaluate(content, {"problem": "knowledge"})
    assert "output_format" not in with_format.flow.applicable
    assert with_format.not_counted == ("output_format",)
    assert with_format.scores == without.scores
    # Changing the root answer brings the kept answer back into play.
    behaviour = evaluate(content, {"problem": "behavior", "output_format": "strict"})
    assert behaviour.counted["output_format"] == "strict"


def test_branch_order_follows_the_root_answer(content):
    assert flow(content, {"problem": "behavior"}).next_question == "use_case"
    assert flow(content, {"problem": "behavior", "use_case": "other"}).next_question == (
        "labeled_data"
    )
    assert flow(content, {"problem": "knowledge", "use_case": "other"}).next_question == (
        "request_data"
    )
    # Facts that come with each request: how fast they change is not asked.
    known = {"problem": "knowledge", "use_case": "other", "request_data": "all"}
    assert flow(content, known).next_question == "corpus"
    assert "change_rate" in flow(content, known).skipped


def test_every_branch_asks_every_question_once(content):
    for branch in content.branches.values():
        assert sorted(branch.order) == sorted(content.questions)
        assert branch.order[0] == content.root


def test_number_answers_fall_into_bands(content):
    question = content.questions["monthly_queries"]
    assert question.option_for(0).id == "low"
    assert question.option_for(9_999).id == "low"
    assert question.option_for(10_000).id == "medium"
    assert question.option_for(999_999).id == "high"
    assert question.option_for(10**12).id == "very_high"
    assert question.option_for(-1) is None
    assert question.option_for(True) is None
    assert alternatives(question, 100_000) == (1000, 600_000, 3_000_000)


def test_high_volume_moves_towards_fine_tuning(content):
    base = {"problem": "behavior", "labeled_data": "hundreds"}
    low = evaluate(content, {**base, "monthly_queries": 500})
    high = evaluate(content, {**base, "monthly_queries": 5_000_000})
    assert high.scores["fine-tuning"] > low.scores["fine-tuning"]


def test_pivotal_lists_exactly_the_changes_that_change_the_outcome(content):
    answers = {"problem": "behavior", "labeled_data": "hundreds", "change_rate": "rarely"}
    result = evaluate(content, answers)
    listed = {(p.question, p.answer) for p in result.pivotal}
    for question_id in result.counted:  # pivotal: answered questions; next: the rest
        question = content.questions[question_id]
        for answer in alternatives(question, answers.get(question_id)):
            changed = recommend(content, {**answers, question_id: answer})
            assert ((question_id, answer) in listed) == (changed != result.recommendation)
    assert ("change_rate", "daily") in listed  # rule 1: fast knowledge ends fine-tuning


def test_nothing_can_change_a_case_the_limits_pin_down(content):
    # Citations required and no labels leave RAG as the only allowed approach.
    result = evaluate(content, KB_CHATBOT)
    assert result.recommendation == "rag"
    assert set(result.excluded) == {"prompting", "fine-tuning", "hybrid"}
    assert result.pivotal == ()


def test_confidence_levels(content):
    assert evaluate(content, {}).confidence == "low"
    assert evaluate(content, KB_CHATBOT).confidence == "high"
    few = evaluate(content, {"problem": "knowledge", "corpus": "large"})
    assert few.confidence == "medium"  # clear margin, but too few answers for high


def test_reasons_cover_every_weighted_answer(content):
    answers = {**KB_CHATBOT, "privacy": "standard"}
    result = evaluate(content, answers)
    assert {r.question for r in result.reasons} | set(result.neutral) == set(answers)
    assert result.neutral == ("privacy",)
    split = [r.question for r in result.reasons_for() + result.reasons_against()]
    assert sorted(split) == sorted(r.question for r in result.reasons)
    for reason in result.reasons:
        assert reason.weight == max(reason.weights.values())
        assert reason.sources and all(s in content.sources for s in reason.sources)


def test_factor_leanings_mark_the_rows_the_answers_touch(content):
    leanings = {
        lean.factor.id: lean for lean in factor_leanings(content, evaluate(content, KB_CHATBOT))
    }
    assert leanings["transparency"].touched and leanings["transparency"].favours == "rag"
    assert leanings["knowledge_updates"].favours == "rag"
    assert not leanings["inference_latency"].touched
    assert leanings["inference_latency"].favours is None


def test_json_has_the_contract_fields(content):
    data = json.loads(json.dumps(as_json(content, evaluate(content, KB_CHATBOT))))
    assert data["recommendation"] in contract.APPROACHES
    assert data["confidence"] in contract.CONFIDENCE_LEVELS
    assert list(data["scores"]) == list(contract.APPROACHES)
    assert all(0.0 <= s <= 1.0 for s in data["scores"].values())
    for reason in data["reasons"]:
        assert {"question", "answer", "favours", "why", "sources"} <= set(reason)
        assert reason["favours"] in contract.APPROACHES
    assert isinstance(data["pivotal"], list) and isinstance(data["unanswered"], list)
    assert data["decided_by"]["rule"] == "fast-knowledge-rag"
    assert data["content_version"] == content.version


def test_session_is_immutable_and_edits_return_new_sessions():
    session = Session(name="s", answers={"problem": "both"})
    edited = session.with_answer("change_rate", "daily").with_note("problem", "ask Sam")
    assert dict(session.answers) == {"problem": "both"}
    assert dict(edited.answers) == {"problem": "both", "change_rate": "daily"}
    assert edited.notes == {"problem": "ask Sam"}
    assert edited.with_note("problem", "  ").notes == {}
    source = {"problem": "knowledge"}
    held = Session(name="t", answers=source)
    source["problem"] = "behavior"
    assert held.answers["problem"] == "knowledge"


def test_a_reason_for_another_approach_says_what_it_does_against_the_runner_up(content):
    import tomllib

    from tui.core.words.explain import reason_pull

    scenario = REPO / "tests" / "data" / "scenarios" / "handbook-in-the-prompt.toml"
    result = evaluate(content, tomllib.loads(scenario.read_text())["answers"])
    assert (result.recommendation, result.runner_up) == ("prompting", "rag")
    citations = next(r for r in result.reasons_for() if r.question == "citations")
    # It favours fine-tuning most, yet it is a reason for prompting: it
    # raises prompting against RAG, which is what the line must show.
    assert reason_pull(content, result, citations) == (
        "Fine-tuning +0.3; Prompting +0.2 against RAG"
    )
    own = next(r for r in result.reasons_for() if r.favours == "prompting")
    assert reason_pull(content, result, own) == f"Prompting {own.weight:+.1f}"
