"""The cost model: what each approach costs upfront and each month, from the
assumptions in content/costs.toml, the answers, and the user's overrides;
its cumulative cost month by month; and the months where one approach
catches up with another.

Per request, a hosted model is paid by the token. Prompting sends the
prompt (and, where the whole knowledge base fits, all of it, at the cached
price); RAG sends the prompt and what it retrieved, and keeps a vector
store; a tuned model needs a short prompt, is paid at its own price, and is
retrained as often as the knowledge changes; a hybrid is a tuned model with
retrieval, retrained only as its behaviour drifts (its facts are indexed).
Self-hosted or on-device, every approach runs on hardware bought once and
paid to run each month, not by the token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from tui.core import contract
from tui.core.content import Answer, Content
from tui.core.engine import Result

MONTHS = 24
MILLION = 1_000_000
ANSWER, OVERRIDE = "answer", "assumptions"
OWN_HARDWARE = ("self_hosted", "edge")
KNOWLEDGE_PROBLEMS = ("knowledge", "both")


class Value(NamedTuple):
    value: float
    origin: str  # "answer", "assumptions" (the user's own), or the default's sources


class ApproachCost(NamedTuple):
    upfront: float
    monthly: float
    cumulative: tuple[float, ...]  # after month 1, 2, ... MONTHS
    unable: str = ""  # why it cannot do the job ("": it can); never called cheapest


class BreakEven(NamedTuple):
    approach: str
    against: str
    month: int | None  # 1-based; None: not within MONTHS


class Costs(NamedTuple):
    values: Mapping[str, Value]
    approaches: Mapping[str, ApproachCost]
    break_even: tuple[BreakEven, ...]
    whole_base_in_prompt: bool
    own_hardware: bool
    months: int = MONTHS


def resolve(
    content: Content, answers: Mapping[str, Answer], overrides: Mapping[str, float]
) -> dict[str, Value]:
    """Every assumption's value: the user's override, else what an answer
    sets, else the default."""
    values = {}
    for ident, assumption in content.assumptions.items():
        answer = answers.get(assumption.question) if assumption.question else None
        if ident in overrides:
            values[ident] = Value(float(overrides[ident]), OVERRIDE)
        elif isinstance(answer, int) and not isinstance(answer, bool):
            values[ident] = Value(float(answer), ANSWER)
        elif isinstance(answer, str) and answer in assumption.by_answer:
            values[ident] = Value(assumption.by_answer[answer], ANSWER)
        else:
            values[ident] = Value(assumption.default, ", ".join(assumption.sources))
    return values


def upfront_and_monthly(
    v: Mapping[str, float], *, whole_base_in_prompt: bool, own_hardware: bool
) -> dict[str, tuple[float, float]]:
    """Each approach's (upfront, monthly) cost for assumption values `v`."""
    requests = v["monthly_queries"]
    # On hardware of one's own, training runs on it: no bill by the token.
    training = (
        0.0
        if own_hardware
        else v["training_examples"]
        * v["example_tokens"]
        * v["epochs"]
        * v["training_price"]
        / MILLION
    )
    retraining = v["retrains_per_year"] / 12 * (v["retrain_effort"] + training)
    # A hybrid's facts live in its index: it retrains at the behaviour's drift.
    hybrid_retraining = v["behaviour_retrains_per_year"] / 12 * (v["retrain_effort"] + training)
    tuned_upfront = v["prompt_setup"] + v["data_preparation"] + training  # an eval set too

    def hosted(prompt: float, cached: float, price_in: float, price_out: float) -> float:
        per_request = (
            prompt * price_in + cached * v["price_cached_input"] + v["output_tokens"] * price_out
        )
        return requests * per_request / MILLION

    if own_hardware:
        running = v["self_hosted_monthly"]
        hardware = v["hardware_upfront"]
        monthly = {
            "prompting": running,
            "rag": running + v["vector_store_monthly"],
            "fine-tuning": running + retraining,
            "hybrid": running + v["vector_store_monthly"] + hybrid_retraining,
        }
    else:
        hardware = 0.0
        base = v["corpus_tokens"] if whole_base_in_prompt else 0.0
        monthly = {
            "prompting": hosted(v["prompt_tokens"], base, v["price_input"], v["price_output"]),
            "rag": hosted(
                v["prompt_tokens"] + v["retrieved_tokens"], 0, v["price_input"], v["price_output"]
            )
            + v["vector_store_monthly"],
            "fine-tuning": hosted(
                v["tuned_prompt_tokens"], 0, v["tuned_price_input"], v["tuned_price_output"]
            )
            + retraining,
            "hybrid": hosted(
                v["tuned_prompt_tokens"] + v["retrieved_tokens"],
                0,
                v["tuned_price_input"],
                v["tuned_price_output"],
            )
            + v["vector_store_monthly"]
            + hybrid_retraining,
        }
    upfront = {
        "prompting": v["prompt_setup"],
        "rag": v["prompt_setup"] + v["rag_setup"],
        "fine-tuning": tuned_upfront,
        "hybrid": tuned_upfront + v["rag_setup"],
    }
    return {a: (upfront[a] + hardware, monthly[a]) for a in contract.APPROACHES}


def cumulative(upfront: float, monthly: float, months: int = MONTHS) -> tuple[float, ...]:
    return tuple(upfront + monthly * (month + 1) for month in range(months))


def break_even_month(first: tuple[float, ...], second: tuple[float, ...]) -> int | None:
    """The first month (1-based) where `first` is at or below `second` after
    being above it; None if it never is."""
    above = False
    for month, (one, other) in enumerate(zip(first, second, strict=True), start=1):
        if one > other:
            above = True
        elif above:
            return month
    return None


def estimate(
    content: Content, result: Result, overrides: Mapping[str, float] | None = None
) -> Costs:
    """The costs of every approach the result has not ruled out."""
    answers = result.counted
    values = resolve(content, answers, overrides or {})
    whole_base = answers.get("problem") in KNOWLEDGE_PROBLEMS and answers.get("corpus") == "small"
    own_hardware = answers.get("deployment") in OWN_HARDWARE
    pairs = upfront_and_monthly(
        {k: v.value for k, v in values.items()},
        whole_base_in_prompt=whole_base,
        own_hardware=own_hardware,
    )
    approaches = {
        a: ApproachCost(
            up,
            month,
            cumulative(up, month),
            result.unable[a].why if a in result.unable else "",
        )
        for a, (up, month) in pairs.items()
        if a not in result.excluded
    }
    able = [a for a, cost in approaches.items() if not cost.unable]
    # Catching up with an approach that cannot do the job means nothing.
    crossings = tuple(
        BreakEven(a, b, break_even_month(approaches[a].cumulative, approaches[b].cumulative))
        for a in able
        for b in able
        if a != b and approaches[a].cumulative[0] > approaches[b].cumulative[0]
    )
    return Costs(values, approaches, crossings, whole_base, own_hardware)


def as_json(costs: Costs) -> dict[str, object]:
    """`costs` in `decide --json`, as the spec writes it."""
    return {
        "months": costs.months,
        "assumptions": {k: {"value": v.value, "from": v.origin} for k, v in costs.values.items()},
        "approaches": {
            a: {
                "upfront": round(c.upfront, 2),
                "monthly": round(c.monthly, 2),
                "cumulative": [round(x, 2) for x in c.cumulative],
                **({"unable": c.unable} if c.unable else {}),
            }
            for a, c in costs.approaches.items()
        },
        "break_even": [
            {"approach": b.approach, "against": b.against, "month": b.month}
            for b in costs.break_even
        ],
        "whole_base_in_prompt": costs.whole_base_in_prompt,
        "own_hardware": costs.own_hardware,
    }
