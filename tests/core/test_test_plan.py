"""How to check a recommendation (content/test_plan.toml): which steps a
result gets, the metric for its task, and where it shows."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings

from tests.support.decide import decide_json
from tests.support.strategies import CONTENT, answers
from tui.core import contract
from tui.core.decide.engine import evaluate
from tui.core.decide.test_plan import checks_for
from tui.core.store.session import Session
from tui.core.words.export import render

STEPS = {step.text: step for step in CONTENT.test_plan}


def steps_for(a: dict) -> list[str]:
    return [STEPS[check.step].id for check in checks_for(CONTENT, evaluate(CONTENT, a))]


@settings(max_examples=200, deadline=None)
@given(answers())
def test_the_plan_climbs_no_higher_than_the_recommendation(a):
    result = evaluate(CONTENT, a, with_pivotal=False)
    plan = checks_for(CONTENT, result)
    top = contract.APPROACHES.index(result.recommendation)
    rungs = [contract.APPROACHES.index(STEPS[c.step].rung) for c in plan]
    assert rungs == sorted(rungs) and all(r <= top for r in rungs)
    assert plan[0].step == STEPS[next(iter(STEPS))].text  # the eval set always comes first
    assert all(c.metric and c.stop_if and c.sources for c in plan)


def test_prompting_stops_at_the_prompt():
    a = {"problem": "behavior", "labeled_data": "none", "prompting": "not_tried"}
    assert steps_for(a) == ["eval-set", "prompt-baseline"]


def test_a_behaviour_problem_skips_the_knowledge_steps_before_training():
    a = {"problem": "behavior", "labeled_data": "thousands", "change_rate": "rarely"}
    a |= {"prompting": "exhausted", "use_case": "classification"}
    assert steps_for(a) == ["eval-set", "prompt-baseline", "tuning-pilot"]
    plan = checks_for(CONTENT, evaluate(CONTENT, a))
    assert plan[0].metric == CONTENT.metrics["classification"]


def test_a_hybrid_climbs_every_rung():
    a = {"problem": "both", "change_rate": "daily", "labeled_data": "thousands"}
    assert evaluate(CONTENT, a).recommendation == "hybrid"
    assert steps_for(a) == [step.id for step in CONTENT.test_plan]


def test_decide_json_carries_the_test_plan(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[answers]\nproblem = "knowledge"\nuse_case = "question_answering"\n')
    plan = decide_json(path)["test_plan"]
    assert [set(step) for step in plan] == [{"step", "metric", "stop_if", "sources"}] * len(plan)
    assert plan[-1]["step"].startswith("Index a sample of the documents")
    assert plan[0]["metric"] == CONTENT.metrics["question_answering"]


def test_both_exports_carry_a_validation_section():
    session = Session(name="v", answers={"problem": "knowledge"})
    summary = render(CONTENT, session, "summary", date(2026, 12, 7))
    adr = render(CONTENT, session, "adr", date(2026, 12, 7))
    assert "\n## How to check it\n" in summary and "\n#### How to check it\n" in adr
    assert "\n1. Write down the bar the output must clear" in summary
