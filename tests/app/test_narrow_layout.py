"""The question screen on a small terminal (#20, item 3): every part fits or
is left out cleanly, and the one-line scores say what they are."""

from __future__ import annotations

from textual.widgets import Static

from tests.support.app_helpers import CONTENT, make_app, rendered
from tests.support.scenes import ANSWERS
from tui.app.glyphs import UNICODE
from tui.app.widgets.breadcrumb import Breadcrumb
from tui.app.widgets.scores import ScoreBars


def visible(app, selector: str) -> bool:
    return app.screen.query_one(selector).display


async def test_at_80x24_the_tables_are_left_out_with_a_line_saying_where_they_are():
    app = make_app({"problem": "behavior"}, position="labeled_data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not visible(app, "#factors") and not visible(app, "#panels")
        assert visible(app, "#panels-hint")
        body = app.screen.query_one("#body")
        assert body.max_scroll_y == 0  # nothing below the fold, so no scrollbar
    async with make_app({"problem": "behavior"}, position="labeled_data").run_test(
        size=(80, 40)
    ) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.screen.query_one("#factors").display
        assert not pilot.app.screen.query_one("#panels-hint").display


async def test_a_disagreement_stays_on_a_small_terminal():
    app = make_app({"problem": "knowledge"}, position="privacy")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert visible(app, "#panels") and visible(app, "#disagreements")
        assert not visible(app, "#factors")


async def test_the_breadcrumb_drops_whole_steps_never_half_a_word():
    app = make_app(ANSWERS, position="monthly_queries")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = rendered(app.screen.query_one(Breadcrumb)).strip()
        separator = UNICODE.crumb
        assert line.startswith("…" + separator)
        titles = [q.title for q in CONTENT.questions.values()]
        for crumb in line.removeprefix("…" + separator).split(separator):
            assert crumb.split(":")[0] in titles, crumb


async def test_the_first_question_says_the_answer_picks_the_branch_and_scores_say_what_they_are():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        progress = rendered(app.screen.query_one("#progress", Static))
        assert "the first answer picks the branch" in progress and "Not yet" not in progress
        strip = rendered(app.screen.query_one("#score-strip", ScoreBars)).strip()
        assert strip.startswith("If picked: ") and "▲" not in strip and "▼" not in strip
        assert len(strip) <= 78


async def test_the_map_uses_a_wide_terminal_to_show_each_question_whole():
    app = make_app(ANSWERS, position="labeled_data")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        screen = "\n".join(
            "".join(segment.text for segment in strip)
            for strip in app.screen._compositor.render_strips()
        )
        assert CONTENT.questions["labeled_data"].prompt in screen
