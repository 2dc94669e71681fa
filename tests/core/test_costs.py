"""The cost model (content/costs.toml, tui/core/decide/costs.py): its arithmetic as
properties, its structure pinned to figures computed by hand from the sourced
prices, the [assumptions] table of a file, and `costs` in `decide --json`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.decide import decide, decide_json
from tests.support.strategies import CONTENT, answers
from tui.core import contract
from tui.core.decide.costs import (
    DEVICE,
    HOSTED,
    MONTHS,
    OWN_GPUS,
    VOLUMES,
    break_even_month,
    break_even_volumes,
    cumulative,
    estimate,
    resolve,
    sensitivity,
    upfront_and_monthly,
)
from tui.core.decide.engine import evaluate
from tui.core.errors import InputError
from tui.core.store.session import Session, session_from_document, session_to_document

settings.register_profile("costs", max_examples=200, deadline=None)
settings.load_profile("costs")

DEFAULTS = {k: a.default for k, a in CONTENT.assumptions.items()}
LABELED = {"problem": "behavior", "labeled_data": "thousands", "change_rate": "rarely"}
overrides = st.dictionaries(
    st.sampled_from(sorted(CONTENT.assumptions)), st.floats(0, 1e7, allow_nan=False), max_size=6
)
shapes = st.fixed_dictionaries(
    {"whole_base_in_prompt": st.booleans(), "hosting": st.sampled_from([HOSTED, OWN_GPUS, DEVICE])}
)


def figures(**changed: float) -> dict[str, float]:
    return {**DEFAULTS, **changed}


def monthly(answers_: dict, approach: str, extra: dict | None = None) -> float:
    return estimate(CONTENT, evaluate(CONTENT, answers_), extra).approaches[approach].monthly


@given(answers(), overrides)
def test_cumulative_cost_is_upfront_plus_monthly_times_months(a, extra):
    costs = estimate(CONTENT, evaluate(CONTENT, a, with_pivotal=False), extra)
    for cost in costs.approaches.values():
        assert len(cost.cumulative) == MONTHS
        for month, total in enumerate(cost.cumulative, start=1):
            assert total == pytest.approx(cost.upfront + cost.monthly * month)
    assert set(costs.approaches) == set(contract.APPROACHES) - set(
        evaluate(CONTENT, a, with_pivotal=False).excluded
    )


@given(overrides, shapes, st.floats(0, 1e10), st.floats(0, 1e10))
def test_cost_never_falls_as_volume_rises(extra, shape, fewer, more):
    fewer, more = sorted((fewer, more))
    low = upfront_and_monthly({**figures(**extra), "monthly_queries": fewer}, **shape)
    high = upfront_and_monthly({**figures(**extra), "monthly_queries": more}, **shape)
    for approach in contract.APPROACHES:
        assert high[approach][1] >= low[approach][1] * (1 - 1e-12) - 1e-9


@given(overrides, st.booleans(), st.floats(0, 1e9))
def test_caching_never_raises_a_cost(extra, whole_base, volume):
    values = {**figures(**extra), "monthly_queries": volume}
    shape = {"whole_base_in_prompt": whole_base, "hosting": HOSTED}
    cached = upfront_and_monthly(values, **shape)
    uncached = upfront_and_monthly({**values, "cache_min_tokens": 1e13}, **shape)
    for approach in contract.APPROACHES:
        assert cached[approach][1] <= uncached[approach][1] * (1 + 1e-12) + 1e-9


@given(overrides, st.floats(0, 1e7), st.floats(0, 1e7))
def test_a_larger_base_never_lowers_the_cost_of_all_of_it_in_the_prompt(extra, small, large):
    # Past the shortest cacheable prefix, that is: a prompt that grows across
    # it does get cheaper, as it does on the real price list.
    small, large = sorted((small, large))
    shape = {"whole_base_in_prompt": True, "hosting": HOSTED}
    values = {**figures(**extra), "cache_min_tokens": 0}
    before = upfront_and_monthly({**values, "corpus_tokens": small}, **shape)
    after = upfront_and_monthly({**values, "corpus_tokens": large}, **shape)
    before, after = before["prompting"], after["prompting"]
    assert after[0] >= before[0] and after[1] >= before[1] * (1 - 1e-12) - 1e-9


def totals_at(costs, volume: float) -> dict[str, float]:
    values = {k: v.value for k, v in costs.values.items()} | {"monthly_queries": volume}
    pairs = upfront_and_monthly(
        values, whole_base_in_prompt=costs.whole_base_in_prompt, hosting=costs.hosting
    )
    return {a: up + month * costs.months for a, (up, month) in pairs.items()}


@settings(max_examples=60, deadline=None)
@given(answers(), overrides)
def test_break_even_volume_agrees_with_the_cumulative_curves(a, extra):
    costs = estimate(CONTENT, evaluate(CONTENT, a, with_pivotal=False), extra)
    for first, second, volume in break_even_volumes(costs):
        grid = [totals_at(costs, v) for v in VOLUMES]
        if volume is None:  # still dearer at the largest volume looked at
            assert grid[-1][first] > grid[-1][second]
            continue
        at = totals_at(costs, volume)
        assert at[first] <= at[second] * (1 + 1e-9) + 1e-6
        above = [t for v, t in zip(VOLUMES, grid, strict=True) if v >= volume]
        assert all(t[first] <= t[second] * (1 + 1e-9) + 1e-6 for t in above)
        if volume > 0:  # just under it, or somewhere under it, the first was dearer
            below = [totals_at(costs, max(0.0, volume * (1 - 2e-3) - 1))]
            below += [t for v, t in zip(VOLUMES, grid, strict=True) if v < volume]
            assert any(t[first] > t[second] for t in below)


series = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=MONTHS, max_size=MONTHS)


@given(series, series)
def test_break_even_is_the_first_month_one_line_reaches_the_other_after_being_above(a, b):
    month = break_even_month(tuple(a), tuple(b))
    reached = [m for m in range(MONTHS) if a[m] <= b[m] and any(a[k] > b[k] for k in range(m))]
    assert month == (reached[0] + 1 if reached else None)


def test_lines_that_cross_break_even_in_words():
    first = cumulative(3000, 100, 6)
    second = cumulative(1000, 600, 6)
    assert break_even_month(first, second) == 4  # 3,400 each in month 4: reached
    assert break_even_month(second, first) is None  # never above first, then below


# Structural points of #36, each pinned to a figure computed by hand from the
# defaults in content/costs.toml (prices of 2026-12-08: GPT-5.4 $2.50 in,
# $0.25 cached, $15 out; an 8B LoRA adapter served at $0.20 in and out, tuned
# at $0.50 per million training tokens; an H100 at $2.69 an hour; an
# engineer's hour at $100). Every month also carries 2,000 eval requests.


def test_the_tuned_model_is_a_small_model_of_its_own_not_the_prompted_one():
    # 10 million classifications a month (a label is 10 output tokens).
    #   prompting: 10,002,000 x (1,000 x $2.50 + 10 x $15) / 1M  = $26,505.30
    #              + 4 hours' upkeep                            = $26,905.30
    #   tuned:     10,002,000 x 210 x $0.20 / 1M                 = $420.08
    #              + 2 retrains / 12 x (8 h x $100 + 5,000 x 500 x 3 x $0.50 / 1M)
    #                = 2 / 12 x $803.75                         = $133.96
    #              + 8 hours' upkeep                            = $1,354.04
    answers_ = {**LABELED, "prompting": "exhausted", "use_case": "classification"}
    answers_["monthly_queries"] = 10_000_000
    assert round(monthly(answers_, "prompting"), 2) == 26905.30
    assert round(monthly(answers_, "fine-tuning"), 2) == 1354.04


def test_a_dedicated_endpoint_is_a_floor_that_dominates_at_low_volume():
    # A $2-an-hour endpoint running all month: 730 x $2 = $1,460 whatever the
    # traffic. At 1,000 requests the tokens cost 3,000 x 500 x $0.20 / 1M = $0.30.
    answers_ = {**LABELED, "prompting": "exhausted", "monthly_queries": 1000}
    serverless = monthly(answers_, "fine-tuning")
    endpoint = monthly(answers_, "fine-tuning", {"tuned_serving_floor": 1460})
    assert round(endpoint - serverless, 2) == 1460.00
    assert round(serverless, 2) == round(0.30 + 133.96 + 800, 2)


def test_a_hybrid_retrains_as_its_behaviour_drifts_not_as_its_facts_change():
    # #36: a per-user, daily-changing hybrid at 1,000 requests a month came to
    # $13,400 a month, retrained 365 times a year. Its facts live in the index.
    #   retraining: 2 runs a year / 12 x $803.75                   = $133.96
    #   serving: 3,000 x ((200 + 2,000) x $0.20 + 300 x $0.20) / 1M = $1.50
    #   vector store: its $50 minimum (reads: 3,000 x 0.25 RU x $16/M = $0.01)
    #   re-embedding 2 % of 150,000 tokens 365 times a year at $0.02/M = $0.002
    #   upkeep: 8 h retrieval + 8 h tuned model at $100             = $1,600
    #   total                                                      = $1,785.46
    # Without people's time that is $185.46, where a model retrained daily
    # would cost 365 / 12 x $803.75 = $24,447 a month in retraining alone.
    answers_ = {
        "problem": "both",
        "change_rate": "daily",
        "data_sources": "per_user",
        "labeled_data": "thousands",
        "monthly_queries": 1000,
        "budget": "high",
    }
    costs = estimate(CONTENT, evaluate(CONTENT, answers_))
    assert round(costs.approaches["hybrid"].monthly, 2) == 1785.46
    # Fine-tuning alone would hold the facts, so it keeps retraining with them.
    assert costs.values["retrains_per_year"].value == 365


def test_own_gpus_scale_with_the_busiest_hour():
    # A tuned 8B model on rented H100s ($2.69 x 730 h = $1,963.70 each) plus
    # 16 hours a month running them ($1,600). Load: output 300 tokens plus a
    # tenth of 200 input tokens = 320 per request, three times the average.
    #   1,000 requests: one GPU                                     = $3,563.70
    #   1 billion: 1,000,002,000 x 320 / 2,628,000 s x 3 / 5,000 tok/s
    #              = 73.06, so 74 GPUs x $1,963.70 + $1,600         = $146,913.80
    answers_ = {**LABELED, "prompting": "exhausted", "deployment": "self_hosted"}
    small = monthly({**answers_, "monthly_queries": 1000}, "fine-tuning") - 133.96 - 800
    large = monthly({**answers_, "monthly_queries": 1_000_000_000}, "fine-tuning") - 133.96 - 800
    assert round(small, 2) == 3563.70
    assert round(large, 2) == 146913.80


def test_a_small_base_in_the_prompt_is_cached_when_requests_come_often():
    # 150,000 tokens of knowledge plus 800 repeated prompt tokens, 200 fresh,
    # 300 out, 102,000 requests (with evals). A cache lives 5 minutes: at most
    # 43,800 / 5 = 8,760 writes a month; the other 93,240 requests read it.
    #   uncached: 102,000 x (151,000 x $2.50 + 300 x $15) / 1M      = $38,964.00
    #   cached: 102,000 x (200 x $2.50 + 300 x $15) / 1M             = $510.00
    #         + 8,760 x 150,800 x $2.50 / 1M                         = $3,302.52
    #         + 93,240 x 150,800 x $0.25 / 1M                        = $3,515.15
    #         + 4 hours' upkeep                                      = $7,727.67
    # At about one request an hour (720 plus 2,000 evals) nothing is read
    # twice within 5 minutes' reach, so it costs the uncached price:
    #   2,720 x $0.382                                               = $1,039.04 + $400
    answers_ = {"problem": "knowledge", "corpus": "small", "change_rate": "rarely"}
    assert round(monthly({**answers_, "monthly_queries": 100_000}, "prompting"), 2) == 7727.67
    assert round(monthly({**answers_, "monthly_queries": 720}, "prompting"), 2) == 1439.04


def test_figures_say_where_they_came_from():
    values = resolve(CONTENT, {**LABELED, "monthly_queries": 5000}, {"price_input": 1.0})
    assert values["monthly_queries"] == (5000.0, "answer")
    assert values["training_examples"] == (5000.0, "answer")
    assert values["retrains_per_year"] == (2.0, "answer")
    assert values["price_input"] == (1.0, "assumptions")
    assert values["price_output"].origin == "050"


def test_every_default_is_dated_and_traceable_to_an_address():
    for assumption in CONTENT.assumptions.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", assumption.checked), assumption.id
        assert assumption.sources, assumption.id
        assert all(CONTENT.sources[s].url.startswith("https://") for s in assumption.sources)


def document(assumptions: object) -> dict:
    return {"answers": {}, "assumptions": assumptions}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"bogus": 1}, "assumptions.bogus: unknown assumption (known: monthly_queries"),
        ({"price_input": "cheap"}, "assumptions.price_input: expected a number, got string"),
        ({"price_input": True}, "assumptions.price_input: expected a number, got"),
        ({"price_input": -1}, "assumptions.price_input: expected a number from 0 to"),
        ({"price_input": float("inf")}, "assumptions.price_input: expected a number from 0"),
        ([1, 2], "assumptions: expected a table of assumption = number"),
    ],
)
def test_a_bad_assumption_is_one_clear_line(table, message):
    with pytest.raises(InputError, match="^f.toml: " + message.replace("(", r"\(")):
        session_from_document(CONTENT, document(table), "f.toml", "f")


def test_assumptions_survive_a_round_trip_and_unknown_ones_are_kept():
    stored = {**document({"price_input": 1.5, "renamed_figure": 7}), "name": "n"}
    session = session_from_document(CONTENT, stored, "s.toml", "s", strict=False)
    assert session.assumptions == {"price_input": 1.5}
    assert session_to_document(session)["assumptions"] == {"price_input": 1.5, "renamed_figure": 7}
    assert "assumptions" not in session_to_document(Session(name="plain"))


def test_decide_json_carries_costs(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text(
        '[answers]\nproblem = "behavior"\nlabeled_data = "thousands"\nchange_rate = "rarely"\n'
        'prompting = "exhausted"\nmonthly_queries = 100000\n[assumptions]\nprice_input = 3\n'
    )
    costs = decide_json(path)["costs"]
    assert costs["months"] == 24
    assert costs["assumptions"]["price_input"] == {"value": 3.0, "from": "assumptions"}
    assert costs["assumptions"]["monthly_queries"] == {"value": 100000.0, "from": "answer"}
    assert costs["assumptions"]["price_output"] == {
        "value": 15.0,
        "from": "050",
        "checked": "2026-12-08",
    }
    rag = costs["approaches"]["rag"]
    assert len(rag["cumulative"]) == 24
    assert rag["cumulative"][0] == pytest.approx(rag["upfront"] + rag["monthly"], abs=0.01)
    pairs = {(b["approach"], b["against"]): b["month"] for b in costs["break_even"]}
    assert pairs[("hybrid", "rag")] == 11  # dearer input makes RAG dearer sooner than 13
    volumes = {
        (b["approach"], b["against"]): b["monthly_queries"] for b in costs["break_even_volume"]
    }
    assert len(volumes) == 4 * 3
    # Prompting (1,000 tokens in, 300 out) against an 8B adapter (200 in, 300
    # out), by hand: fine-tuning costs $8,003.75 more upfront and $533.96 more
    # a month (retraining $133.96, 4 more hours of upkeep), so over 24 months
    # it must save 8,003.75 / 24 + 533.96 = $867.45 a month; each request
    # saves (1,000 x $3 + 300 x $15 - 500 x $0.20) / 1M = $0.0074, so
    # 867.45 / 0.0074 = 117,223 requests, less the 2,000 evals: 115,223.
    assert volumes[("fine-tuning", "prompting")] == pytest.approx(115_223, rel=2e-3)
    first = costs["sensitivity"][0]
    assert set(first) == {"assumption", "value", "changes_at", "cheapest_then"}
    assert first["cheapest_then"] != min(
        costs["approaches"], key=lambda a: costs["approaches"][a]["cumulative"][-1]
    )


MERMAID_LINE = {
    "title": re.compile(r'^    title "[^"]+"$'),
    "x-axis": re.compile(r'^    x-axis "[^"]+" 1 --> (\d+)$'),
    "y-axis": re.compile(r'^    y-axis "[^"]+" 0 --> (\d+)$'),
    "line": re.compile(r'^    line "([^"]+)" \[(\d+(?:, \d+)*)\]$'),
}


def mermaid_blocks(markdown: str) -> list[list[str]]:
    return [
        block.split("\n")
        for block in re.findall(r"```mermaid\n(.*?)\n```", markdown, flags=re.DOTALL)
    ]


def check_xychart(block: list[str], approaches: list[str]) -> None:
    """What Mermaid's xychart grammar asks: the header, one title, the axes as
    ranges, and a `line "name" [numbers]` per series, each series as long as
    the x-axis, each under the y-axis top."""
    assert block[0] == "xychart-beta"
    kinds = [line.split()[0] for line in block[1:]]
    assert kinds[:3] == ["title", "x-axis", "y-axis"] and set(kinds[3:]) == {"line"}
    assert MERMAID_LINE["title"].match(block[1])
    months = int(MERMAID_LINE["x-axis"].match(block[2]).group(1))
    top = int(MERMAID_LINE["y-axis"].match(block[3]).group(1))
    names = []
    for line in block[4:]:
        name, numbers = MERMAID_LINE["line"].match(line).groups()
        values = [int(n) for n in numbers.split(", ")]
        assert len(values) == months and max(values) <= top
        names.append(name)
    assert names == approaches


@pytest.mark.parametrize("fmt", ["summary", "adr"])
def test_the_export_carries_the_chart_the_table_and_the_break_even(fmt):
    from datetime import date

    from tui.core.words.export import render

    answers_ = {**LABELED, "prompting": "exhausted", "monthly_queries": 100_000}
    session = Session(name="costs", answers=answers_, assumptions={"price_input": 3.0})
    markdown = render(CONTENT, session, fmt, date(2026, 12, 7))
    costs = estimate(CONTENT, evaluate(CONTENT, answers_), {"price_input": 3.0})
    (block,) = mermaid_blocks(markdown)
    check_xychart(block, [CONTENT.approaches[a].name for a in costs.approaches])
    assert "- Hybrid is cheaper than RAG from month 11." in markdown
    assert (
        "| Prompted model (GPT-5.4): $ per million input tokens (`price_input`) | $3 "
        "| your figure |" in markdown
    )
    fine_tuning = costs.approaches["fine-tuning"]
    assert f"| Fine-tuning (recommended) | ${fine_tuning.upfront:,.0f} |" in markdown


def test_every_golden_export_has_a_chart_mermaid_can_parse():
    from tests.core.test_export import GOLDEN

    exported = sorted(GOLDEN.glob("*.md"))
    assert exported
    for path in exported:
        blocks = mermaid_blocks(path.read_text())
        assert len(blocks) == 1, path.name
        names = [MERMAID_LINE["line"].match(line).group(1) for line in blocks[0][4:]]
        check_xychart(blocks[0], names)
        assert set(names) <= {a.name for a in CONTENT.approaches.values()}


def test_decide_for_a_person_shows_the_costs_and_the_break_even(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text(
        '[answers]\nproblem = "behavior"\nlabeled_data = "thousands"\nchange_rate = "rarely"\n'
        'prompting = "exhausted"\nmonthly_queries = 100000\n'
    )
    printed = decide(path, columns=100)
    assert "costs over 24 months" in printed
    assert "Hybrid is cheaper than RAG from month 13." in printed


def test_an_approach_that_cannot_do_the_job_is_never_called_cheapest():
    # #36: prompting at $6 a month for per-user, daily-changing knowledge was
    # shown as the cheapest line. It stays in the table, marked, and no
    # sentence calls it cheapest or says another catches up with it.
    from tui.core.content import load_content
    from tui.core.decide.costs import estimate
    from tui.core.decide.engine import evaluate
    from tui.core.words.cost_report import break_even_sentences, cost_rows

    content = load_content()
    answers = {"problem": "both", "change_rate": "daily", "data_sources": "per_user"}
    result = evaluate(content, answers)
    costs = estimate(content, result)
    prompting = costs.approaches["prompting"]
    assert prompting.unable.startswith("Each user's records must be looked up")
    assert prompting.cumulative[-1] < costs.approaches["rag"].cumulative[-1]  # cheap, unable
    sentences = break_even_sentences(content, costs)
    assert not any("Prompting costs least" in s for s in sentences)
    assert any(s.startswith("Prompting cannot do this job") for s in sentences)
    assert all("prompting" not in (b.approach, b.against) for b in costs.break_even)
    assert any("(cannot do the job)" in row[0] for row in cost_rows(content, costs, "rag"))


@settings(max_examples=300, deadline=None)
@given(answers())
def test_the_engine_never_recommends_what_cannot_do_the_job(a):
    result = evaluate(CONTENT, a, with_pivotal=False)
    assert result.recommendation not in result.unable


def test_the_horizon_is_read_checked_kept_and_set_on_the_command_line(tmp_path):
    stored = {**document({}), "name": "n", "months": 36}
    session = session_from_document(CONTENT, stored, "s.toml", "s", strict=False)
    assert session.months == 36
    assert session_to_document(session)["months"] == 36
    assert "months" not in session_to_document(Session(name="plain"))
    for bad in (6, 61, "two years", 24.5, True):
        with pytest.raises(
            InputError, match=r"^f\.toml: months: expected a whole number of months"
        ):
            session_from_document(CONTENT, {**document({}), "months": bad}, "f.toml", "f")
    path = tmp_path / "answers.toml"
    path.write_text('months = 48\n[answers]\nproblem = "behavior"\n')
    assert decide_json(path)["costs"]["months"] == 48
    assert len(decide_json(path)["costs"]["approaches"]["rag"]["cumulative"]) == 48
    assert decide_json(path, "--months", "12")["costs"]["months"] == 12


def test_the_volume_and_the_figures_the_cheapest_hangs_on_in_words():
    from tui.core.words.cost_report import sensitivity_sentences, volume_sentences

    answers_ = {**LABELED, "prompting": "exhausted", "monthly_queries": 100_000}
    costs = estimate(CONTENT, evaluate(CONTENT, answers_))
    assert costs.cheapest() == "prompting"
    volumes = volume_sentences(CONTENT, costs)
    assert "Fine-tuning costs no more than Prompting from about 124,000 requests a month." in (
        volumes
    )
    assert (
        "RAG costs more than Prompting at every volume up to 10,000,000,000 requests a month."
        in volumes
    )
    hinges = sensitivity_sentences(CONTENT, costs)
    assert hinges[0] == (
        "An hour of engineering time at $81.10 (now $100) would make Fine-tuning the cheapest."
    )
    # Each figure said to change the cheapest really does.
    for hinge in sensitivity(CONTENT, costs):
        if hinge.changes_at is not None:
            changed = {hinge.assumption: hinge.changes_at}
            moved = estimate(CONTENT, evaluate(CONTENT, answers_), changed).cheapest()
            assert moved == hinge.cheapest_then != "prompting"


def test_rule_13s_volume_reason_is_the_cost_models_break_even():
    # With prompting still having room, the volume at which the cost model
    # finds a small tuned model cheaper over 24 months moves it ahead; the
    # fixed 1,000,000 stays a reason of its own.
    base = {**LABELED, "prompting": "some"}
    costs = estimate(CONTENT, evaluate(CONTENT, {**base, "monthly_queries": 1000}))
    volume = dict(((a, b), v) for a, b, v in break_even_volumes(costs))[
        ("fine-tuning", "prompting")
    ]
    assert volume is not None and 10_000 < volume < 1_000_000
    below = evaluate(CONTENT, {**base, "monthly_queries": int(volume * 0.9)})
    above = evaluate(CONTENT, {**base, "monthly_queries": int(volume * 1.1)})
    assert below.scores["prompting"] > below.scores["fine-tuning"]
    assert "tuned-model-needs-a-reason" in {r.id for r in above.set_aside}


def test_prices_over_a_year_old_are_said_once_first():
    from datetime import date

    from tui.core.words.cost_report import break_even_sentences, stale_prices
    from tui.core.words.export import render

    assert stale_prices(CONTENT, date(2027, 12, 8)) == ""  # a year to the day
    warning = stale_prices(CONTENT, date(2027, 12, 9))
    assert warning.startswith("Some prices were last checked on 2026-12-08, over a year ago")
    costs = estimate(CONTENT, evaluate(CONTENT, LABELED))
    assert break_even_sentences(CONTENT, costs, date(2028, 1, 1))[0] == warning
    assert warning not in break_even_sentences(CONTENT, costs, date(2027, 1, 1))
    # The export judges them against its own date.
    session = Session(name="old", answers=LABELED)
    assert render(CONTENT, session, "summary", date(2028, 1, 1)).count(warning) == 1
    assert warning not in render(CONTENT, session, "summary", date(2026, 12, 8))
