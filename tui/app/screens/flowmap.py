"""The decision flowchart drawn with box characters; Enter on a node jumps to it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.base import BACK, RESULT, REVIEW, WizardScreen
from tui.app.glyphs import Glyphs
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.vertical_list import VerticalList
from tui.core.content.labels import short_answer

MAX_NODE_WIDTH = 110  # room for a question in full on a wide terminal
BOXES = {
    # top-left, top, top-right, side, bottom-left, bottom, bottom-right, joint, stem
    "unicode": ("┌", "─", "┐", "│", "└", "─", "┘", "┬", "│"),
    "ascii": ("+", "-", "+", "|", "+", "-", "+", "+", "|"),
}


def draw_box(lines: list[Text], width: int, style: str, glyphs: Glyphs, stem: bool) -> Text:
    """A box around `lines`, with a stem below it when another node follows."""
    tl, top, tr, side, bl, bottom, br, joint, down = BOXES[
        "ascii" if glyphs.box == "ASCII" else "unicode"
    ]
    inner = width - 4
    middle = (width - 2) // 2
    out = Text(tl + top * (width - 2) + tr + "\n", style)
    for line in lines:
        line = line.copy()
        line.truncate(inner, overflow="ellipsis", pad=True)
        out.append(f"{side} ", style)
        out.append_text(line)
        out.append(f" {side}\n", style)
    out.append(bl + bottom * middle, style)
    out.append(joint if stem else bottom, style)
    out.append(bottom * (width - 3 - middle) + br, style)
    if stem:
        out.append("\n" + " " * (middle + 1) + down, style)
    return out


class MapScreen(WizardScreen):
    CSS_PATH = "flowmap.tcss"
    HELP = (
        "The decision flowchart for your answers: the root question, the branch it chose, "
        "and every step of that branch. Answered steps are the path (green); skipped steps "
        "are dimmed with the reason. Highlight a node and press Enter to go to it."
    )
    BINDINGS = [BACK, RESULT, REVIEW]

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        yield Static(id="branches")
        yield VerticalList(id="nodes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.redraw()

    def on_resize(self, event: events.Resize) -> None:
        self.redraw()

    def _branch_row(self) -> Text:
        wizard = self.wizard
        chosen = wizard.session.answers.get(self.content.root)
        labels = []
        for branch in self.content.branches.values():
            current = branch.id == chosen or (chosen is None and branch.id == "unanswered")
            labels.append(Text(f" {branch.label} ", "bold reverse" if current else "dim"))
        row = Text("Branches: ", "bold")
        row.append_text(Text(f" {self.glyphs.pipe} ", "dim").join(labels))
        return row

    def redraw(self) -> None:
        wizard = self.wizard
        result = wizard.result
        width = max(30, min(MAX_NODE_WIDTH, self.app.size.width - 6))
        self.query_one("#branches", Static).update(self._branch_row())
        branch = self.content.branch_for(wizard.session.answers.get(self.content.root))
        applicable = set(result.flow.applicable)
        open_questions = {o.question for o in result.next}
        nodes = []
        for position, question_id in enumerate(branch.order):
            question = self.content.questions[question_id]
            answer = wizard.session.answers.get(question_id)
            last = position == len(branch.order) - 1
            heading = Text.assemble(
                (f"{position + 1}. {question.title}", "bold"), (f" · {question.prompt}", "")
            )
            if question_id not in applicable:
                status = Text(f"skipped: {question.skip_why}", "italic")
                style = "dim"
            elif question_id in result.counted and answer is not None:
                status = Text(
                    f"{self.glyphs.check} {short_answer(self.content, question_id, answer)}",
                    "bold green",
                )
                style = "green"
            else:
                status = Text("not answered yet", "italic")
                if question_id in open_questions:
                    status.append(" · could change the outcome", "bold italic")
                style = ""
            if question_id == wizard.current:
                status.append(f"   {self.glyphs.touched} you are here", "bold")
                style = "bold " + (style or "")
            box = draw_box([heading, status], width, style, self.glyphs, stem=not last)
            nodes.append(Option(box, id=question_id, disabled=question_id not in applicable))
        listed = self.query_one("#nodes", OptionList)
        listed.set_options(nodes)
        if wizard.current in branch.order:
            listed.highlighted = branch.order.index(wizard.current)
        listed.focus()

    def action_back(self) -> None:
        """Back to where the map was opened from: a question, the review, the result."""
        self.app.pop_screen()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.ragft.show_question(event.option.id)
