"""The precedents on the result screen and the cases screen, driven by the pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.support.app_helpers import CONTENT, make_app, new_app, unwrapped
from tui.app.screens.cases import CaseScreen, CasesScreen
from tui.app.screens.result import ResultScreen
from tui.core.store.session import RESULT

CHECKR = dict(next(c for c in CONTENT.cases if c.id == "checkr-background-checks").answers)


async def test_the_result_shows_three_precedents_with_outcome_and_source():
    app = make_app(CHECKR, position=RESULT)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        text = unwrapped(app.screen.query_one("#precedents", Static))
        assert "Checkr, 2024: Classifying messy background-check records" in text
        assert "same on 6 of your 6 answers" in text and "[033]" in text
        assert text.count(". Chose ") == 3
        sources = unwrapped(app.screen.query_one("#sources", Static))
        assert "predibase.com/blog/how-checkr" in sources
        # The library's other sources stay out of this result's list.
        assert "Be My Eyes" not in sources


async def test_p_opens_the_cases_nearest_first_and_enter_opens_the_record():
    app = make_app(CHECKR, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(CONTENT.cases)
        assert app.screen.current().id == "checkr-background-checks"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        body = unwrapped(app.screen.query_one("#case-body", Static))
        assert "Situation" in body and "As answers" in body
        assert "https://predibase.com/blog/" in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_the_filter_narrows_the_list_and_says_when_nothing_matches():
    app = make_app(CHECKR, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"stitch")
        await pilot.pause()
        screen = app.screen
        assert {c.organisation for c in screen.shown} == {"Stitch Fix"}
        await pilot.press(*" zzz")
        await pilot.pause()
        assert screen.shown == ()
        status = unwrapped(screen.query_one("#case-status", Static))
        assert "none match the filter" in status
        await pilot.press("enter")  # nothing to open: a notice, no crash
        await pilot.pause()
        assert app.screen is screen


async def test_the_palette_opens_the_cases_without_a_session():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Published cases", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CasesScreen)
        table = app.screen.query_one(DataTable)
        first = next(iter(table.columns.values()))
        assert str(first.label) == "Year"  # no answers, so no Near column
        assert app.screen.shown[0].year == max(c.year for c in CONTENT.cases)
