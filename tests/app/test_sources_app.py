"""Every [id] reachable (#20, item 2): the sources screen from the question,
the result and the palette, cited sources first."""

from __future__ import annotations

from textual.widgets import Static

from tests.support.app_helpers import CONTENT, make_app, new_app, unwrapped
from tui.app.screens.question import QuestionScreen
from tui.app.screens.sources import SourcesScreen
from tui.core.store.session import RESULT
from tui.core.words.sources import cited_by_question, find_sources


def test_find_sources_puts_the_cited_first_and_filters_by_any_field():
    ids = [s.id for s in find_sources(CONTENT, first=("004", "001"))]
    assert ids[:2] == ["001", "004"] and sorted(ids) == sorted(CONTENT.sources)
    assert [s.id for s in find_sources(CONTENT, "anthropic contextual")] == ["005"]
    assert find_sources(CONTENT, "no such source anywhere") == ()


async def test_s_on_a_question_lists_its_sources_first_with_title_and_address():
    app = make_app({"problem": "behavior"}, position="labeled_data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourcesScreen)
        cited = cited_by_question(CONTENT, "labeled_data")
        assert [s.id for s in screen.shown[: len(cited)]] == list(cited)
        detail = unwrapped(screen.query_one("#source-detail", Static))
        first = CONTENT.sources[cited[0]]
        assert first.title in detail and "cited on the screen you came from" in detail
        await pilot.press(*"ovadia")
        await pilot.pause()
        assert [s.id for s in screen.shown] == ["008"]
        assert "arxiv.org/abs/2312.05934" in unwrapped(screen.query_one("#source-detail", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_s_on_the_result_and_the_palette_without_a_session():
    app = make_app({"problem": "knowledge", "change_rate": "daily"}, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen) and app.screen.cited
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sources", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert len(app.screen.shown) == len(CONTENT.sources)
