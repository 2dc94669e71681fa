"""The wizard driven by keys through Textual's pilot."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input, OptionList, Static

from tests.support.app_helpers import CONTENT, make_app, new_app, rendered, unwrapped, wizard
from tests.support.paths import shared_scenarios
from tui.app.screens.flowmap import MapScreen
from tui.app.screens.prompt import PromptScreen
from tui.app.screens.question import QuestionScreen
from tui.app.screens.result import ResultScreen
from tui.app.screens.review import ReviewScreen
from tui.app.screens.start import StartScreen
from tui.core.decide.engine import evaluate
from tui.core.store.session import RESULT, load_answers_file


async def answer_current(pilot) -> None:
    """Answer whatever is asked: the first choice, or 250000 for a number."""
    question = wizard(pilot.app).question
    if question.is_number:
        await pilot.press(*"250000", "enter")
    else:
        await pilot.press("enter")
    await pilot.pause()


async def test_start_screen_names_a_session_and_opens_the_first_question():
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*"Support bot", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).session.name == "Support bot"
        assert wizard(app).current == "problem"


async def test_walk_a_whole_session_by_keys():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(len(CONTENT.questions) + 1):
            if isinstance(app.screen, ReviewScreen):
                break
            await answer_current(pilot)
        assert isinstance(app.screen, ReviewScreen)
        w = wizard(app)
        assert w.complete
        assert w.session.answers["monthly_queries"] == 250000
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        headline = unwrapped(app.screen.query_one("#headline", Static))
        name = CONTENT.approaches[w.result.recommendation].name
        assert f"Recommendation: {name}" in headline


async def test_number_keys_pick_directly_and_back_goes_back():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")  # problem = both
        await pilot.pause()
        assert wizard(app).session.answers["problem"] == "both"
        assert wizard(app).current == "use_case"
        for key in ("b", "right", "left", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert wizard(app).current == "problem"
        await pilot.press("n")
        await pilot.pause()
        assert wizard(app).current == "use_case"


async def test_going_back_and_changing_an_answer_reflows_and_loses_nothing():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # problem = behaviour
        await pilot.press("9")  # use case = other
        await pilot.press("4")  # labeled data = thousands
        await pilot.press("1")  # prompting = not tried
        await pilot.press("1")  # output format = strict
        await pilot.pause()
        w = wizard(app)
        assert w.session.answers["output_format"] == "strict"
        before = w.steps
        for _ in range(5):
            await pilot.press("left")
        await pilot.pause()
        assert w.current == "problem"
        await pilot.press("1")  # now a knowledge problem: output format no longer applies
        await pilot.pause()
        assert w.steps != before and "output_format" not in w.steps
        assert w.session.answers["output_format"] == "strict"
        assert w.session.answers["labeled_data"] == "thousands"
        progress = str(app.screen.query_one("#progress", Static).content)
        assert f"of {len(w.steps)}" in progress


async def test_moving_the_highlight_previews_the_scores():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one("#score-strip")
        first = rendered(strip)
        await pilot.press("down")  # highlight "behaviour"
        await pilot.pause()
        second = rendered(strip)
        assert second != first
        assert "If picked:" in second and ("+." in second or "-." in second)
        assert wizard(app).session.answers == {}  # a preview answers nothing


async def test_wide_screen_shows_full_bars_beside_the_question():
    app = make_app({"problem": "knowledge", "use_case": "chatbot"}, position="change_rate")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "-wide" in screen.classes
        pane, panels = screen.query_one("#question-pane"), screen.query_one("#panels")
        assert panels.region.x > pane.region.x
        bars = rendered(screen.query_one("#scores"))
        await pilot.press("down")
        await pilot.pause()
        assert rendered(screen.query_one("#scores")) != bars
        guidance = rendered(screen.query_one("#guidance"))
        assert "Chatbots and assistants" in guidance


async def test_number_question_takes_typed_input_and_rejects_bad_numbers():
    app = make_app({"problem": "knowledge"}, position="monthly_queries")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entry = app.screen.query_one("#number", Input)
        assert entry.has_focus
        await pilot.press("enter")  # empty: refused, nothing recorded
        await pilot.pause()
        assert "monthly_queries" not in wizard(app).session.answers
        await pilot.press(*"120000", "enter")
        await pilot.pause()
        assert wizard(app).session.answers["monthly_queries"] == 120000
        assert isinstance(app.screen, ReviewScreen)  # it was the last step


async def test_a_note_can_be_attached_to_an_answer():
    app = make_app({"problem": "both"}, position="problem")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"ask Sam", "enter")
        await pilot.pause()
        assert wizard(app).session.notes == {"problem": "ask Sam"}
        assert "ask Sam" in str(app.screen.query_one("#note", Static).content)
        await pilot.press("e", "escape")  # cancel keeps the note
        await pilot.pause()
        assert wizard(app).session.notes == {"problem": "ask Sam"}


async def test_review_edits_any_answer_with_one_key():
    answers = {"problem": "knowledge", "use_case": "chatbot", "change_rate": "weekly"}
    app = make_app(answers, position="corpus")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        options = app.screen.query_one("#answers", OptionList)
        options.highlighted = wizard(app).steps.index("change_rate")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).current == "change_rate"


async def test_pivotal_answer_jumps_to_its_question():
    answers = {"problem": "behavior", "labeled_data": "thousands", "change_rate": "rarely"}
    app = make_app(answers, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        pivots = app.screen.query_one("#pivots", OptionList)
        pivots.focus()
        pivots.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).current == wizard(app).result.pivotal[0].question


async def test_map_jumps_to_a_node():
    app = make_app({"problem": "both", "use_case": "chatbot"}, position="change_rate")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        nodes = app.screen.query_one("#nodes", OptionList)
        nodes.highlighted = 1  # use case
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).current == "use_case"


async def test_map_shows_skipped_steps_as_disabled():
    app = make_app({"problem": "knowledge"}, position="use_case")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        nodes = app.screen.query_one("#nodes", OptionList)
        skipped = nodes.get_option("output_format")
        assert skipped.disabled
        assert "skipped" in str(skipped.prompt)


@pytest.mark.parametrize("path", shared_scenarios())
async def test_result_screen_shows_each_scenarios_recommendation(path):
    from tests.support.strategies import CONTENT as content

    session = load_answers_file(content, path)
    expected = evaluate(content, session.answers).recommendation
    app = make_app(dict(session.answers), position=RESULT)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        headline = unwrapped(app.screen.query_one("#headline", Static))
        assert f"Recommendation: {content.approaches[expected].name}" in headline
        from tui.core.store.session import read_toml

        assert expected in read_toml(path)["expect"]


async def test_command_palette_jumps_to_a_question():
    app = make_app({"problem": "both"}, position="use_case")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to 3", "enter")
        await pilot.pause()
        await pilot.pause()
        assert wizard(app).current == wizard(app).steps[2]


async def test_quit_with_ctrl_q():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_privacy_question_shows_both_sides_of_the_disagreement():
    app = make_app({"problem": "knowledge"}, position="privacy")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#disagreements", Static).content)
        assert "For Fine-tuning" in shown and "For RAG" in shown
        assert "[000, 004]" in shown and "[001, 002]" in shown
        await pilot.press("b")  # a question no disagreement turns on
        await pilot.pause()
        assert not app.screen.query_one("#disagreements").display


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-light", "nord"])
async def test_themes_apply_to_every_panel(theme):
    app = make_app({"problem": "both", "use_case": "chatbot"}, position="change_rate")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.pause()
        assert app.current_theme.name == theme
        assert "Scores" in app.export_screenshot().replace("&#160;", " ")


async def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        picture = app.export_screenshot().replace("&#160;", " ")
        assert "What is the model missing?" in picture
        # Every colour of the app's text is a grey (rich's default foreground,
        # c5c8c6, is one within a few units).
        colours = set(re.findall(r"-r\d+ \{ fill: #([0-9a-f]{6})", picture))
        channels = [[int(c[i : i + 2], 16) for i in (0, 2, 4)] for c in colours]
        assert channels and all(max(rgb) - min(rgb) <= 8 for rgb in channels)


async def test_a_terminal_below_the_minimum_gets_a_message_not_a_broken_layout():
    from tui.app.screens.too_small import TooSmallScreen

    app = make_app({"problem": "both"}, position="use_case")
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        message = str(app.screen.query_one("#too-small", Static).content)
        assert "at least 60x18" in message and "50x14" in message
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert wizard(app).current == "use_case"


async def test_the_question_screen_marks_what_could_change_the_outcome_and_when_it_settles():
    # With citations unanswered a small corpus could still send it to prompting
    # (rule 11), so the corpus is given; the kind of task then settles it.
    answered = {
        "problem": "knowledge",
        "corpus": "large",
        "change_rate": "rarely",
        "latency": "moderate",
    }
    app = make_app(answered, position="use_case")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        outlook = app.screen.query_one("#outlook", Static)
        assert "This answer could change the later stages of the path" in str(outlook.content)
        assert not outlook.has_class("-settled")
        await pilot.press("1")  # question answering: nothing left can change RAG
        await pilot.pause()
        assert wizard(app).result.settled
        assert str(outlook.content).endswith("the rest only adds detail. r: the result.")
        assert outlook.has_class("-settled")
        notes = [n.message for n in app._notifications]
        assert any("Press r to go straight to the result" in m for m in notes)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_the_map_marks_unanswered_steps_that_could_change_the_outcome():
    app = make_app({"problem": "knowledge"}, position="use_case")
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        nodes = app.screen.query_one("#nodes", OptionList)
        marked = [
            nodes.get_option_at_index(i).id
            for i in range(nodes.option_count)
            if "could change the outcome" in str(nodes.get_option_at_index(i).prompt)
        ]
        assert sorted(marked) == sorted(o.question for o in wizard(app).result.next)


async def test_back_on_the_map_returns_to_the_screen_it_was_opened_from():
    app = make_app({"problem": "knowledge"}, position=RESULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")  # the result's own Back: to the questions
        await pilot.pause()
        await pilot.press("m", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


async def test_enter_right_after_a_number_key_does_not_answer_the_next_question_unseen():
    import asyncio

    app = make_app({"problem": "both"}, position="use_case")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter")  # typed ahead: the Enter reaches the next question
        await pilot.pause()
        after_number = wizard(app).current
        assert wizard(app).session.answers.get(after_number) is None
        await asyncio.sleep(0.5)  # it is on screen now: Enter picks as usual
        await pilot.press("enter")
        await pilot.pause()
        assert wizard(app).session.answers.get(after_number) is not None
