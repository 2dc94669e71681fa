"""Rules 11 to 14, next and settled, checked from outside the process: random
answer sets written to files and run through `ragft decide --json`, as a
user's script or CI job would."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings

from tests.core.test_rules import rule11_applies, rule13_applies
from tests.support.decide import decide_json
from tests.support.strategies import CONTENT, answers
from tui.core.decide.engine import recommend

TRAINED = ("fine-tuning", "hybrid")


def decide(folder: Path, a: dict) -> dict:
    path = folder / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": a}))
    return decide_json(path)


def ranked_ahead(out: dict, ahead: str, behind: str) -> bool:
    """Whether `decide --json` puts `ahead` before `behind`. The JSON rounds
    scores to 4 places, and near 1.0 an order rule's small lift can round
    away; then the order it made is in ranked_behind or in the limits."""
    scores = out["scores"]
    ordered = {
        (r["ahead"], r["behind"]) for r in out["ranked_behind"] + out["limits"] if "ahead" in r
    }
    return scores[ahead] > scores[behind] or (
        scores[ahead] == scores[behind] and (ahead, behind) in ordered
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=answers())
def test_the_new_rules_hold_from_outside(tmp_path, a):
    out = decide(tmp_path, a)
    recommendation = out["recommendation"]
    assert recommendation == recommend(CONTENT, a)
    if rule11_applies(a):
        assert ranked_ahead(out, "prompting", "rag")
        assert recommendation != "rag"
    limits = {limit["rule"] for limit in out["limits"]}
    excluded = {approach for limit in out["limits"] for approach in limit["approaches"]}
    if a.get("request_data") == "all":
        assert not limits & {
            "fast-knowledge-never-fine-tune",
            "per-user-knowledge-not-fine-tune-alone",
        }
    if rule13_applies(a) and "prompting" not in excluded:
        assert ranked_ahead(out, "prompting", "fine-tuning") and recommendation != "fine-tuning"
    counted = set(a) - set(out["not_counted"])
    if recommendation in TRAINED and not {"labeled_data", "prompting"} <= counted:
        assert out["confidence"] != "high"
    if out["pivotal"]:
        assert out["confidence"] != "high"
    assert out["settled"] == (not out["next"])
    for opening in out["next"]:
        assert opening["question"] in out["unanswered"]
        assert recommendation not in opening["could_recommend"]
    assert all(reason["effect"] in ("for", "against") for reason in out["reasons"])


def test_the_prompting_first_cases_of_the_issue_from_outside(tmp_path):
    base = {
        "problem": "behavior",
        "labeled_data": "thousands",
        "change_rate": "rarely",
        "budget": "moderate",
        "prompting": "some",
        "deployment": "hosted_api",
    }
    assert decide(tmp_path, base)["recommendation"] == "prompting"
    for turn in (
        {"latency": "strict"},
        {"deployment": "self_hosted"},
        {"monthly_queries": 3_000_000},
        {"prompting": "exhausted"},
    ):
        assert decide(tmp_path, {**base, **turn})["recommendation"] == "fine-tuning", turn
