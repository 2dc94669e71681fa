"""The recommendation, why, what would change it, and what to do next: the
result's sections (tui/core/words/result_sections.py) drawn in order, with the
wizard's own widgets for the scores, the comparison and the cost chart."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.base import BACK, CASES, COSTS, EXPORT, MAP, REVIEW, SOURCES, WizardScreen
from tui.app.widgets.cost_chart import CostChart
from tui.app.widgets.factors import FactorTable
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.scores import ScoreBars
from tui.app.widgets.vertical_list import VerticalList
from tui.core.words.report import entry_text, section_body
from tui.core.words.result_sections import BULLET, ORDER, Section, result_sections

# Sections the wizard draws with a widget of its own instead of their table.
DRAWN_BY_WIDGET = {"scores", "comparison", "pivots"}
# The body of each section, by the id tests and styles know it by.
BODY_ID = {
    "recommendation": "headline",
    "next": "open-questions",
    "next_steps": "next-steps",
}


def body_id(section_id: str) -> str:
    return BODY_ID.get(section_id, section_id)


def joined(parts: list[RenderableType]) -> RenderableType:
    """Runs of plain lines as one Text (so they read as one block), the rest grouped."""
    merged: list[RenderableType] = []
    for part in parts:
        if isinstance(part, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text.assemble(merged[-1], "\n", part)
        else:
            merged.append(part)
    if len(merged) == 1:
        return merged[0]
    return Group(*merged)


class ResultScreen(WizardScreen):
    CSS_PATH = "result.tcss"
    HELP = (
        "The recommendation for the answers so far: why, what single answer would change "
        "it (highlight one and press Enter to go to that question), the comparison for "
        "your case, costs and latency, and next steps."
    )
    BINDINGS = [BACK, REVIEW, MAP, COSTS, CASES, EXPORT, SOURCES]
    _targets: tuple[str, ...] = ()  # the question each pivot shown leads to
    _cited: tuple[str, ...] = ()  # every source the result cites

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        with VerticalScroll(id="result"):
            for section_id in ORDER:
                if section_id != "recommendation":  # the headline needs no title
                    yield Static(classes="section", id=f"{section_id}-title")
                yield from self._body(section_id)
        yield KeyBar()

    def _body(self, section_id: str) -> list[Widget]:
        if section_id == "scores":
            return [ScoreBars(self.content, self.glyphs, id="result-scores")]
        if section_id == "comparison":
            return [FactorTable(self.content, self.glyphs, detailed=True, id="result-factors")]
        if section_id == "pivots":
            return [Static(id="pivot-hint"), VerticalList(id="pivots")]
        widgets: list[Widget] = [Static(id=body_id(section_id), classes="body")]
        if section_id == "costs":
            widgets.insert(0, CostChart(self.content, self.ragft.ascii_only, id="result-chart"))
        if section_id in ("costs", "precedents", "sources"):
            widgets.append(Static(classes="hint", id=f"{section_id}-hint"))
        return widgets

    def on_mount(self) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        wizard = self.wizard
        result, costs = wizard.result, wizard.costs
        sections = {
            s.id: s
            for s in result_sections(self.content, wizard.session, result, costs, date.today())
        }
        for section_id in ORDER:
            section = sections.get(section_id)
            shown = section is not None
            for widget in self.query(f"#{section_id}-title, #{body_id(section_id)}"):
                widget.display = shown
            if section is None:
                continue
            if section_id != "recommendation":
                self.query_one(f"#{section_id}-title", Static).update(section.title)
            if section_id not in DRAWN_BY_WIDGET:
                body = joined(section_body(section, self.glyphs.marks))
                self.query_one(f"#{body_id(section_id)}", Static).update(body)
        self.query_one("#result-scores", ScoreBars).result = result
        self.query_one("#result-factors", FactorTable).result = result
        self._show_pivots(sections["pivots"])
        self._cited = tuple(e.mark for e in sections["sources"].entries if e.mark)
        self.query_one(CostChart).show(costs)
        self.query_one("#result-chart").display = "costs" in sections
        self._hint("costs", f"{self.key_for('costs')}: every cost and assumption, and change them")
        self._hint("precedents", f"{self.key_for('cases')}: every published case.")
        self._hint("sources", f"{self.key_for('sources')}: the sources on a screen of their own.")
        self.query_one("#result", VerticalScroll).focus()

    def cited_here(self) -> tuple[str, ...]:
        return self._cited

    def _hint(self, section_id: str, line: str) -> None:
        hint = self.query_one(f"#{section_id}-hint", Static)
        hint.update(Text(line, "dim"))
        hint.display = self.query_one(f"#{section_id}").display

    def _show_pivots(self, section: Section) -> None:
        pivots = self.query_one("#pivots", OptionList)
        hint = self.query_one("#pivot-hint", Static)
        changes = [e for e in section.entries if e.kind == BULLET]
        if not changes:
            hint.update(joined(section_body(section, self.glyphs.marks)))
            pivots.display = False
            return
        hint.update(Text("Highlight a change and press Enter to go to that question.", "dim"))
        pivots.display = True
        self._targets = tuple(entry.target for entry in changes)
        # By position: one question can have two answers that change the outcome.
        pivots.set_options(
            Option(entry_text(entry, self.glyphs.marks), id=str(index))
            for index, entry in enumerate(changes)
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.ragft.show_question(self._targets[event.option_index])
