"""Every answer on one screen, each one Enter away from editing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.base import BACK, EXPORT, MAP, RESULT, WizardScreen
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.vertical_list import VerticalList
from tui.core.content.labels import short_answer
from tui.core.store.session import show_value
from tui.core.text import visible

TITLE_WIDTH = 16


class ReviewScreen(WizardScreen):
    CSS_PATH = "review.tcss"
    HELP = (
        "Every question that applies to your answers, in asking order. Highlight one and "
        "press Enter to change it. Answers to questions that no longer apply are kept "
        "below, in case you change your mind."
    )
    BINDINGS = [BACK, RESULT, MAP, EXPORT]

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield Static(id="review-summary")
        yield VerticalList(id="answers")
        yield Static(id="kept")
        yield KeyBar()

    def on_mount(self) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        wizard = self.wizard
        result = wizard.result
        name = self.content.approaches[result.recommendation].name
        self.query_one("#review-summary", Static).update(
            Text.assemble(
                (f"{len(wizard.steps)} questions apply · {wizard.answered_count} answered", ""),
                " · the answers so far recommend ",
                (name, "bold"),
                f" ({result.confidence} confidence)",
            )
        )
        rows = []
        for number, question_id in enumerate(wizard.steps, start=1):
            question = self.content.questions[question_id]
            answer = wizard.session.answers.get(question_id)
            note = wizard.session.notes.get(question_id)
            line = Text.assemble(
                (f"{number:>2}. ", "dim"),
                (f"{question.title:<{TITLE_WIDTH}}", "bold"),
                ("not answered", "dim italic")
                if answer is None
                else (short_answer(self.content, question_id, answer), "green"),
            )
            if note:
                line.append(f"  “{visible(note)}”", "italic yellow")
            rows.append(Option(line, id=question_id))
        answers = self.query_one("#answers", OptionList)
        answers.set_options(rows)
        if wizard.current in wizard.steps:
            answers.highlighted = wizard.steps.index(wizard.current)
        answers.focus()
        kept = [
            f"{self.content.questions[q].title}: {short_answer(self.content, q, a)}"
            for q, a in wizard.session.answers.items()
            if q in result.not_counted
        ]
        notes = Text()
        if kept:
            notes.append("Kept but not counted (skipped by earlier answers): " + "; ".join(kept))
        unknown = wizard.session.unknown_answers
        if unknown:
            if kept:
                notes.append("\n")
            notes.append(
                "Kept from an older version of the guidance, not counted: "
                + "; ".join(f"{visible(q)} = {visible(show_value(v))}" for q, v in unknown.items())
            )
        notes.stylize("dim")
        self.query_one("#kept", Static).update(notes)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.ragft.show_question(event.option.id)
