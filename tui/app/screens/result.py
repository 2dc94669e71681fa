"""The recommendation, why, what would change it, and what to do next."""

from __future__ import annotations

import re

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.base import BACK, CASES, COSTS, EXPORT, MAP, REVIEW, SOURCES, WizardScreen
from tui.app.widgets.cost_chart import CostChart
from tui.app.widgets.disagreements import disagreements_text
from tui.app.widgets.factors import FactorTable
from tui.app.widgets.keybar import KeyBar
from tui.app.widgets.scores import ScoreBars
from tui.app.widgets.vertical_list import VerticalList
from tui.core.content import Claim
from tui.core.cost_report import break_even_sentences, quoted_figures, volume_sentences
from tui.core.costs import Costs
from tui.core.engine import Reason, Result
from tui.core.explain import (
    confidence_note,
    limit_sentences,
    next_lines,
    path_sentences,
    reason_pull,
    rule_sentences,
    settled_line,
    settled_sentence,
)
from tui.core.labels import pivot_change, short_answer
from tui.core.precedents import NEARNESS, match_line, sources_shown
from tui.core.test_plan import check_lines, checks_for

STAGE_HEAD = re.compile(r"(Now|Then): [^,.]+[,.]")
CONFIDENCE_STYLE = {"high": "bold green", "medium": "bold yellow", "low": "bold red"}


def cite(sources: tuple[str, ...]) -> str:
    return " [" + ", ".join(sources) + "]"


class ResultScreen(WizardScreen):
    CSS_PATH = "result.tcss"
    HELP = (
        "The recommendation for the answers so far: why, what single answer would change "
        "it (highlight one and press Enter to go to that question), the comparison for "
        "your case, costs and latency, and next steps."
    )
    BINDINGS = [BACK, REVIEW, MAP, COSTS, CASES, EXPORT, SOURCES]

    def compose(self) -> ComposeResult:
        yield Header(icon=self.glyphs.icon)
        with VerticalScroll(id="result"):
            yield Static(id="headline")
            yield Static("The path", classes="section")
            yield Static(id="path")
            yield Static("Scores", classes="section")
            yield ScoreBars(self.content, self.glyphs, id="result-scores")
            yield Static("Why", classes="section")
            yield Static(id="why")
            yield Static("What would change it", classes="section")
            yield Static(id="pivot-hint")
            yield VerticalList(id="pivots")
            yield Static("Find out next", classes="section", id="open-title")
            yield Static(id="open-questions")
            yield Static("The comparison for your case", classes="section")
            yield FactorTable(self.content, self.glyphs, detailed=True, id="result-factors")
            yield Static("Cost and latency", classes="section")
            yield CostChart(self.content, self.ragft.ascii_only, id="result-chart")
            yield Static(id="result-break-even")
            yield Static(id="costs")
            yield Static("How to check it", classes="section")
            yield Static(id="checks")
            yield Static("What published teams chose", classes="section", id="precedents-title")
            yield Static(id="precedents")
            yield Static("Next steps", classes="section")
            yield Static(id="next-steps")
            yield Static("Where the sources disagree", classes="section", id="disagree-title")
            yield Static(id="disagreements")
            yield Static("Sources", classes="section")
            yield Static(id="sources")
        yield KeyBar()

    def on_mount(self) -> None:
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        result = self.wizard.result
        self.query_one("#headline", Static).update(self._headline(result))
        self.query_one("#path", Static).update(self._path())
        self.query_one("#result-scores", ScoreBars).result = result
        self.query_one("#why", Static).update(self._why(result))
        self._show_pivots(result)
        still_open = next_lines(self.content, result)
        self.query_one("#open-questions", Static).update(
            "\n".join(f" {self.glyphs.bullet} {line}" for line in still_open)
            or settled_line(result)
        )
        for widget in (self.query_one("#open-title"), self.query_one("#open-questions")):
            widget.display = bool(still_open or settled_line(result))
        self.query_one("#result-factors", FactorTable).result = result
        costs = self.wizard.costs
        self.query_one(CostChart).show(costs)
        sentences = break_even_sentences(self.content, costs)
        hint = f"{self.key_for('costs')}: every cost and assumption, and change them"
        self.query_one("#result-break-even", Static).update(
            Text.assemble(
                ("\n".join(sentences), "bold"), ("\n" if sentences else "", ""), (hint, "dim")
            )
        )
        self.query_one("#costs", Static).update(self._costs(result, costs))
        self.query_one("#checks", Static).update(self._checks(result))
        self.query_one("#precedents", Static).update(self._precedents(result))
        self.query_one("#next-steps", Static).update(self._next_steps(result))
        disagreements = self._disagreements(result)
        self.query_one("#disagreements", Static).update(disagreements)
        self.query_one("#disagreements").display = bool(disagreements.plain)
        self.query_one("#disagree-title").display = bool(disagreements.plain)
        self.query_one("#sources", Static).update(self._sources(result))
        self.query_one("#result", VerticalScroll).focus()

    def _path(self) -> Text:
        text = Text()
        for sentence in path_sentences(self.content, self.wizard.result):
            # "Now: RAG." and "Then: Hybrid," stand out; the rest reads on.
            stage = STAGE_HEAD.match(sentence.text)
            head = stage.group(0) if stage else ""
            text.append(f" {self.glyphs.bullet} ")
            text.append(head, "bold")
            text.append(sentence.text[len(head) :])
            text.append(f"{cite(sentence.sources)}\n" if sentence.sources else "\n", "dim")
        text.rstrip()
        return text

    def _checks(self, result: Result) -> Text:
        text = Text()
        for number, (line, sources) in enumerate(
            check_lines(checks_for(self.content, result)), start=1
        ):
            text.append(f" {number}. ", "bold")
            text.append(line)
            text.append(f"{cite(sources)}\n", "dim")
        text.rstrip()
        return text

    def cited_here(self) -> tuple[str, ...]:
        result = self.wizard.result
        cited = [s for reason in result.reasons for s in reason.sources]
        cited += [s for hit in result.limits for s in hit.rule.sources]
        if result.decided_by is not None:
            cited += result.decided_by.rule.sources
        cited += [p.case.source for p in result.precedents]
        cited += [s for stage in result.stages for s in stage.sources]
        return tuple(dict.fromkeys(cited))

    def _precedents(self, result: Result) -> Table:
        # A grid, so each case's lines hang under its bullet when they wrap.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, justify="right")
        grid.add_column(ratio=1)
        for precedent in result.precedents:
            case = precedent.case
            agrees = case.chose == result.recommendation
            body = Text.assemble(
                (f"{case.organisation}, {case.year}: ", "bold"),
                case.title,
                "  chose ",
                (self.content.approaches[case.chose].name, "bold" if agrees else "bold yellow"),
                f"\n{case.outcome}\n",
                (f"{match_line(self.content, precedent)}{cite((case.source,))}", "dim"),
            )
            grid.add_row(self.glyphs.bullet, body)
        if result.dissent:
            grid.add_row("", Text(result.dissent, "bold yellow"))
        grid.add_row("", Text(f"{NEARNESS} {self.key_for('cases')}: every published case.", "dim"))
        return grid

    def _headline(self, result: Result) -> Text:
        approach = self.content.approaches[result.recommendation]
        text = Text.assemble(
            ("Recommendation: ", "bold"),
            (approach.name, "bold reverse"),
            "   confidence ",
            (result.confidence, CONFIDENCE_STYLE[result.confidence]),
            f"   ({len(result.counted)} of {len(result.flow.applicable)} questions answered)\n",
            (approach.tagline, "italic"),
        )
        settled = settled_sentence(result)
        if settled is not None:
            head, _, rest = settled.text.partition(": ")
            text.append(f"\n{head}: ", "bold")
            text.append(rest)
            text.append(cite(settled.sources), "dim")
        for limit in limit_sentences(self.content, result):
            head, _, rest = limit.text.partition(": ")
            text.append(f"\n{self.glyphs.cross} {head}: ", "bold red")
            text.append(rest)
            text.append(cite(limit.sources), "dim")
        for sentence in rule_sentences(self.content, result):
            text.append(f"\n{sentence.text}")
            text.append(cite(sentence.sources), "dim")
        if confidence_note(result):
            text.append(f"\n{confidence_note(result)}", "italic")
        if result.dissent:
            text.append(f"\n{result.dissent}", "bold yellow")
        return text

    def _reason_lines(self, text: Text, result: Result, reasons: tuple[Reason, ...]) -> None:
        for reason in reasons:
            question = self.content.questions[reason.question]
            answer = short_answer(self.content, reason.question, reason.answer)
            text.append(f" {self.glyphs.bullet} {question.title}: {answer}", "bold")
            text.append(f" {self.glyphs.arrow} {reason_pull(self.content, result, reason)}. ")
            text.append(reason.why)
            text.append(f"{cite(reason.sources)}\n", "dim")

    def _why(self, result: Result) -> Text:
        text = Text()
        name = self.content.approaches[result.recommendation].name
        if result.reasons_for():
            text.append(f"For {name}\n", "bold green")
            self._reason_lines(text, result, result.reasons_for())
        if result.reasons_against():
            text.append("Pulling the other way\n", "bold yellow")
            self._reason_lines(text, result, result.reasons_against())
        if not result.reasons:
            text.append("Nothing answered yet: the advice is to start with RAG.", "dim")
        text.rstrip()
        return text

    def _show_pivots(self, result: Result) -> None:
        pivots = self.query_one("#pivots", OptionList)
        hint = self.query_one("#pivot-hint", Static)
        if not result.pivotal:
            hint.update("No single change of answer would change the recommendation.")
            pivots.display = False
            return
        hint.update(Text("Highlight a change and press Enter to go to that question.", "dim"))
        options = []
        for index, pivot in enumerate(result.pivotal):
            title, before, after = pivot_change(self.content, pivot)
            outcome = self.content.approaches[pivot.would_recommend].name
            options.append(
                Option(
                    Text.assemble(
                        (f"{title}: ", "bold"),
                        f"{before} {self.glyphs.arrow} ",
                        (after, "bold"),
                        f"  gives {outcome}",
                    ),
                    id=f"{index}",
                )
            )
        pivots.display = True
        pivots.set_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pivot = self.wizard.result.pivotal[int(event.option.id or 0)]
        self.ragft.show_question(pivot.question)

    def _costs(self, result: Result, costs: Costs) -> Text:
        """What the volume would change, then the published figures beside the model."""
        text = Text()
        for line in volume_sentences(self.content, costs):
            text.append(f" {self.glyphs.bullet} {line}\n")
        for quoted in quoted_figures(self.content, result.recommendation):
            text.append(quoted.head + " ", "bold")
            text.append(quoted.text + " " if quoted.text else "")
            text.append(quoted.aside + "\n", "dim")
        text.rstrip()
        return text

    def _claims(self, text: Text, heading: str, claims: tuple[Claim, ...]) -> None:
        if not claims:
            return
        text.append(f"{heading}\n", "bold")
        for claim in claims:
            text.append(f" {self.glyphs.bullet} {claim.text}")
            text.append(f"{cite(claim.sources)}\n", "dim")

    def _next_steps(self, result: Result) -> Text:
        approach = self.content.approaches[result.recommendation]
        text = Text()
        self._claims(text, f"Next steps for {approach.name}", approach.next_steps)
        self._claims(text, "Pitfalls", approach.pitfalls)
        mistakes = [m for m in self.content.mistakes if result.recommendation in m.approaches]
        if mistakes:
            text.append("Common mistakes to watch for\n", "bold")
            for mistake in mistakes:
                text.append(f" {self.glyphs.bullet} {mistake.name}. ", "bold")
                text.append(f"Symptoms: {mistake.symptoms} Fix: {mistake.fix}")
                text.append(f"{cite(mistake.sources)}\n", "dim")
        text.rstrip()
        return text

    def _disagreements(self, result: Result) -> Text:
        """The disagreements that bear on the answers."""
        return disagreements_text(self.content, list(result.bearing), self.glyphs)

    def _sources(self, result: Result) -> Text:
        text = Text()
        text.append(f"{self.key_for('sources')}: the sources on a screen of their own.\n", "dim")
        for source in sources_shown(self.content, result):
            text.append(f"[{source.id}] ", "bold")
            text.append(f"{source.title}", "italic")
            text.append(f" — {source.publisher}")
            if source.date:
                text.append(f", {source.date}")
            text.append(f". {source.contributes}", "dim")
            text.append(f" {source.url}\n" if source.url else "\n", "dim underline")
        text.rstrip()
        return text
