"""The cost model: what each approach costs upfront and each month, from the
assumptions in content/costs.toml, the answers, and the user's overrides;
its cumulative cost month by month; the months and the volumes at which one
approach catches up with another; and the figures the cheapest hangs on.

The shape of it:
- Prompting and RAG call a hosted flagship model by the token. The part of
  the prompt that repeats (instructions, examples, and all of a small
  knowledge base) is cached when that saves money: a cache lives minutes,
  so one write per cache lifetime, and every other request reads it cheap.
- A tuned model is a small open-weight model with a LoRA adapter, served by
  the token on a serverless host, plus a floor for a dedicated endpoint. It
  is trained on labeled examples (people's time to label the missing ones)
  and retrained as often as its facts change; a hybrid keeps its facts in
  the index and retrains only as its behaviour drifts.
- Retrieval embeds the base once and its changed part at every update, and
  pays a vector store (a monthly minimum, reads that grow with requests and
  index size, storage) and, on large bases, a reranker.
- On own GPUs every approach rents the GPUs its busiest hour needs (a large
  model for prompting and RAG, the small tuned one otherwise), plus the
  hours to run them; on devices the users' hardware serves.
- People's time is hours at an engineer's rate; eval runs are requests.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import NamedTuple, Protocol

from tui.core import contract
from tui.core.content import Answer, Content, Rule

MONTHS = contract.DEFAULT_MONTHS
MILLION = 1_000_000
HOURS_A_MONTH = 730
MINUTES_A_MONTH = HOURS_A_MONTH * 60
SECONDS_A_MONTH = MINUTES_A_MONTH * 60
ANSWER, OVERRIDE = "answer", "assumptions"
HOSTED, OWN_GPUS, DEVICE = "hosted_api", "self_hosted", "edge"
KNOWLEDGE_PROBLEMS = ("knowledge", "both")
LARGEST_VOLUME = 1e10  # requests a month; beyond it no break-even is sought


class Value(NamedTuple):
    value: float
    origin: str  # "answer", "assumptions" (the user's own), or the default's sources


class ApproachCost(NamedTuple):
    upfront: float
    monthly: float
    cumulative: tuple[float, ...]  # after month 1, 2, ... months
    unable: str = ""  # why it cannot do the job ("": it can); never called cheapest


class BreakEven(NamedTuple):
    approach: str
    against: str
    month: int | None  # 1-based; None: not within the horizon


class Costs(NamedTuple):
    values: Mapping[str, Value]
    approaches: Mapping[str, ApproachCost]
    break_even: tuple[BreakEven, ...]
    whole_base_in_prompt: bool
    hosting: str
    months: int = MONTHS

    @property
    def own_hardware(self) -> bool:
        return self.hosting != HOSTED

    @property
    def able(self) -> list[str]:
        """The approaches that can do the job, in the order they are shown."""
        return [a for a, cost in self.approaches.items() if not cost.unable]

    def cheapest(self) -> str | None:
        """The able approach that costs least over the horizon."""
        able = self.able
        return min(able, key=lambda a: self.approaches[a].cumulative[-1]) if able else None


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


def _share(value: float) -> float:
    return min(1.0, max(0.0, value))


def upfront_and_monthly(
    v: Mapping[str, float], *, whole_base_in_prompt: bool, hosting: str = HOSTED
) -> dict[str, tuple[float, float]]:
    """Each approach's (upfront, monthly) cost for assumption values `v`."""
    hour = v["engineer_hour"]
    requests = v["monthly_queries"] + v["eval_requests_monthly"]
    base = v["corpus_tokens"] if whole_base_in_prompt else 0.0
    static = v["prompt_tokens"] * _share(v["static_prompt_share"])
    fresh = v["prompt_tokens"] - static
    output = v["output_tokens"]

    def hosted(
        fresh: float, static: float, price_in: float, cached_in: float, price_out: float
    ) -> float:
        """A month of requests to a model billed by the token."""
        if fresh + static > v["long_prompt_tokens"]:
            # A long prompt's price is a step up, never down.
            price_in *= max(1.0, v["long_input_multiplier"])
            cached_in *= max(1.0, v["long_input_multiplier"])
            price_out *= max(1.0, v["long_output_multiplier"])
        plain = requests * ((fresh + static) * price_in + output * price_out) / MILLION
        cost = plain
        if static and static >= v["cache_min_tokens"]:
            # One write per cache lifetime at most; every other request reads it.
            writes = min(requests, MINUTES_A_MONTH / max(v["cache_minutes"], 1e-9))
            cached = (
                requests * (fresh * price_in + output * price_out)
                + writes * static * price_in * (1 + v["cache_write_premium"])
                + (requests - writes) * static * cached_in
            ) / MILLION
            cost = min(plain, cached)  # caching is used only where it saves
        return cost * (1 - _share(v["batch_share"]) * _share(v["batch_discount"]))

    def own_gpus(input_tokens: float, *, large: bool) -> float:
        """A month of GPUs sized for the busiest hour, and the hours to run them."""
        load = requests * (output + input_tokens * v["prefill_weight"]) / SECONDS_A_MONTH
        throughput = v["gpu_tokens_per_second"] / (
            max(v["large_model_slowdown"], 1.0) if large else 1.0
        )
        needed = math.ceil(load * v["peak_to_average"] / max(throughput, 1e-9))
        gpus = max(needed, v["large_model_min_gpus"] if large else 1.0)
        return gpus * v["gpu_hour"] * HOURS_A_MONTH + v["gpu_ops_hours"] * hour

    tuned_prompt = v["tuned_prompt_tokens"]
    retrieved = v["retrieved_tokens"]
    if hosting == OWN_GPUS:
        serving = {
            "prompting": own_gpus(v["prompt_tokens"] + base, large=True),
            "rag": own_gpus(v["prompt_tokens"] + retrieved, large=True),
            "fine-tuning": own_gpus(tuned_prompt, large=False),
            "hybrid": own_gpus(tuned_prompt + retrieved, large=False),
        }
    elif hosting == DEVICE:
        # The users' devices serve; what is left is keeping the build on them.
        serving = dict.fromkeys(contract.APPROACHES, v["gpu_ops_hours"] * hour)
    else:
        price_in, cached_in, price_out = (
            v["price_input"],
            v["price_cached_input"],
            v["price_output"],
        )
        tuned_in, tuned_out = v["tuned_price_input"], v["tuned_price_output"]
        serving = {
            "prompting": hosted(fresh, static + base, price_in, cached_in, price_out),
            "rag": hosted(fresh + retrieved, static, price_in, cached_in, price_out),
            "fine-tuning": hosted(tuned_prompt, 0, tuned_in, tuned_in, tuned_out)
            + v["tuned_serving_floor"],
            "hybrid": hosted(tuned_prompt + retrieved, 0, tuned_in, tuned_in, tuned_out)
            + v["tuned_serving_floor"],
        }

    training_run = (
        v["training_examples"] * v["example_tokens"] * v["epochs"] * v["training_price"] / MILLION
    )
    labeling = max(0.0, v["training_examples"] - v["examples_on_hand"]) * v["label_minutes"] / 60

    def retraining(runs_a_year: float) -> float:
        return runs_a_year / 12 * (v["retrain_hours"] * hour + training_run)

    embed_all = v["corpus_tokens"] * v["embedding_price"] / MILLION
    index_gb = v["corpus_tokens"] / max(v["chunk_tokens"], 1.0) * v["record_bytes"] / 1e9
    reads = requests * max(0.25, index_gb) * v["vector_read_price"] / MILLION
    retrieval = (
        max(v["vector_store_minimum"], reads + index_gb * v["vector_storage_price"])
        + requests * _share(v["reranked_share"]) * v["rerank_price"] / 1000
        + embed_all * _share(v["changed_share"]) * v["knowledge_updates_per_year"] / 12
        + v["upkeep_retrieval_hours"] * hour
    )
    prompt_work = v["prompt_setup_hours"] * hour
    rag_work = v["rag_setup_hours"] * hour + embed_all
    tuning_work = (v["tuning_setup_hours"] + labeling) * hour + training_run
    upfront = {
        "prompting": prompt_work,
        "rag": prompt_work + rag_work,
        "fine-tuning": prompt_work + tuning_work,
        "hybrid": prompt_work + tuning_work + rag_work,
    }
    prompt_upkeep = v["upkeep_prompt_hours"] * hour
    tuned_upkeep = v["upkeep_tuned_hours"] * hour
    monthly = {
        "prompting": serving["prompting"] + prompt_upkeep,
        "rag": serving["rag"] + retrieval + prompt_upkeep,
        "fine-tuning": serving["fine-tuning"] + retraining(v["retrains_per_year"]) + tuned_upkeep,
        "hybrid": serving["hybrid"]
        + retrieval
        + retraining(v["behaviour_retrains_per_year"])
        + tuned_upkeep,
    }
    return {a: (upfront[a], monthly[a]) for a in contract.APPROACHES}


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


def hosting_of(answers: Mapping[str, Answer]) -> str:
    deployment = answers.get("deployment")
    return deployment if deployment in (OWN_GPUS, DEVICE) else HOSTED


# Besides the questions that set a figure, the answers that shape the model.
SHAPE_QUESTIONS = ("problem", "corpus", "deployment")


def _priced(
    content: Content, answers: Mapping[str, Answer], overrides: Mapping[str, float]
) -> tuple[dict[str, Value], bool, str, dict[str, tuple[float, float]]]:
    """The figures, the model's shape (all of a small base in the prompt;
    where it runs) and each approach's (upfront, monthly) for these answers."""
    values = resolve(content, answers, overrides)
    whole_base = answers.get("problem") in KNOWLEDGE_PROBLEMS and answers.get("corpus") == "small"
    hosting = hosting_of(answers)
    pairs = upfront_and_monthly(
        {k: v.value for k, v in values.items()}, whole_base_in_prompt=whole_base, hosting=hosting
    )
    return values, whole_base, hosting, pairs


# tuned_cheaper runs for every rule 13 check of every analysis the engine
# makes (60 a result, 29 of them different): found once per content and the
# answers it reads.
_CHEAPER: dict[tuple[int, tuple[Answer | None, ...]], tuple[Content, bool]] = {}
MOST_REMEMBERED = 4096


def tuned_cheaper(content: Content, answers: Mapping[str, Answer]) -> bool:
    """Whether, at the volume the answers state, a small tuned model costs
    less than prompting over the default horizon (False with no volume)."""
    volume = answers.get(contract.NUMBER_QUESTION)
    if not isinstance(volume, int) or isinstance(volume, bool):
        return False
    read = {a.question for a in content.assumptions.values() if a.question}
    key = (id(content), tuple(answers.get(q) for q in sorted(read.union(SHAPE_QUESTIONS))))
    found = _CHEAPER.get(key)
    if found is not None and found[0] is content:
        return found[1]
    pairs = _priced(content, answers, {})[3]
    total = {a: up + month * MONTHS for a, (up, month) in pairs.items()}
    cheaper = total["fine-tuning"] < total["prompting"]
    if len(_CHEAPER) >= MOST_REMEMBERED:
        _CHEAPER.clear()
    _CHEAPER[key] = (content, cheaper)
    return cheaper


class Judged(Protocol):
    """What the cost model reads of a result (the engine's Result has it): the
    engine reads the cost model, so the cost model does not import the engine."""

    @property
    def counted(self) -> Mapping[str, Answer]: ...

    @property
    def excluded(self) -> Mapping[str, tuple[str, ...]]: ...

    @property
    def unable(self) -> Mapping[str, Rule]: ...


def estimate(
    content: Content,
    result: Judged,
    overrides: Mapping[str, float] | None = None,
    months: int = MONTHS,
) -> Costs:
    """The costs of every approach the result has not ruled out, over `months`."""
    values, whole_base, hosting, pairs = _priced(content, result.counted, overrides or {})
    approaches = {
        a: ApproachCost(
            up,
            month,
            cumulative(up, month, months),
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
    return Costs(values, approaches, crossings, whole_base, hosting, months)


def _totals(costs: Costs, changed: Mapping[str, float]) -> dict[str, float]:
    """Each able approach's total over the horizon with some figures changed."""
    values = {k: v.value for k, v in costs.values.items()} | dict(changed)
    pairs = upfront_and_monthly(
        values, whole_base_in_prompt=costs.whole_base_in_prompt, hosting=costs.hosting
    )
    return {a: pairs[a][0] + pairs[a][1] * costs.months for a in costs.able}


def _first_at_or_below(test: Callable[[float], bool], low: float, high: float) -> float:
    """Nearly the least x in (low, high] with test(x), given test(low) is
    false and test(high) is true: to a part in a thousand."""
    while high - low > max(abs(high) * 1e-3, 1e-9):
        middle = (low + high) / 2
        low, high = (low, middle) if test(middle) else (middle, high)
    return high


VOLUMES = (0.0, *(10 ** (step / 4) for step in range(4 * 10 + 1)))  # 0, then 1 to 1e10


def break_even_volumes(costs: Costs) -> list[tuple[str, str, int | None]]:
    """For each ordered pair of able approaches, the requests a month at and
    above which the first costs no more than the second over the horizon
    (None when no volume up to 10 billion does)."""
    totals = [_totals(costs, {"monthly_queries": volume}) for volume in VOLUMES]
    found: list[tuple[str, str, int | None]] = []
    for a in costs.able:
        for b in costs.able:
            if a == b:
                continue
            above = [i for i, total in enumerate(totals) if total[a] > total[b]]
            if not above:
                found.append((a, b, 0))
            elif above[-1] == len(VOLUMES) - 1:
                found.append((a, b, None))
            else:
                last = above[-1]

                def at_or_below(volume: float, a: str = a, b: str = b) -> bool:
                    total = _totals(costs, {"monthly_queries": volume})
                    return total[a] <= total[b]

                volume = _first_at_or_below(at_or_below, VOLUMES[last], VOLUMES[last + 1])
                found.append((a, b, math.ceil(volume)))
    return found


class Sensitivity(NamedTuple):
    assumption: str
    value: float
    changes_at: float | None  # the figure at which another approach is cheapest
    cheapest_then: str | None


FACTORS = tuple(10 ** (step / 8) for step in range(1, 9))  # up to ten times


def sensitivity(content: Content, costs: Costs, most: int = 5) -> list[Sensitivity]:
    """The figures the cheapest approach hangs on: for each, the nearest
    figure within a factor of ten either way at which another approach
    becomes cheapest, the nearest first; then the figures that move the
    cheapest's total most without changing it."""
    cheapest = costs.cheapest()
    if cheapest is None or len(costs.able) < 2:
        return []
    base = _totals(costs, {})[cheapest]
    changes: list[tuple[float, Sensitivity]] = []
    holds: list[tuple[float, Sensitivity]] = []
    for ident, value in costs.values.items():
        current = value.value
        if current <= 0:
            continue  # no factor moves a zero
        ceiling = content.assumptions[ident].maximum
        nearest: tuple[float, float, str] | None = None  # (factor away, figure, approach)
        swing = 0.0
        for direction in (1, -1):
            previous = current
            for factor in FACTORS:
                figure = min(current * factor**direction, ceiling)
                totals = _totals(costs, {ident: figure})
                winner = min(totals, key=lambda a: totals[a])
                swing = max(swing, abs(totals[cheapest] - base))
                if winner != cheapest:

                    def changed(x: float, ident: str = ident) -> bool:
                        totals = _totals(costs, {ident: x})
                        return min(totals, key=lambda a: totals[a]) != cheapest

                    if direction == 1:
                        figure = _first_at_or_below(changed, previous, figure)
                    else:
                        figure = -_first_at_or_below(lambda x: changed(-x), -previous, -figure)
                    totals = _totals(costs, {ident: figure})
                    away = max(figure / current, current / figure) if figure else math.inf
                    if nearest is None or away < nearest[0]:
                        nearest = (away, figure, min(totals, key=lambda a: totals[a]))
                    break
                previous = figure
                if figure == ceiling:
                    break
        if nearest is not None:
            away, figure, winner = nearest
            changes.append((away, Sensitivity(ident, current, round(figure, 4), winner)))
        elif swing > 0:
            holds.append((-swing, Sensitivity(ident, current, None, None)))
    ranked = [s for _, s in sorted(changes, key=lambda p: p[0])]
    ranked += [s for _, s in sorted(holds, key=lambda p: p[0])]
    return ranked[:most]


def as_json(content: Content, costs: Costs) -> dict[str, object]:
    """`costs` in `decide --json`, as the spec writes it."""
    return {
        "months": costs.months,
        "assumptions": {
            k: {
                "value": v.value,
                "from": v.origin,
                **(
                    {"checked": content.assumptions[k].checked}
                    if v.origin not in (ANSWER, OVERRIDE)
                    else {}
                ),
            }
            for k, v in costs.values.items()
        },
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
        "break_even_volume": [
            {"approach": a, "against": b, "monthly_queries": volume}
            for a, b, volume in break_even_volumes(costs)
        ],
        "sensitivity": [
            {
                "assumption": s.assumption,
                "value": s.value,
                "changes_at": s.changes_at,
                "cheapest_then": s.cheapest_then,
            }
            for s in sensitivity(content, costs)
        ],
        "whole_base_in_prompt": costs.whole_base_in_prompt,
        "own_hardware": costs.own_hardware,
    }
