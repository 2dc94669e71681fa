"""The costs screen and the result's small chart, driven by keys."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.support.app_helpers import make_app, unwrapped, wizard
from tui.app.screens.costs import CostsScreen
from tui.app.screens.prompt import PromptScreen
from tui.app.screens.result import ResultScreen
from tui.app.widgets.cost_chart import CostChart
from tui.core.store.session import RESULT
from tui.core.store.storage import Store

TUNING = {
    "problem": "behavior",
    "labeled_data": "thousands",
    "change_rate": "rarely",
    "prompting": "exhausted",
    "monthly_queries": 100000,
}


def text(app, selector: str) -> str:
    return unwrapped(app.screen.query_one(selector, Static)).rstrip("\n")


async def open_costs(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, ResultScreen)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CostsScreen)


async def change(pilot, ident: str, typed: str) -> None:
    table = pilot.app.screen.query_one("#assumptions", DataTable)
    table.move_cursor(row=table.get_row_index(ident))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PromptScreen)
    await pilot.press("ctrl+a", "ctrl+k", *typed, "enter")
    await pilot.pause()


async def test_the_result_shows_the_chart_and_the_break_even_and_leads_to_the_costs():
    app = make_app(TUNING, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(CostChart)
        assert "Hybrid is cheaper than RAG from month 13." in text(app, "#costs")
        assert "c: every cost and assumption" in text(app, "#costs-hint")
        await open_costs(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_editing_a_price_moves_the_break_even_and_is_saved():
    app = make_app(TUNING, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_costs(pilot)
        assert "from month 13" in text(app, "#break-even")
        await change(pilot, "price_input", "3")
        assert wizard(app).session.assumptions == {"price_input": 3.0}
        assert "Hybrid is cheaper than RAG from month 11." in text(app, "#break-even")
        table = app.screen.query_one("#assumptions", DataTable)
        assert table.get_row("price_input")[1:] == ["$3", "your figure"]
        saved = Store(app.content).load(app.path)
        assert saved.assumptions == {"price_input": 3.0}
        await change(pilot, "price_input", "")  # empty: back to the default
        assert wizard(app).session.assumptions == {}
        assert "from month 13" in text(app, "#break-even")


async def test_a_bad_figure_is_one_warning_and_changes_nothing():
    app = make_app(TUNING, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_costs(pilot)
        await change(pilot, "monthly_queries", "lots")
        assert wizard(app).session.assumptions == {}
        messages = [n.message for n in app._notifications]
        assert messages[-1] == "Requests a month: not a number: 'lots'."
        await change(pilot, "monthly_queries", "-5")
        assert wizard(app).session.assumptions == {}
        await change(pilot, "batch_share", "1.5")  # a share is at most 1
        assert wizard(app).session.assumptions == {}
        assert app._notifications and [n.message for n in app._notifications][-1] == (
            "Share of requests that can wait for a batch: expected a number from 0 to 1, got 1.5."
        )
        await change(pilot, "batch_share", "40%")  # as the table shows it
        assert wizard(app).session.assumptions == {"batch_share": 0.4}
        table = app.screen.query_one("#assumptions", DataTable)
        assert table.get_row("batch_share")[1:] == ["40%", "your figure"]


async def test_the_highlighted_assumption_says_what_it_rests_on():
    app = make_app(TUNING, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_costs(pilot)
        table = app.screen.query_one("#assumptions", DataTable)
        table.move_cursor(row=table.get_row_index("price_output"))
        await pilot.pause()
        assert text(app, "#assumption-note") == ("price_output: checked 2026-12-08 · [050]")


async def test_the_chart_works_in_ascii():
    app = make_app(TUNING, position=RESULT)
    app.ascii_only = True
    async with app.run_test(size=(80, 24)) as pilot:
        await open_costs(pilot)
        drawn = app.screen.query_one(CostChart).render().plain
        assert "•" not in drawn and "*" in drawn


async def test_h_steps_the_horizon_and_it_is_saved():
    app = make_app(TUNING, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_costs(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert wizard(app).session.months == 36
        assert len(wizard(app).costs.approaches["rag"].cumulative) == 36
        assert [n.message for n in app._notifications][-1] == "Costs over 36 months."
        assert Store(app.content).load(app.path).months == 36
        for _ in range(3):  # 48, 60, then round to 12
            await pilot.press("h")
        await pilot.pause()
        assert wizard(app).session.months == 12
        assert [n.message for n in app._notifications][-1] == "Costs over 12 months."
