"""Plain mode on a real pseudo-terminal: prompts line by line, same engine,
same session files, same result as the full-screen app."""

from __future__ import annotations

import re

import pytest

from tests.support.paths import shared_scenarios
from tui.core.content import load_content
from tui.core.decide.engine import evaluate
from tui.core.store.session import REVIEW, Session, load_answers_file
from tui.core.store.storage import Store
from tui.core.wizard import Wizard

CONTENT = load_content()


def typed_answers(answers: dict) -> list[str]:
    """What a user types to give exactly these answers, walking the steps in order."""
    wizard = Wizard(CONTENT, Session(name="walk"))
    lines = []
    while wizard.place != REVIEW:
        question = wizard.question
        if question.id in answers:
            value = answers[question.id]
            lines.append(
                str(value) if question.is_number else str(question.choice_ids.index(value) + 1)
            )
            wizard.choose(value)
        else:
            lines.append("s")
            wizard.skip()
    return lines


def stored() -> Session:
    store = Store(CONTENT)
    (path,) = store.files()
    return store.load(path)


def recommendation(text: str) -> str:
    match = re.search(r"Recommendation: (\w[\w-]*)", text)
    assert match, text[-1500:]
    return match.group(1)


def test_a_whole_session_with_back_and_quit(plain):
    program = plain("--plain", "new", "Plain demo")
    program.wait_for(b"Step 1 of 18")
    program.lines("2", "2", "4", "b", "3", "1", "v", "r", "q")
    assert program.gone_within(5) == 0
    text = program.text()
    assert "Review: every question that applies" in text
    assert "Recommendation:" in text
    assert "Traceback" not in text
    session = stored()
    assert dict(session.answers) == {
        "problem": "behavior",
        "use_case": "classification",
        "labeled_data": "hundreds",
        "prompting": "not_tried",
    }


@pytest.mark.parametrize("path", shared_scenarios())
def test_same_result_as_the_full_screen_app(plain, path):
    answers = dict(load_answers_file(CONTENT, path).answers)
    expected = CONTENT.approaches[evaluate(CONTENT, answers).recommendation].name
    program = plain("--plain", "new", path.stem)
    program.wait_for(b"Step 1 of 18")
    program.lines(*typed_answers(answers), "r", "q")
    assert program.gone_within(5) == 0
    assert recommendation(program.text()) == expected
    assert dict(stored().answers) == answers


def test_a_dumb_terminal_gets_plain_mode_by_itself(plain):
    program = plain("new", "dumb", term="dumb")
    program.wait_for(b"Step 1 of 18")
    program.lines("1", "q")
    assert program.gone_within(5) == 0
    raw = bytes(program.output)
    assert b"\x1b[?1049h" not in raw  # never switched to the full-screen buffer
    assert stored().answers == {"problem": "knowledge"}


def test_bad_replies_are_one_line_and_ask_again(plain):
    program = plain("--plain", "new", "typos")
    program.wait_for(b"Step 1 of 18")
    program.lines("7", "knowledge", "1", "q")
    text = program.text()
    assert "'7' is not one of 1-4" in text and "'knowledge' is not one of 1-4" in text
    assert program.gone_within(5) == 0
    assert stored().answers == {"problem": "knowledge"}


def test_input_that_ends_leaves_everything_saved(plain):
    program = plain("--plain", "new", "eof")
    program.wait_for(b"Step 1 of 18")
    program.lines("3", "6")
    program.send(b"\x04")  # Ctrl+D: end of input
    assert program.gone_within(5) == 0
    assert dict(stored().answers) == {"problem": "both", "use_case": "chatbot"}


def test_resuming_a_session_in_plain_mode(plain):
    first = plain("--plain", "new", "resume me")
    first.wait_for(b"Step 1 of 18")
    first.lines("1", "1", "q")
    assert first.gone_within(5) == 0
    second = plain("--plain", "open", "resume me")
    second.wait_for(b"Step 3 of")
    second.lines("q")
    assert second.gone_within(5) == 0
