"""One question per step, with the live panels beside (or below) it."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.base import BACK, MAP, RESULT, REVIEW, SOURCES, WizardScreen
from tui.app.screens.prompt import PromptScreen
from tui.app.widgets.breadcrumb import Breadcrumb
from tui.app.widgets.disagreements import disagreements_text
from tui.app.widgets.factors import FactorTable
from tui.app.widgets.guidance import UseCaseGuidance
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.number_input import NumberInput
from tui.app.widgets.scores import ScoreBars
from tui.app.widgets.vertical_list import VerticalList
from tui.core.content import Answer
from tui.core.content import Option as ChoiceOption
from tui.core.decide.engine import Result
from tui.core.store.session import NUMBER_ALLOWED, parse_number
from tui.core.text import visible
from tui.core.words.explain import outlook
from tui.core.words.sources import cited_by_question

MAX_PICK = 9
# Seconds after a number key's advance in which Enter is taken as typed ahead,
# before the new question was on screen (a reader needs longer than this).
ENTER_GUARD = 0.4


class QuestionScreen(WizardScreen):
    # Below 36 rows a narrow screen has no room for the comparison and guidance
    # under the choices: they would show a title and a header row, cut off.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    CSS_PATH = "question.tcss"
    HELP = (
        "One question of the decision flowchart at a time. Move the highlight to see, "
        "in the score panel, what that answer would do before you pick it. Going back "
        "and changing an answer re-flows the later steps; nothing you answered is lost."
    )
    BINDINGS = [
        BACK,
        Binding("right,n", "forward", "Next", id="forward"),
        Binding("1", "pick(1)", "Pick", key_display="1-9", id="pick-1"),
        *(
            Binding(str(n), f"pick({n})", f"Pick choice {n}", show=False, id=f"pick-{n}")
            for n in range(2, MAX_PICK + 1)
        ),
        Binding("e", "note", "Note", id="note"),
        REVIEW,
        RESULT,
        MAP,
        SOURCES,
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield Breadcrumb(self.content, self.glyphs, id="breadcrumb")
        yield Static(id="progress")
        yield Static(id="outlook")
        yield ScoreBars(self.content, self.glyphs, compact=True, id="score-strip")
        with Container(id="body"):
            with Vertical(id="question-pane"):
                yield Static(id="prompt")
                yield Static(id="help")
                yield VerticalList(id="choices", on_highlight=self._preview_choice)
                yield NumberInput(
                    id="number", placeholder="e.g. 100000", on_change=self._preview_number
                )
                yield Static(id="implies")
                yield Static(id="note")
                yield Static(
                    "Comparison and guidance: on the result (r), or a taller or wider terminal.",
                    id="panels-hint",
                )
            # With the rest: mounted later, they cost frames of their own, and
            # on a busy machine a repaint of the body after them.
            yield self._panels()
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._resumed = False
        self._number_shown = False
        self.advanced_at = 0.0  # when a number key last answered and moved on

    def _panels(self) -> VerticalScroll:
        # Filled by redraw() at mount, before the first paint.
        return VerticalScroll(
            Static("Scores", classes="panel-title", id="scores-title"),
            ScoreBars(self.content, self.glyphs, id="scores"),
            Static("Where the sources disagree", classes="panel-title", id="disagree-title"),
            Static(id="disagreements"),
            Static("Comparison", classes="panel-title", id="factors-title"),
            FactorTable(self.content, self.glyphs, id="factors"),
            Static("Guidance", classes="panel-title", id="guidance-title"),
            UseCaseGuidance(self.content, self.glyphs, id="guidance"),
            id="panels",
            # As _show_disagreements will leave it for most questions: made so,
            # a small screen does not lay the panels out twice.
            classes="-only-tables",
        )

    def on_mount(self) -> None:
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A number question has no choices to pick by number: hide those keys.
        if action == "pick" and self.ragft.wizard is not None:
            return not self.wizard.question.is_number
        return True

    def on_screen_resume(self) -> None:
        # Answers may have changed on another screen (the review, the palette);
        # the first resume comes with mounting, which has just drawn everything.
        if self._resumed:
            self.redraw()
        self._resumed = True

    # Rendering ----------------------------------------------------------------

    def redraw(self) -> None:
        """Show the wizard's current step and everything that follows from it."""
        wizard = self.wizard
        question = wizard.question
        self.query_one(Breadcrumb).crumbs = wizard.breadcrumb()
        self.query_one("#progress", Static).update(
            Text.assemble(
                (f"Step {wizard.step_number} of {len(wizard.steps)}", "bold"),
                f"  ·  {wizard.branch_label}  ·  {wizard.answered_count} answered",
            )
        )
        self._show_outlook()
        self.query_one("#prompt", Static).update(question.prompt)
        self.query_one("#help", Static).update(question.help)
        note = wizard.note
        self.query_one("#note", Static).update(Text(f"Note: {visible(note, lines=True)}"))
        self.query_one("#note", Static).display = bool(note)
        # Before the choices: setting the highlight previews it at once.
        self._show_panels(wizard.result, None)
        choices = self.query_one("#choices", OptionList)
        number = self.query_one("#number", NumberInput)
        choices.display = not question.is_number
        number.display = question.is_number
        self.query_one("#implies").set_class(question.is_number, "-bands")
        if question.is_number:
            number.value = "" if wizard.answer is None else str(wizard.answer)
            number.focus()
            self._show_bands()
        else:
            choices.set_options(self._options(question.options, wizard.answer))
            choices.highlighted = wizard.choice_index()
            choices.focus()
        if question.is_number != self._number_shown:
            # The footer rebuilds itself on every refresh; only the number
            # question changes which keys work (no picking by number there).
            self._number_shown = question.is_number
            self.refresh_bindings()
        self._show_disagreements()

    def _show_outlook(self) -> None:
        """Whether this question, or which others, could still change the outcome."""
        result = self.wizard.result
        line = outlook(self.content, result, self.wizard.current)
        widget = self.query_one("#outlook", Static)
        widget.set_class(bool(line) and result.settled, "-settled")
        if line and result.settled:
            line += f" {self.key_for('result')}: the result."
        widget.update(line)
        widget.display = bool(line)

    def _options(self, options: tuple[ChoiceOption, ...], answer: Answer | None) -> list[Option]:
        listed = []
        for number, option in enumerate(options, start=1):
            key = str(number) if number <= MAX_PICK else " "
            chosen = option.id == answer
            prompt = Text.assemble(
                (f"{key} ", "bold"),
                (self.glyphs.check if chosen else " ", "green"),
                " ",
                (option.label, "bold" if chosen else ""),
            )
            listed.append(Option(prompt, id=option.id))
        return listed

    def _show_panels(self, result: Result, preview: Result | None) -> None:
        for scores in self.query(ScoreBars):
            scores.result = result
            scores.preview = preview
        self.query_one(FactorTable).result = result
        use_case = result.counted.get("use_case")
        self.query_one(UseCaseGuidance).use_case = use_case if isinstance(use_case, str) else None

    def _show_disagreements(self) -> None:
        """Both sides of any disagreement that turns on the question being asked."""
        asked = self.wizard.current
        relevant = [d for d in self.content.disagreements if asked in d.questions]
        for widget in (self.query_one("#disagreements"), self.query_one("#disagree-title")):
            widget.display = bool(relevant)
        # On a small terminal the panels hold nothing else (see question.tcss).
        self.query_one("#panels").set_class(not relevant, "-only-tables")
        self.query_one("#disagreements", Static).update(
            disagreements_text(self.content, relevant, self.glyphs)
        )

    def _show_implies(self, option: ChoiceOption | None, preview: Result | None) -> None:
        text = Text()
        if option is not None:
            text.append(option.implies)
            text.append(" [" + ", ".join(option.sources) + "]", "dim")
        if preview is not None and preview.recommendation != self.wizard.result.recommendation:
            name = self.content.approaches[preview.recommendation].name
            text.append(f"\n{self.glyphs.arrow} would recommend {name}", "bold")
        self.query_one("#implies", Static).update(text)

    def _show_bands(self) -> None:
        question = self.wizard.question
        lines = Text(f"Enter a whole number of {question.unit}, then Enter.\n", "dim")
        for band in question.options:
            lines.append(f" {self.glyphs.bullet} {band.label}: ", "bold")
            lines.append(f"{band.implies}\n")
        self.query_one("#implies", Static).update(lines)

    # Events -------------------------------------------------------------------

    def _preview_choice(self, choice: str) -> None:
        """A choice was highlighted: show what picking it would do."""
        question = self.wizard.question
        if question.is_number or choice not in question.choice_ids:
            return
        preview = self.wizard.preview(choice)
        for scores in self.query(ScoreBars):
            scores.preview = preview
        self._show_implies(question.option_for(choice), preview)

    def _too_soon(self) -> bool:
        """An Enter this close behind a number key's advance was typed before the
        new question could be read: it must not answer it."""
        if time.monotonic() - self.advanced_at >= ENTER_GUARD:
            return False
        self.notify("This question has just appeared: press Enter again to pick.")
        self.advanced_at = 0.0
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and not self._too_soon():
            self._choose(event.option.id)

    def _preview_number(self, typed: str) -> None:
        try:
            preview = self.wizard.preview(parse_number(typed))
        except ValueError:
            preview = None
        for scores in self.query(ScoreBars):
            scores.preview = preview

    def on_input_submitted(self, event: NumberInput.Submitted) -> None:
        event.stop()
        if self._too_soon():
            return
        try:
            value = parse_number(event.value)
        except ValueError as error:
            self.notify(f"That is {error}: enter {NUMBER_ALLOWED}.", severity="warning")
            return
        self._choose(value)

    def _choose(self, value: Answer) -> None:
        was_settled = self.wizard.result.settled
        if self.wizard.choose(value):
            self.redraw()
            result = self.wizard.result
            if result.settled and not was_settled and result.unanswered:
                self.notify(
                    "Nothing left can change this; the rest only adds detail. "
                    f"Press {self.key_for('result')} to go straight to the result.",
                    title="Settled",
                )
        else:
            self.ragft.show_review()

    # Actions ------------------------------------------------------------------

    def action_pick(self, number: int) -> None:
        question = self.wizard.question
        if question.is_number:
            return
        if 1 <= number <= len(question.options):
            self._choose(question.options[number - 1].id)
            self.advanced_at = time.monotonic()
        else:
            self.notify(f"There is no choice {number} here.", severity="warning")

    def action_back(self) -> None:
        if self.wizard.back():
            self.redraw()
        else:
            self.notify("This is the first question.")

    def action_forward(self) -> None:
        if self.wizard.forward():
            self.redraw()
        elif self.wizard.answer is None:
            self.notify("Answer this question to move on.")
        else:
            self.ragft.show_review()

    def cited_here(self) -> tuple[str, ...]:
        return cited_by_question(self.content, self.wizard.current)

    def action_note(self) -> None:
        def keep(text: str | None) -> None:
            if text is not None:
                self.wizard.set_note(text)
                self.redraw()

        self.app.push_screen(
            PromptScreen(
                f"Note on “{self.wizard.question.title}”",
                self.wizard.note,
                "Why this answer? Who to ask?",
                "Enter to keep · empty to remove · Escape to cancel",
            ),
            keep,
        )
