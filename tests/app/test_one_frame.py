"""Each key on the question screen reaches the terminal as one frame (#15):
Textual would send a second (a layout asked for by the first, a scrollbar
or the list of choices repainted a tick late); tui/app/patches/one_frame.py folds them
into one. Frames are counted where Textual writes them, not timed."""

from __future__ import annotations

import pytest

from tests.support.app_helpers import make_app
from tests.support.scenes import ANSWERS
from tui.app.app import RagftApp
from tui.app.screens.question import QuestionScreen

# A walk through the questions: preview a choice (or type a number), answer,
# back, forward again.
CHOICE_ROUND = ("down", "enter", "b", "n")
NUMBER_ROUND = ("5", "0", "0", "enter", "b", "n")


def count_frames(app: RagftApp) -> list[int]:
    """A counter of the frames the app writes from now on."""
    written = [0]
    display = app._display

    def counting(screen, renderable) -> None:
        if renderable is not None:
            written[0] += 1
        display(screen, renderable)

    app._display = counting
    return written


@pytest.mark.parametrize(
    ("size", "answers"),
    [((80, 24), {}), ((80, 24), ANSWERS), ((160, 50), ANSWERS)],
    ids=["80x24-new", "80x24-answered", "160x50-answered"],
)
async def test_every_key_of_a_walk_through_the_questions_is_one_frame(
    size: tuple[int, int], answers: dict
) -> None:
    # Answered, the walk shows disagreements and scrolls; new, it branches anew.
    app = make_app(answers, position="problem")
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        written = count_frames(app)
        drawn: list[tuple[str, str, int]] = []
        while isinstance(app.screen, QuestionScreen) and len(drawn) < 200:
            keys = NUMBER_ROUND if app.wizard.question.is_number else CHOICE_ROUND
            for key in keys:
                question = app.wizard.current
                before = written[0]
                await pilot.press(key)
                # Long enough for a frame Textual would send a tick late.
                await pilot.pause(0.06)
                await pilot.pause()
                if not isinstance(app.screen, QuestionScreen):
                    break  # the last answer opens the review
                drawn.append((question, key, written[0] - before))
        assert len({question for question, _, _ in drawn}) >= 10  # the walk went through
        assert [d for d in drawn if d[2] != 1] == []


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_first_question_is_drawn_in_three_frames(size: tuple[int, int]) -> None:
    # The question with its panels, and the layout for the terminal's size
    # once the driver reports it: two frames, where Textual sent five (two of
    # them full repaints of what was already shown). The panels were mounted
    # after the first frame until a busy machine showed that a late repaint
    # could follow them; at most three keeps that from coming back.
    app = make_app()
    written = count_frames(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        await pilot.pause()
        assert written[0] <= 3
