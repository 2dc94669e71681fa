"""The result as people read it, built once: an ordered list of sections, each
a title and entries of styled words with their sources, in plain Python.

`ragft decide` and plain mode (rich, in `report.py`), the Markdown exports
(`export.py`) and the wizard's result screen only draw these sections; no
sentence about a result is written anywhere else. The section ids are the
same in all three, in the same order (tests/app/test_result_sections.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tui import __version__
from tui.core import contract
from tui.core.content import Claim, Content, Disagreement
from tui.core.content.labels import answer_label, short_answer
from tui.core.decide.costs import Costs
from tui.core.decide.engine import Reason, Result, factor_leanings
from tui.core.decide.precedents import NEARNESS, match_line
from tui.core.decide.test_plan import check_lines, checks_for
from tui.core.store.session import Session
from tui.core.text import cite
from tui.core.words.cost_report import (
    assumption_rows,
    break_even_sentences,
    cost_header,
    cost_rows,
    quoted_figures,
    sensitivity_sentences,
    volume_sentences,
)
from tui.core.words.explain import (
    confidence_note,
    limit_sentences,
    next_lines,
    path_sentences,
    pivot_change,
    reason_pull,
    rule_sentences,
    settled_line,
    settled_sentence,
)

# What a span of words is, for the renderers to style: the one place the
# result's emphasis is decided. "user" marks text a person typed, which the
# Markdown escapes and every view shows as plain text.
STRONG, MUTED, EMPHASIS, GOOD, CAUTION, BAD, CHOSEN, USER, ARROW = (
    "strong",
    "muted",
    "emphasis",
    "good",
    "caution",
    "bad",
    "chosen",
    "user",
    "arrow",
)
# Rich styles of the roles (and of each confidence level), for `decide`,
# plain mode and the result screen alike.
ROLE_STYLE = {
    STRONG: "bold",
    MUTED: "dim",
    EMPHASIS: "italic",
    GOOD: "bold green",
    CAUTION: "bold yellow",
    BAD: "bold red",
    CHOSEN: "bold cyan",
    "high": "bold green",
    "medium": "bold yellow",
    "low": "bold red",
}

# Entry kinds. A line is a paragraph; a lead introduces the entries under it.
LINE, LEAD, BULLET, NUMBERED, RULED_OUT, TABLE, SOURCE, CHART = (
    "line",
    "lead",
    "bullet",
    "numbered",
    "ruled_out",
    "table",
    "source",
    "chart",
)
# Who an entry is for: every view, or documents (Markdown) or terminals only.
EVERYWHERE, DOCUMENT, TERMINAL = "everywhere", "document", "terminal"

STAGE_HEAD = re.compile(r"(Now|Then): [^,.]+[,.]")


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Grid:
    """A table: the header, the rows, and for a scores table the fraction
    each row's bar shows (renderers that can draw bars do)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bars: tuple[float, ...] = ()
    typed: tuple[int, ...] = ()  # columns of text a person typed


@dataclass(frozen=True, slots=True)
class Entry:
    spans: tuple[Span, ...] = ()
    sources: tuple[str, ...] = ()
    kind: str = LINE
    grid: Grid | None = None
    link: str = ""  # a source's address
    mark: str = ""  # a source's id
    target: str = ""  # the question a pivot leads to
    audience: str = EVERYWHERE

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def for_audience(self, audience: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.audience in (EVERYWHERE, audience))

    @property
    def cited(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for entry in self.entries for s in entry.sources))


# Every section a result can have, in the order all views show them.
ORDER = (
    "recommendation",
    "path",
    "scores",
    "why",
    "pivots",
    "next",
    "comparison",
    "costs",
    "checks",
    "precedents",
    "guidance",
    "next_steps",
    "disagreements",
    "answers",
    "sources",
)


def _words(*parts: str | tuple[str, str]) -> tuple[Span, ...]:
    return tuple(Span(p) if isinstance(p, str) else Span(*p) for p in parts if p)


def _led(text: str, lead_role: str = STRONG) -> tuple[Span, ...]:
    """ "Lead: the rest" with the lead stressed."""
    lead, colon, rest = text.partition(": ")
    if not colon:
        return _words(text)
    return _words((f"{lead}: ", lead_role), rest)


def _claim(claim: Claim, kind: str = BULLET) -> Entry:
    return Entry(_words(claim.text), claim.sources, kind)


class _Builder:
    def __init__(
        self, content: Content, session: Session, result: Result, costs: Costs, today: date
    ) -> None:
        self.content = content
        self.session = session
        self.result = result
        self.costs = costs
        self.today = today

    def name(self, approach: str) -> str:
        return self.content.approaches[approach].name

    @property
    def chosen(self) -> str:
        return self.name(self.result.recommendation)

    def recommendation(self) -> list[Entry]:
        result = self.result
        approach = self.content.approaches[result.recommendation]
        entries = [
            Entry(
                _words(
                    ("Recommendation: ", STRONG),
                    (approach.name, CHOSEN),
                    ", ",
                    (result.confidence, result.confidence),
                    " confidence",
                    f" ({len(result.counted)} of {len(result.flow.applicable)} questions answered)",
                )
            ),
            Entry(_words((approach.tagline, EMPHASIS))),
        ]
        settled = settled_sentence(result)
        if settled is not None:
            entries.append(Entry(_led(settled.text), settled.sources))
        entries += [
            Entry(_led(s.text, BAD), s.sources, RULED_OUT)
            for s in limit_sentences(self.content, result)
        ]
        entries += [Entry(_words(s.text), s.sources) for s in rule_sentences(self.content, result)]
        note = confidence_note(result)
        if note:
            entries.append(Entry(_words((note, MUTED))))
        if result.dissent:
            entries.append(Entry(_words((result.dissent, CAUTION))))
        return entries

    def path(self) -> list[Entry]:
        entries = []
        for sentence in path_sentences(self.content, self.result):
            # "Now: RAG." and "Then: Hybrid," stand out; the rest reads on.
            stage = STAGE_HEAD.match(sentence.text)
            head = stage.group(0) if stage else ""
            spans = _words((head, STRONG), sentence.text[len(head) :])
            entries.append(Entry(spans, sentence.sources, BULLET))
        return entries

    def scores(self) -> list[Entry]:
        result = self.result
        ranked = sorted(result.evidence, key=lambda a: -result.evidence[a])
        rows, bars = [], []
        for approach in ranked:
            if approach in result.excluded:
                note, shown = "ruled out", ""
            else:
                note = "recommended" if approach == result.recommendation else ""
                if note and result.settled_by:
                    note += " (settled by a rule)"
                shown = f"{result.evidence[approach]:.2f}"
            rows.append((self.name(approach), shown, note))
            bars.append(0.0 if approach in result.excluded else result.evidence[approach])
        grid = Grid(("Approach", "Evidence", ""), tuple(rows), tuple(bars))
        return [Entry(kind=TABLE, grid=grid)]

    def reason(self, reason: Reason) -> Entry:
        question = self.content.questions[reason.question]
        answer = short_answer(self.content, reason.question, reason.answer)
        pull = reason_pull(self.content, self.result, reason)
        spans = _words(
            (f"{question.title}: {answer}", STRONG), " ", ("→", ARROW), f" {pull}. ", reason.why
        )
        return Entry(spans, reason.sources, BULLET)

    def why(self) -> list[Entry]:
        result = self.result
        entries = []
        if result.reasons_for():
            entries.append(Entry(_words((f"For {self.chosen}", GOOD)), kind=LEAD))
            entries += [self.reason(r) for r in result.reasons_for()]
        if result.reasons_against():
            entries.append(Entry(_words(("Pulling the other way", CAUTION)), kind=LEAD))
            entries += [self.reason(r) for r in result.reasons_against()]
        if not result.reasons:
            entries.append(
                Entry(
                    _words(
                        (
                            f"Nothing answered yet: with no answers the sources' advice is "
                            f"to start with {self.chosen}.",
                            MUTED,
                        )
                    )
                )
            )
        return entries

    def pivots(self) -> list[Entry]:
        entries = []
        for pivot in self.result.pivotal:
            title, before, after = pivot_change(self.content, pivot)
            spans = _words(
                (f"{title}: ", STRONG),
                f"{before} ",
                ("→", ARROW),
                " ",
                (after, STRONG),
                f" gives {self.name(pivot.would_recommend)}",
            )
            entries.append(Entry(spans, kind=BULLET, target=pivot.question))
        return entries or [
            Entry(_words("No single change of answer would change the recommendation."))
        ]

    def next(self) -> list[Entry]:
        lines = next_lines(self.content, self.result)
        if lines:
            return [Entry(_words(line), kind=BULLET) for line in lines]
        settled = settled_line(self.result)
        return [Entry(_words(settled))] if settled else []

    def comparison(self) -> list[Entry]:
        """Every factor for every approach: in a document each cell's words, in
        a terminal (too narrow for them) the ratings alone."""
        rows, ratings = [], []
        for leaning in factor_leanings(self.content, self.result):
            cells = [leaning.factor.cells[a] for a in contract.APPROACHES]
            favours = self.name(leaning.favours) if leaning.favours else "—"
            sources = cite(leaning.factor.sources)
            rows.append(
                (leaning.factor.name, *(f"{c.text} ({c.rating})" for c in cells), favours, sources)
            )
            ratings.append((leaning.factor.name, *(c.rating for c in cells), favours, sources))
        names = tuple(self.name(a) for a in contract.APPROACHES)
        header = ("Factor", *names, "Your answers favour", "Sources")
        cited = tuple(dict.fromkeys(s for f in self.content.factors for s in f.sources))
        return [
            Entry(kind=TABLE, grid=Grid(header, tuple(rows)), sources=cited, audience=DOCUMENT),
            Entry(kind=TABLE, grid=Grid(header, tuple(ratings)), sources=cited, audience=TERMINAL),
        ]

    def cost_entries(self) -> list[Entry]:
        costs = self.costs
        if not costs.approaches:
            return []
        entries = [
            Entry(
                _words(
                    f"What each approach still open costs over {costs.months} months, from "
                    "the cost model (content/costs.toml) and your answers:"
                )
            ),
            Entry(
                kind=TABLE,
                grid=Grid(
                    tuple(cost_header(costs)),
                    tuple(
                        tuple(row)
                        for row in cost_rows(self.content, costs, self.result.recommendation)
                    ),
                ),
            ),
            self.chart(),
        ]
        entries += [
            Entry(_words(line), kind=BULLET)
            for line in break_even_sentences(self.content, costs, self.today)
        ]
        for lead, lines in (
            ("At other volumes:", volume_sentences(self.content, costs)),
            ("What the cheapest hangs on:", sensitivity_sentences(self.content, costs)),
        ):
            if lines:
                entries.append(Entry(_words(lead), kind=LEAD))
                entries += [Entry(_words(line), kind=BULLET) for line in lines]
        entries.append(Entry(_words("Published figures beside the model:"), kind=LEAD))
        entries += [
            Entry(_words((q.head, STRONG), f" {q.text}" if q.text else "", (f" {q.aside}", MUTED)))
            for q in quoted_figures(self.content, self.result.recommendation)
        ]
        entries.append(
            Entry(
                _words("The assumptions (set your own in the session's [assumptions] table):"),
                kind=LEAD,
                audience=DOCUMENT,
            )
        )
        rows = tuple(tuple(row) for row in assumption_rows(self.content, costs))
        entries.append(
            Entry(
                kind=TABLE,
                grid=Grid(("Assumption", "Value", "From", "Checked, sources"), rows),
                audience=DOCUMENT,
            )
        )
        entries.append(
            Entry(
                _words(
                    (
                        f"The model rests on {len(rows)} assumptions: the wizard's costs "
                        "screen lists and changes them, and the Markdown export lists them.",
                        MUTED,
                    )
                ),
                audience=TERMINAL,
            )
        )
        return entries

    def chart(self) -> Entry:
        """The cumulative costs month by month, for a chart: the screen draws
        its own, the Markdown a Mermaid one. The words say which line is which."""
        costs = self.costs
        header = ("Approach", *(str(month) for month in range(1, costs.months + 1)))
        rows = tuple(
            (self.name(a), *(str(round(total)) for total in c.cumulative))
            for a, c in costs.approaches.items()
        )
        order = ", ".join(self.name(a) for a in costs.approaches)
        return Entry(_words(f"Lines, in order: {order}."), kind=CHART, grid=Grid(header, rows))

    def checks(self) -> list[Entry]:
        plan = check_lines(checks_for(self.content, self.result))
        return [
            Entry(_words("Check the choice before committing to it, cheapest step first:")),
            *(Entry(_words(text), sources, NUMBERED) for text, sources in plan),
        ]

    def precedents(self) -> list[Entry]:
        result = self.result
        if not result.precedents:
            return []
        entries = [Entry(_words((NEARNESS, MUTED)))]
        for precedent in result.precedents:
            case = precedent.case
            agrees = case.chose == result.recommendation
            spans = _words(
                (f"{case.organisation}, {case.year}: ", STRONG),
                f"{case.title}. Chose ",
                (self.name(case.chose), STRONG if agrees else CAUTION),
                f". {case.outcome} ",
                (f"({match_line(self.content, precedent)})", MUTED),
            )
            entries.append(Entry(spans, (case.source,), BULLET))
        if result.dissent:
            entries.append(Entry(_words((result.dissent, CAUTION))))
        return entries

    def guidance(self) -> tuple[str, list[Entry]]:
        use_case = self.result.counted.get("use_case")
        guidance = self.content.use_cases.get(use_case) if isinstance(use_case, str) else None
        if guidance is None:
            return "", []
        entries = [
            _claim(guidance.summary, LINE),
            Entry(_words("RAG when:"), kind=LEAD),
            *(_claim(c) for c in guidance.when_rag),
            Entry(_words("Fine-tuning when:"), kind=LEAD),
            *(_claim(c) for c in guidance.when_fine_tuning),
            Entry(_words(("Hybrid: ", STRONG), guidance.hybrid.text), guidance.hybrid.sources),
            Entry(_words("Examples:"), kind=LEAD),
            *(
                Entry(_words((f"{self.name(e.approach)}: ", STRONG), e.text), e.sources, BULLET)
                for e in guidance.examples
            ),
        ]
        return f"Guidance for {guidance.name.lower()}", entries

    def next_steps(self) -> list[Entry]:
        approach = self.content.approaches[self.result.recommendation]
        entries = [_claim(c) for c in approach.next_steps]
        if approach.pitfalls:
            entries.append(Entry(_words("Pitfalls"), kind=LEAD))
            entries += [_claim(c) for c in approach.pitfalls]
        mistakes = [m for m in self.content.mistakes if self.result.recommendation in m.approaches]
        if mistakes:
            entries.append(Entry(_words("Common mistakes to watch for"), kind=LEAD))
            entries += [
                Entry(
                    _words((f"{m.name}. ", STRONG), f"Symptoms: {m.symptoms} Fix: {m.fix}"),
                    m.sources,
                    BULLET,
                )
                for m in mistakes
            ]
        return entries

    def disagreements(self) -> list[Entry]:
        return disagreement_entries(self.content, self.result.bearing)

    def answers(self) -> list[Entry]:
        content, session, result = self.content, self.session, self.result
        rows = []
        for question_id in result.flow.applicable:
            value = session.answers.get(question_id)
            shown = "—" if value is None else answer_label(content, question_id, value)
            note = session.notes.get(question_id, "")
            rows.append((content.questions[question_id].title, shown, note))
        entries = [
            Entry(kind=TABLE, grid=Grid(("Question", "Answer", "Note"), tuple(rows), typed=(2,)))
        ]
        kept = [q for q in result.not_counted if q in session.answers]
        if kept:
            listed = ", ".join(
                f"{content.questions[q].title}: {short_answer(content, q, session.answers[q])}"
                for q in kept
            )
            entries.append(
                Entry(_words(f"Kept but not counted (skipped by earlier answers): {listed}."))
            )
        if session.unknown_answers:
            entries.append(
                Entry(
                    _words(
                        "Kept from an older version of the guidance, not counted: ",
                        (
                            ", ".join(f"{q} = {v}" for q, v in session.unknown_answers.items()),
                            USER,
                        ),
                        ".",
                    )
                )
            )
        return entries

    def sources(self, cited: Iterable[str]) -> list[Entry]:
        entries = []
        for source_id in sorted(set(cited)):
            source = self.content.sources.get(source_id)
            if source is None:
                continue
            spans = _words(
                (source.title, EMPHASIS),
                f" — {source.publisher}" + (f", {source.date}" if source.date else ""),
                (f". {source.contributes}", MUTED),
            )
            entries.append(Entry(spans, kind=SOURCE, link=source.url, mark=source_id))
        entries.append(
            Entry(_words((f"Guidance version {self.content.version}; ragft {__version__}.", MUTED)))
        )
        return entries


def disagreement_entries(content: Content, disagreements: Iterable[Disagreement]) -> list[Entry]:
    """Both sides of each dispute, then how the model settles it: the result's
    section, and the question screen's panel for the question being asked."""
    entries = []
    for disagreement in disagreements:
        entries.append(Entry(_words(disagreement.topic), kind=LEAD))
        entries += [
            Entry(
                _words((f"For {content.approaches[side.favours].name}: ", STRONG), side.position),
                side.sources,
                BULLET,
            )
            for side in disagreement.sides
        ]
        entries.append(Entry(_words((disagreement.resolution, EMPHASIS))))
    return entries


def result_sections(
    content: Content, session: Session, result: Result, costs: Costs, today: date
) -> tuple[Section, ...]:
    """The result's sections in the order every view shows them; a section
    with nothing to say is left out. `today` is the date prices are judged
    old against."""
    build = _Builder(content, session, result, costs, today)
    guidance_title, guidance = build.guidance()
    made = [
        Section("recommendation", "Recommendation", tuple(build.recommendation())),
        Section("path", "The path", tuple(build.path())),
        Section("scores", "Scores", tuple(build.scores())),
        Section("why", "Why", tuple(build.why())),
        Section("pivots", "What would change it", tuple(build.pivots())),
        Section("next", "Find out next", tuple(build.next())),
        Section("comparison", "The comparison for your case", tuple(build.comparison())),
        Section("costs", "Cost and latency", tuple(build.cost_entries())),
        Section("checks", "How to check it", tuple(build.checks())),
        Section("precedents", "What published teams chose", tuple(build.precedents())),
        Section("guidance", guidance_title, tuple(guidance)),
        Section("next_steps", f"Next steps for {build.chosen}", tuple(build.next_steps())),
        Section("disagreements", "Where the sources disagree", tuple(build.disagreements())),
        Section("answers", "Your answers", tuple(build.answers())),
    ]
    made = [section for section in made if section.entries]
    cited = [s for section in made for s in section.cited]
    made.append(Section("sources", "Sources", tuple(build.sources(cited))))
    return tuple(made)
