"""One result, one model (#37): the result's sections are built once in
tui/core/words/result_sections.py and `decide`, the Markdown summary and the result
screen show the same sections in the same order; and the contradictions users
read when each view wrote its own sentences stay gone."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from rich.console import Console
from textual.widgets import Static

from tests.support.app_helpers import make_app, unwrapped
from tests.support.paths import REPO
from tests.support.scenes import ANSWERS
from tests.support.strategies import CONTENT, answers
from tui.app.screens.result import ResultScreen
from tui.core.decide.costs import estimate
from tui.core.decide.engine import evaluate
from tui.core.store.session import RESULT, Session
from tui.core.words.explain import (
    confidence_note,
    limit_sentences,
    rule_sentences,
    settled_sentence,
)
from tui.core.words.export import summary_markdown
from tui.core.words.report import render
from tui.core.words.result_sections import ORDER, result_sections

DAY = date(2026, 12, 1)
TUI = REPO / "tui"


def sections_for(given_answers: dict) -> tuple:
    session = Session(name="demo", answers=given_answers)
    result = evaluate(CONTENT, session.answers)
    costs = estimate(CONTENT, result, session.assumptions, session.months)
    return result_sections(CONTENT, session, result, costs, DAY)


def rich_text(sections: tuple) -> str:
    console = Console(width=400, color_system=None, record=True)
    console.print(render(sections, "demo"))
    return console.export_text()


def test_sections_come_in_the_one_order():
    ids = [s.id for s in sections_for(ANSWERS)]
    assert ids == [i for i in ORDER if i in ids]
    assert ids[0] == "recommendation" and ids[-1] == "sources"


def test_decide_and_the_markdown_show_the_same_sections_in_the_same_order():
    sections = sections_for(ANSWERS)
    titles = [s.title for s in sections]
    markdown = summary_markdown(CONTENT, Session(name="demo", answers=ANSWERS), DAY)
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE) == titles
    printed = rich_text(sections)
    # The panel's headline is the recommendation; every other title on a line
    # of its own, in order.
    lines = [line.strip("│ ").rstrip() for line in printed.splitlines()]
    assert [line for line in lines if line in titles[1:]] == titles[1:]
    assert "Recommendation: Hybrid, medium confidence" in printed


async def test_the_result_screen_shows_the_same_sections_in_the_same_order():
    sections = sections_for(ANSWERS)
    app = make_app(dict(ANSWERS), position=RESULT)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        shown = [
            str(widget.content)
            for widget in app.screen.query(".section").results(Static)
            if widget.display
        ]
        assert shown == [s.title for s in sections[1:]]
        headline = unwrapped(app.screen.query_one("#headline", Static))
        assert "Recommendation: Hybrid, medium confidence" in headline
        cited = [e.mark for e in sections[-1].entries if e.mark]
        assert app.screen.cited_here() == tuple(cited)


def test_the_sources_are_the_same_everywhere_and_are_those_cited():
    sections = sections_for(ANSWERS)
    listed = [e.mark for e in sections[-1].entries if e.mark]
    cited = sorted({s for section in sections[:-1] for s in section.cited})
    assert listed == cited
    markdown = summary_markdown(CONTENT, Session(name="demo", answers=ANSWERS), DAY)
    sources_part = markdown.split("\n## Sources\n")[1]
    assert re.findall(r"^- \[(\d{3})\]", sources_part, re.MULTILINE) == listed
    printed = rich_text(sections).split("\n│ Sources")[1]
    assert re.findall(r"^│ +\[(\d{3})\]", printed, re.MULTILINE) == listed


async def test_nothing_answered_yet_reads_the_same_in_all_three():
    sections = sections_for({})
    [line] = [e.plain for e in sections[3].entries if "Nothing answered" in e.plain]
    assert line.startswith("Nothing answered yet: with no answers the sources' advice")
    assert line in summary_markdown(CONTENT, Session(name="demo", answers={}), DAY)
    assert line in rich_text(sections).replace("│", "").replace("\n", " ")
    app = make_app({}, position=RESULT)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert line in unwrapped(app.screen.query_one("#why", Static))


# The contradictions users read (#37, point 1), one test each.

CITED_AND_FAST = {"problem": "knowledge", "citations": "required", "change_rate": "daily"}


def test_an_approach_is_ruled_out_once_with_every_reason():
    result = evaluate(CONTENT, CITED_AND_FAST)
    sentences = limit_sentences(CONTENT, result)
    heads = [s.text.split(":")[0] for s in sentences]
    assert heads == ["Prompting is ruled out", "Fine-tuning is ruled out"]
    fine_tuning = sentences[1].text
    for hit in result.limits:
        if "fine-tuning" in hit.approaches:
            assert hit.rule.why in fine_tuning


@settings(max_examples=150, deadline=None)
@given(answers())
def test_no_approach_is_ruled_out_twice(a):
    result = evaluate(CONTENT, a)
    heads = [s.text.split(":")[0] for s in limit_sentences(CONTENT, result)]
    for approach in CONTENT.approaches.values():
        assert sum(approach.name in head for head in heads) <= 1, heads


def test_no_set_aside_about_an_approach_already_ruled_out():
    answers_given = {"problem": "knowledge", "citations": "required", "prompting": "some"}
    answers_given["latency"] = "strict"
    result = evaluate(CONTENT, answers_given)
    assert "prompting" in result.excluded
    assert any(rule.id == "tuned-model-needs-a-reason" for rule in result.set_aside)
    said = [s.text for s in rule_sentences(CONTENT, result)]
    assert not [s for s in said if s.startswith("Set aside: Prompting")], said


@settings(max_examples=150, deadline=None)
@given(answers())
def test_no_order_or_set_aside_sentence_names_a_ruled_out_approach(a):
    result = evaluate(CONTENT, a)
    kept = {rule.set_aside for rule in result.set_aside} | {h.rule.why for h in result.orders}
    said = [s.text for s in rule_sentences(CONTENT, result)]
    for hit in result.orders:
        if any(x in result.excluded for x in hit.approaches):
            assert not [s for s in said if hit.rule.why in s]
    assert all(any(k in s for k in kept) for s in said)


@settings(max_examples=150, deadline=None)
@given(answers())
def test_the_confidence_sentence_never_repeats_a_clause(a):
    result = evaluate(CONTENT, a)
    note = confidence_note(result)
    clauses = note.removesuffix(".").split(": ", 1)[-1].split("; ")
    assert len(clauses) == len(set(clauses)), note
    assert note.count("disputed claim") <= 1, note


def test_two_disputes_are_one_clause():
    result = evaluate(CONTENT, ANSWERS)
    assert len(result.disputed) == 2
    note = confidence_note(result)
    assert note.count("it rests on disputed claims: ") == 1


def test_with_everything_answered_the_rule_does_not_say_so_far():
    # Every question that applies answered; a rule decides at medium confidence.
    filled = ANSWERS | {
        "request_data": "some",
        "corpus": "none",
        "citations": "helpful",
        "prompting": "some",
        "domain_language": "no",
        "latency": "strict",
        "privacy": "standard",
        "deployment": "self_hosted",
        "stakes": "medium",
        "timeline": "months",
        "monthly_queries": 1000,
    }
    result = evaluate(CONTENT, filled)
    assert not result.unanswered and result.decided_by is not None
    assert result.confidence != "high"
    settled = settled_sentence(result)
    assert settled is not None and "so far" not in settled.text
    with_gaps = settled_sentence(evaluate(CONTENT, ANSWERS))
    assert with_gaps is not None and "for the answers given so far" in with_gaps.text


def test_cite_and_the_confidence_styles_are_defined_once():
    code = "\n".join(path.read_text() for path in TUI.rglob("*.py"))
    assert code.count("def cite(") == 1
    assert "CONFIDENCE_STYLE" not in code
