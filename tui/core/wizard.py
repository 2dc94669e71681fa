"""The state of one walk through the flowchart: plain Python, no Textual.

The app renders a Wizard and sends the user's intent back through its
methods; every decision (which steps exist, what an answer changes, what a
highlighted choice would do) is made here or in the engine, never in a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.core.content import Answer, Content, Question
from tui.core.decide.costs import Costs, estimate
from tui.core.decide.engine import Result, evaluate
from tui.core.store.session import PLACES, REVIEW, Session


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of the path so far: the question and its answer, if any."""

    question: Question
    answer: Answer | None


class Wizard:
    """One session being answered: the current step and everything derived from it."""

    def __init__(
        self,
        content: Content,
        session: Session,
        on_change: Callable[[Session], None] | None = None,
    ) -> None:
        self.content = content
        self.session = session
        self._result: Result | None = None
        # Told of every change (answers, notes, where the user is): the app saves.
        self.on_change = on_change
        place = session.position
        if place in PLACES:
            self.current = self._resume_question()
            self.place = place
        else:
            self.current = place if place in self.steps else self._resume_question()
            self.place = self.current

    def _resume_question(self) -> str:
        return self.result.next_question or self.steps[-1]

    # What the screens read ---------------------------------------------

    @property
    def result(self) -> Result:
        """The engine's result for the answers so far (computed once per change)."""
        if self._result is None:
            self._result = evaluate(self.content, self.session.answers)
        return self._result

    @property
    def steps(self) -> tuple[str, ...]:
        """The questions that apply now, in asking order."""
        return self.result.flow.applicable

    @property
    def question(self) -> Question:
        return self.content.questions[self.current]

    @property
    def step_number(self) -> int:
        return self.steps.index(self.current) + 1

    @property
    def answer(self) -> Answer | None:
        return self.session.answers.get(self.current)

    @property
    def note(self) -> str:
        return self.session.notes.get(self.current, "")

    @property
    def branch_label(self) -> str:
        """Where the path is, for the progress line: "Behaviour branch", or
        before the first answer, that the answer picks it."""
        root = self.session.answers.get(self.content.root)
        if self.content.branch_for(root) is self.content.branch_for(None):
            return "the first answer picks the branch"
        return f"{self.content.branch_for(root).label} branch"

    @property
    def answered_count(self) -> int:
        return len(self.result.counted)

    @property
    def complete(self) -> bool:
        return not self.result.unanswered

    def breadcrumb(self) -> tuple[Crumb, ...]:
        """The path from the root to the current step."""
        steps = self.steps
        path = steps[: steps.index(self.current) + 1]
        return tuple(Crumb(self.content.questions[q], self.session.answers.get(q)) for q in path)

    def preview(self, value: Answer) -> Result:
        """What the result would be if the current question were answered `value`."""
        answers = {**self.session.answers, self.current: value}
        return evaluate(self.content, answers, with_pivotal=False)

    def choice_index(self) -> int:
        """Where the highlight should start: the current answer, else the first choice."""
        answer = self.answer
        question = self.question
        if answer is None or question.is_number:
            return 0
        return question.choice_ids.index(answer) if answer in question.choice_ids else 0

    # What the user does --------------------------------------------------

    def _changed(self, session: Session) -> None:
        """The answers changed: the result must be computed again."""
        self.session = session
        self._result = None
        if self.on_change is not None:
            self.on_change(session)

    def _moved(self, place: str) -> None:
        """Only the place changed: the result stands."""
        self.place = place
        self.session = self.session.at(place)
        if self.on_change is not None:
            self.on_change(self.session)

    def adopt(self, session: Session) -> bool:
        """Take the session as saved (a new revision, perhaps merged with another
        process's answers) without reporting it as a change; True if the
        answers or notes differ from ours."""
        differs = session.answers != self.session.answers or session.notes != self.session.notes
        self.session = session
        if differs:
            self._result = None
            if self.current not in self.steps:
                self.current = self._resume_question()
        return differs

    def choose(self, value: Answer) -> bool:
        """Answer the current question and move on; False when it was the last step."""
        self._changed(self.session.with_answer(self.current, value))
        # Later steps re-flow from the new answer; answers to steps that no longer
        # apply stay in the session, uncounted, in case the user changes back.
        steps = self.steps
        following = steps[steps.index(self.current) + 1 :]
        if following:
            self.go_to(following[0])
            return True
        self._moved(REVIEW)
        return False

    def back(self) -> bool:
        """Step back; False at the first step."""
        steps = self.steps
        index = steps.index(self.current)
        if self.place in PLACES:
            self.go_to(self.current)
            return True
        if index == 0:
            return False
        self.go_to(steps[index - 1])
        return True

    def forward(self) -> bool:
        """Step forward over an answered step; False if unanswered or the last."""
        steps = self.steps
        index = steps.index(self.current)
        if self.answer is None or index == len(steps) - 1:
            return False
        self.go_to(steps[index + 1])
        return True

    def skip(self) -> bool:
        """Leave the current question as it is and move on; False at the last step."""
        steps = self.steps
        index = steps.index(self.current)
        if index == len(steps) - 1:
            self._moved(REVIEW)
            return False
        self.go_to(steps[index + 1])
        return True

    def go_to(self, question_id: str) -> None:
        """Jump to a question that applies (from the review, the map or the palette)."""
        if question_id not in self.steps:
            raise ValueError(f"'{question_id}' does not apply to these answers")
        self.current = question_id
        self._moved(question_id)

    def show(self, place: str) -> None:
        """Move to the review or the result (remembered for resuming)."""
        if place not in PLACES:
            raise ValueError(f"unknown place '{place}'")
        self._moved(place)

    def set_note(self, text: str) -> None:
        self._changed(self.session.with_note(self.current, text))

    def set_assumption(self, ident: str, value: float | None) -> None:
        """The user's own figure for the cost model (None: back to the default)."""
        self._changed(self.session.with_assumption(ident, value))

    def set_months(self, months: int) -> None:
        """How far ahead the cost model looks (12 to 60 months)."""
        self._changed(self.session.with_months(months))

    @property
    def costs(self) -> Costs:
        """The cost model for these answers and the user's own figures."""
        return estimate(self.content, self.result, self.session.assumptions, self.session.months)
