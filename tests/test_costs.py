"""The cost model (content/costs.toml, tui/core/costs.py): its arithmetic as
properties, its defaults held to the figures the articles publish, the
[assumptions] table of a file, and `costs` in `decide --json`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.decide import decide, decide_json
from tests.strategies import CONTENT, answers
from tui.core import contract
from tui.core.costs import (
    MONTHS,
    break_even_month,
    cumulative,
    estimate,
    resolve,
    upfront_and_monthly,
)
from tui.core.engine import evaluate
from tui.core.errors import InputError
from tui.core.session import Session, session_from_document, session_to_document

settings.register_profile("costs", max_examples=200, deadline=None)
settings.load_profile("costs")

DEFAULTS = {k: a.default for k, a in CONTENT.assumptions.items()}
ARTICLE_VOLUME = 100_000
LABELED = {"problem": "behavior", "labeled_data": "thousands", "change_rate": "rarely"}
overrides = st.dictionaries(
    st.sampled_from(sorted(CONTENT.assumptions)), st.floats(0, 1e7, allow_nan=False), max_size=6
)
shapes = st.fixed_dictionaries(
    {"whole_base_in_prompt": st.booleans(), "own_hardware": st.booleans()}
)


def figures(**changed: float) -> dict[str, float]:
    return {**DEFAULTS, **changed}


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


@given(overrides, shapes, st.floats(0, 1e7), st.floats(0, 1e7))
def test_more_requests_never_lower_a_monthly_cost(extra, shape, fewer, more):
    fewer, more = sorted((fewer, more))
    low = upfront_and_monthly({**figures(**extra), "monthly_queries": fewer}, **shape)
    high = upfront_and_monthly({**figures(**extra), "monthly_queries": more}, **shape)
    for approach in contract.APPROACHES:
        assert high[approach][1] >= low[approach][1] - 1e-9


@given(overrides, st.floats(0, 1e7), st.floats(0, 1e7))
def test_a_larger_base_never_lowers_the_cost_of_all_of_it_in_the_prompt(extra, small, large):
    small, large = sorted((small, large))
    shape = {"whole_base_in_prompt": True, "own_hardware": False}
    before = upfront_and_monthly({**figures(**extra), "corpus_tokens": small}, **shape)
    after = upfront_and_monthly({**figures(**extra), "corpus_tokens": large}, **shape)
    before, after = before["prompting"], after["prompting"]
    assert after[0] >= before[0] and after[1] >= before[1] - 1e-9


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


def range_of(pattern: str) -> tuple[float, float]:
    found = next(p for p in CONTENT.costs if p.id == pattern)
    return found.low, found.high


@pytest.mark.parametrize(
    ("approach", "pattern", "own_hardware"),
    [
        ("rag", "cloud-rag", False),
        ("prompting", "cloud-rag", False),
        ("fine-tuning", "cloud-fine-tuned", False),
        ("fine-tuning", "local-fine-tuned", True),
        ("hybrid", "local-fine-tuned-rag", True),
    ],
)
def test_at_the_articles_volume_the_defaults_land_in_their_ranges(approach, pattern, own_hardware):
    shape = {"whole_base_in_prompt": False, "own_hardware": own_hardware}
    values = figures(
        monthly_queries=ARTICLE_VOLUME,
        training_examples=CONTENT.assumptions["training_examples"].by_answer["thousands"],
    )
    low, high = range_of(pattern)
    assert low <= upfront_and_monthly(values, **shape)[approach][1] <= high


def test_fine_tuning_breaks_even_against_rag_within_the_published_months():
    answers_ = {**LABELED, "prompting": "exhausted", "monthly_queries": ARTICLE_VOLUME}
    costs = estimate(CONTENT, evaluate(CONTENT, answers_))
    crossing = next(
        b for b in costs.break_even if (b.approach, b.against) == ("fine-tuning", "rag")
    )
    published = CONTENT.figures["break-even"]
    assert published.low <= crossing.month <= published.high


def test_figures_say_where_they_came_from():
    values = resolve(CONTENT, {**LABELED, "monthly_queries": 5000}, {"price_input": 1.0})
    assert values["monthly_queries"] == (5000.0, "answer")
    assert values["training_examples"] == (5000.0, "answer")
    assert values["retrains_per_year"] == (2.0, "answer")
    assert values["price_input"] == (1.0, "assumptions")
    assert values["price_output"].origin == "014"


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
    rag = costs["approaches"]["rag"]
    assert len(rag["cumulative"]) == 24
    assert rag["cumulative"][0] == pytest.approx(rag["upfront"] + rag["monthly"], abs=0.01)
    pairs = {(b["approach"], b["against"]): b["month"] for b in costs["break_even"]}
    assert pairs[("fine-tuning", "rag")] == 2  # dearer input makes RAG dearer sooner


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

    from tui.core.export import render

    answers_ = {**LABELED, "prompting": "exhausted", "monthly_queries": ARTICLE_VOLUME}
    session = Session(name="costs", answers=answers_, assumptions={"price_input": 3.0})
    markdown = render(CONTENT, session, fmt, date(2026, 12, 7))
    costs = estimate(CONTENT, evaluate(CONTENT, answers_), {"price_input": 3.0})
    (block,) = mermaid_blocks(markdown)
    check_xychart(block, [CONTENT.approaches[a].name for a in costs.approaches])
    assert "- Fine-tuning is cheaper than RAG from month 2." in markdown
    assert "| Hosted model: $ per million input tokens (`price_input`) | $3 | your figure |" in (
        markdown
    )
    assert "| Fine-tuning (recommended) | $3,688 |" in markdown


def test_every_golden_export_has_a_chart_mermaid_can_parse():
    from tests.test_export import GOLDEN

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
    assert "Costs over 24 months" in printed
    assert "Fine-tuning is cheaper than RAG from month 3." in printed


def test_a_hybrid_retrains_as_its_behaviour_drifts_not_as_its_facts_change():
    # #36: a per-user, daily-changing hybrid at 1,000 requests a month came to
    # $13,400 a month, retrained 365 times a year. Its facts live in the index.
    # By hand, from the defaults in content/costs.toml:
    #   one training run: 5,000 examples x 500 tokens x 3 epochs x $25/M = $187.50
    #   retraining: 2 runs a year / 12 x ($250 work + $187.50)           = $72.92
    #   serving: 1,000 x ((200 + 2,000) x $3.75 + 300 x $15) / 1M         = $12.75
    #   vector store                                                      = $100
    #   total                                                             = $185.67
    from tui.core.content import load_content
    from tui.core.costs import estimate
    from tui.core.engine import evaluate

    content = load_content()
    answers = {
        "problem": "both",
        "change_rate": "daily",
        "data_sources": "per_user",
        "labeled_data": "thousands",
        "monthly_queries": 1000,
        "budget": "high",
    }
    costs = estimate(content, evaluate(content, answers))
    assert round(costs.approaches["hybrid"].monthly, 2) == 185.67
    # Fine-tuning alone would hold the facts, so it keeps retraining with them.
    assert costs.values["retrains_per_year"].value == 365


def test_an_approach_that_cannot_do_the_job_is_never_called_cheapest():
    # #36: prompting at $6 a month for per-user, daily-changing knowledge was
    # shown as the cheapest line. It stays in the table, marked, and no
    # sentence calls it cheapest or says another catches up with it.
    from tui.core.content import load_content
    from tui.core.cost_report import break_even_sentences, cost_rows
    from tui.core.costs import estimate
    from tui.core.engine import evaluate

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
