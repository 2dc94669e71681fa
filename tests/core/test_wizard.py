"""The wizard's state, without a terminal: steps, re-flow, back and forward,
previews and resuming."""

from __future__ import annotations

from tui.core.store.session import REVIEW, Session
from tui.core.wizard import Wizard


def wizard(content, **answers) -> Wizard:
    return Wizard(content, Session(name="t", answers=answers))


def test_a_new_session_starts_at_the_root(content):
    w = wizard(content)
    assert w.current == "problem" and w.step_number == 1
    assert len(w.steps) == len(content.questions)


def test_answering_moves_on_and_steps_follow_the_branch(content):
    w = wizard(content)
    assert w.choose("knowledge")
    assert w.current == "use_case"
    assert "output_format" not in w.steps  # skipped for a knowledge problem
    assert w.breadcrumb()[0].answer == "knowledge"


def test_changing_an_earlier_answer_reflows_and_loses_nothing(content):
    w = wizard(content)
    w.choose("behavior")
    w.choose("other")
    w.choose("thousands")  # labeled_data comes third on the behaviour branch
    w.go_to("output_format")
    w.choose("strict")
    w.go_to("problem")
    w.choose("knowledge")
    assert "output_format" not in w.steps
    assert w.session.answers["output_format"] == "strict"  # kept, not counted
    assert "output_format" in w.result.not_counted
    w.go_to("problem")
    w.choose("behavior")
    assert w.result.counted["output_format"] == "strict"


def test_back_and_forward(content):
    w = wizard(content)
    assert not w.back()
    w.choose("both")
    assert w.back() and w.current == "problem"
    assert w.forward() and w.current == "use_case"
    assert not w.forward()  # use_case is unanswered


def test_answering_the_last_step_goes_to_the_review(content):
    w = wizard(content)
    w.go_to(w.steps[-1])
    assert not w.choose(100_000)
    assert w.place == REVIEW and w.session.position == REVIEW
    assert w.back() and w.place == w.current == w.steps[-1]


def test_preview_does_not_change_the_session(content):
    w = wizard(content)
    before = w.result.scores
    preview = w.preview("behavior")
    assert preview.scores != before
    assert w.result.scores == before and dict(w.session.answers) == {}


def test_resumes_where_the_user_was(content):
    session = Session(name="t", answers={"problem": "both"}, position="change_rate")
    assert Wizard(content, session).current == "change_rate"
    lost = Session(name="t", answers={"problem": "both"}, position="nowhere")
    assert Wizard(content, lost).current == "use_case"  # the next unanswered step
    review = Session(name="t", answers={"problem": "both"}, position=REVIEW)
    assert Wizard(content, review).place == REVIEW


def test_notes(content):
    w = wizard(content)
    w.set_note("ask the data team")
    assert w.note == "ask the data team"
    w.set_note("")
    assert w.note == ""


def test_the_outlook_names_what_could_still_change_the_outcome(content):
    from tui.core.words.explain import outlook

    w = wizard(content)
    line = outlook(content, w.result, w.current)
    assert line.startswith("This answer could change the outcome, to ")
    titles = [content.questions[o.question].title for o in w.result.next if o.question != w.current]
    assert titles[0] in line and f"and {len(titles) - 3} more" in line


def test_the_outlook_says_when_an_answer_only_adds_detail(content):
    from tui.core.words.explain import outlook

    w = wizard(content, problem="knowledge", use_case="question_answering")
    asked = w.current
    assert asked not in {o.question for o in w.result.next} and w.result.next
    line = outlook(content, w.result, asked)
    assert line.startswith("This answer only adds detail. Could still change the outcome: ")


def test_the_outlook_says_when_nothing_left_can_change_the_outcome(content):
    from tui.core.words.explain import outlook

    # The corpus is given: with citations unanswered a small one could still
    # send it to prompting (rule 11).
    w = wizard(content, problem="knowledge", use_case="question_answering", corpus="large")
    assert w.result.settled and w.result.unanswered
    assert outlook(content, w.result, w.current) == (
        "Nothing left unanswered can change this; the rest only adds detail."
    )
