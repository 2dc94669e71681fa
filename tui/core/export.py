"""A session as Markdown: a summary for design docs, or a decision record (MADR 4).

Everything a user typed (the session's name, notes) is escaped so it can never
make a heading, a list, a table cell, a link, HTML or a code fence. The output
depends only on the session, the content and the date given, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui import __version__
from tui.core import contract
from tui.core.content import Claim, Content
from tui.core.cost_report import (
    assumption_rows,
    break_even_sentences,
    cost_header,
    cost_rows,
    mermaid_chart,
    quoted_figures,
    sensitivity_sentences,
    volume_sentences,
)
from tui.core.costs import estimate
from tui.core.engine import Result, factor_leanings
from tui.core.explain import (
    confidence_note,
    limit_sentences,
    next_lines,
    path_sentences,
    reason_pull,
    rule_sentences,
    settled_sentence,
)
from tui.core.files import WriteError, describe, write_atomic, write_in_place
from tui.core.labels import answer_label, pivot_change, short_answer
from tui.core.precedents import NEARNESS, precedent_line, sources_shown, weigh
from tui.core.session import Session
from tui.core.storage import slug
from tui.core.test_plan import check_lines, checks_for
from tui.core.text import cite, hosted_folder, shown_path, visible

DRIVERS = 6
# What can make structure inline in Markdown: emphasis, code, links and images,
# HTML and entities, table cells, strikethrough, headings, math. User text never
# starts a line here, so line-start markers (- + 1. > =) cannot take effect;
# CommonMark lets a backslash escape any of these.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#|!~&$^])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


# What GitHub and other renderers turn into a link without any markup: a URL
# with a scheme, a bare www. address, an e-mail address. Backslash escapes do
# not stop every renderer's autolinker, but no renderer links inside code.
_LINKISH = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|(?:mailto|xmpp):)[^\s|`]*"
    r"|[^\s|@`]+@[^\s|@`]+\.[^\s|@`]+",
    re.IGNORECASE,
)


def md_escape(text: str) -> str:
    """User text made inert in Markdown, on one line: punctuation escaped, and
    anything a renderer would link shown as code."""
    one_line = visible(_LINE_BREAKS.sub(" ", text).replace("\t", " ")).strip()
    pieces: list[str] = []
    start = 0
    for link in _LINKISH.finditer(one_line):
        pieces.append(_PUNCTUATION.sub(r"\\\1", one_line[start : link.start()]))
        pieces.append(f"`{link.group()}`")
        start = link.end()
    pieces.append(_PUNCTUATION.sub(r"\\\1", one_line[start:]))
    return "".join(pieces)


def _cell(text: str) -> str:
    """Content text made safe in a table cell (user text is escaped wholly before)."""
    return _LINE_BREAKS.sub(" ", text).replace("|", "\\|")


def default_file_name(session: Session) -> str:
    return f"{slug(session.name)}.md"


@dataclass(frozen=True, slots=True)
class _Doc:
    """Builds a Markdown document line by line."""

    lines: list[str]

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, text: str) -> None:
        self.add("", "#" * level + " " + text, "")

    def numbered(self, items: Iterable[str]) -> None:
        self.lines.extend(f"{number}. {item}" for number, item in enumerate(items, start=1))
        self.lines.append("")

    def bullets(self, items: Iterable[str]) -> None:
        self.add(*(f"- {item}" for item in items))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add(
            "| " + " | ".join(map(_cell, header)) + " |",
            "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(map(_cell, row)) + " |" for row in rows),
        )

    def text(self) -> str:
        # One blank line between blocks, none at either end, a final newline.
        collapsed: list[str] = []
        for line in self.lines:
            if line == "" and (not collapsed or collapsed[-1] == ""):
                continue
            collapsed.append(line)
        while collapsed and collapsed[-1] == "":
            collapsed.pop()
        return "\n".join(collapsed) + "\n"


def _claim(claim: Claim) -> str:
    return f"{claim.text} {cite(claim.sources)}"


def _name(content: Content, approach: str) -> str:
    return content.approaches[approach].name


def _answer(content: Content, question_id: str, session: Session) -> str:
    value = session.answers.get(question_id)
    return "—" if value is None else answer_label(content, question_id, value)


class _Sections:
    """The pieces both formats are made of, for one session."""

    def __init__(self, content: Content, session: Session, today: date) -> None:
        self.content = content
        self.session = session
        self.today = today  # the export's date: prices are judged old against it
        self.result: Result = weigh(content, session.answers)

    @property
    def chosen(self) -> str:
        return _name(self.content, self.result.recommendation)

    def answers_table(self, doc: _Doc) -> None:
        rows = []
        for question_id in self.result.flow.applicable:
            question = self.content.questions[question_id]
            note = md_escape(self.session.notes.get(question_id, ""))
            rows.append([question.title, _answer(self.content, question_id, self.session), note])
        doc.table(["Question", "Answer", "Note"], rows)
        kept = [q for q in self.result.not_counted if q in self.session.answers]
        if kept:
            listed = ", ".join(
                f"{self.content.questions[q].title}: "
                f"{short_answer(self.content, q, self.session.answers[q])}"
                for q in kept
            )
            doc.add("", f"Kept but not counted (skipped by earlier answers): {listed}.")
        if self.session.unknown_answers:
            listed = ", ".join(
                f"{md_escape(q)} = {md_escape(str(v))}"
                for q, v in self.session.unknown_answers.items()
            )
            doc.add("", f"Kept from an older version of the guidance, not counted: {listed}.")

    def reason_lines(self, reasons: Iterable) -> list[str]:
        lines = []
        for reason in reasons:
            question = self.content.questions[reason.question]
            answer = short_answer(self.content, reason.question, reason.answer)
            lines.append(
                f"**{question.title}: {answer}** favours "
                f"{reason_pull(self.content, self.result, reason)}. "
                f"{reason.why} {cite(reason.sources)}"
            )
        return lines

    def rules(self) -> list[str]:
        settled = settled_sentence(self.result)
        sentences = [settled] if settled is not None else []
        sentences += limit_sentences(self.content, self.result)
        sentences += rule_sentences(self.content, self.result)
        return [f"{s.text} {cite(s.sources)}" for s in sentences]

    def pivots(self) -> list[str]:
        lines = []
        for pivot in self.result.pivotal:
            title, before, after = pivot_change(self.content, pivot)
            lines.append(
                f"{title}: {before} → {after} would recommend "
                f"{_name(self.content, pivot.would_recommend)}"
            )
        lines = lines or ["No single change of answer would change the recommendation."]
        return lines + [f"Still open: {line}" for line in next_lines(self.content, self.result)]

    def comparison(self, doc: _Doc) -> None:
        rows = []
        for leaning in factor_leanings(self.content, self.result):
            cells = [
                f"{leaning.factor.cells[a].text} ({leaning.factor.cells[a].rating})"
                for a in contract.APPROACHES
            ]
            favours = _name(self.content, leaning.favours) if leaning.favours else "—"
            rows.append([leaning.factor.name, *cells, favours, cite(leaning.factor.sources)])
        header = [
            "Factor",
            *(_name(self.content, a) for a in contract.APPROACHES),
            "Your answers favour",
            "Sources",
        ]
        doc.table(header, rows)

    def path(self) -> list[str]:
        """The path from now on, one line a stage."""
        return [
            f"{sentence.text} {cite(sentence.sources)}" if sentence.sources else sentence.text
            for sentence in path_sentences(self.content, self.result)
        ]

    def validation(self, doc: _Doc, level: int) -> None:
        """How to check the recommendation before committing to it."""
        doc.heading(level, "Validation")
        doc.add("Check the choice before committing to it, cheapest step first:", "")
        doc.numbered(
            f"{text} {cite(sources)}"
            for text, sources in check_lines(checks_for(self.content, self.result))
        )

    def precedents(self, doc: _Doc, level: int) -> None:
        """The published cases nearest to these answers, and whether they agree."""
        doc.heading(level, "Precedents")
        doc.add(f"What published teams in the nearest situations chose. {NEARNESS}", "")
        doc.bullets(
            f"{precedent_line(self.content, p)} {cite([p.case.source])}"
            for p in self.result.precedents
        )
        if self.result.dissent:
            doc.add("", self.result.dissent)

    def cost_model(self, doc: _Doc) -> None:
        """The cost model's table, break-even, chart and assumptions."""
        costs = estimate(self.content, self.result, self.session.assumptions, self.session.months)
        doc.add(
            f"What each approach still open costs over {costs.months} months, from the cost "
            "model (content/costs.toml) and your answers:",
            "",
        )
        doc.table(cost_header(costs), cost_rows(self.content, costs, self.result.recommendation))
        doc.add("")
        doc.bullets(break_even_sentences(self.content, costs, self.today))
        volumes = volume_sentences(self.content, costs)
        if volumes:
            doc.add("", "At other volumes:", "")
            doc.bullets(volumes)
        hinges = sensitivity_sentences(self.content, costs)
        if hinges:
            doc.add("", "What the cheapest hangs on:", "")
            doc.bullets(hinges)
        order = ", ".join(_name(self.content, a) for a in costs.approaches)
        doc.add("", *mermaid_chart(self.content, costs), "", f"Lines, in order: {order}.", "")
        doc.add("The assumptions (set your own in the session's [assumptions] table):", "")
        doc.table(
            ["Assumption", "Value", "From", "Checked, sources"],
            assumption_rows(self.content, costs),
        )
        doc.add("")

    def costs(self, doc: _Doc) -> None:
        self.cost_model(doc)
        doc.bullets(
            " ".join(part for part in quoted if part)
            for quoted in quoted_figures(self.content, self.result.recommendation)
        )

    def guidance(self, doc: _Doc, level: int) -> None:
        use_case = self.result.counted.get("use_case")
        guidance = self.content.use_cases.get(use_case) if isinstance(use_case, str) else None
        if guidance is None:
            return
        doc.heading(level, f"Guidance for {guidance.name.lower()}")
        doc.add(_claim(guidance.summary), "")
        doc.add("RAG when:", "")
        doc.bullets(_claim(c) for c in guidance.when_rag)
        doc.add("", "Fine-tuning when:", "")
        doc.bullets(_claim(c) for c in guidance.when_fine_tuning)
        doc.add("", f"Hybrid: {_claim(guidance.hybrid)}", "", "Examples:", "")
        doc.bullets(
            f"{_name(self.content, e.approach)}: {e.text} {cite(e.sources)}"
            for e in guidance.examples
        )

    def next_steps(self, doc: _Doc, level: int) -> None:
        approach = self.content.approaches[self.result.recommendation]
        doc.heading(level, f"Next steps for {approach.name}")
        doc.bullets(_claim(c) for c in approach.next_steps)
        doc.heading(level + 1, "Pitfalls")
        doc.bullets(_claim(c) for c in approach.pitfalls)
        mistakes = [m for m in self.content.mistakes if self.result.recommendation in m.approaches]
        if mistakes:
            doc.heading(level + 1, "Common mistakes")
            doc.bullets(
                f"**{m.name}.** Symptoms: {m.symptoms} Fix: {m.fix} {cite(m.sources)}"
                for m in mistakes
            )

    def disagreements(self, doc: _Doc, level: int) -> None:
        relevant = [
            d
            for d in self.content.disagreements
            if any(q in self.result.counted for q in d.questions)
        ]
        if not relevant:
            return
        doc.heading(level, "Where the sources disagree")
        for disagreement in relevant:
            doc.add(f"**{disagreement.topic}**", "")
            doc.bullets(
                f"For {_name(self.content, side.favours)}: {side.position} {cite(side.sources)}"
                for side in disagreement.sides
            )
            doc.add("", disagreement.resolution, "")

    def sources(self, doc: _Doc) -> None:
        """The guidance's sources, and those of the precedents this document shows."""
        doc.table(
            ["Id", "Title", "Publisher", "What it contributes"],
            [
                [
                    s.id,
                    f"[{s.title}]({s.url})" if s.url else s.title,
                    s.publisher + (f", {s.date}" if s.date else ""),
                    s.contributes,
                ]
                for s in sources_shown(self.content, self.result)
            ],
        )
        doc.add(
            "",
            f"Guidance version {self.content.version}; ragft {__version__}.",
        )


def summary_markdown(content: Content, session: Session, today: date) -> str:
    sections = _Sections(content, session, today)
    result = sections.result
    doc = _Doc([])
    title = md_escape(session.name) or "Untitled decision"
    doc.add(f"# {title}: how to adapt the LLM", "")
    doc.add(f"Exported on {today.isoformat()} with ragft.")
    doc.heading(2, "Recommendation")
    doc.add(
        f"**{sections.chosen}**, {result.confidence} confidence "
        f"({len(result.counted)} of {len(result.flow.applicable)} questions answered). "
        f"{content.approaches[result.recommendation].tagline}",
        "",
    )
    if confidence_note(result):
        doc.add(confidence_note(result), "")
    doc.bullets(sections.rules())
    doc.heading(2, "The path")
    doc.bullets(sections.path())
    doc.heading(2, "Answers")
    sections.answers_table(doc)
    doc.heading(2, "Why")
    if result.reasons_for():
        doc.add(f"For {sections.chosen}:", "")
        doc.bullets(sections.reason_lines(result.reasons_for()))
    if result.reasons_against():
        doc.add("", "Pulling the other way:", "")
        doc.bullets(sections.reason_lines(result.reasons_against()))
    if not result.reasons:
        doc.add("Nothing answered yet: the sources' advice is to start with RAG.")
    doc.heading(2, "What would change it")
    doc.bullets(sections.pivots())
    doc.heading(2, "The comparison for this case")
    sections.comparison(doc)
    doc.heading(2, "Cost and latency")
    sections.costs(doc)
    sections.validation(doc, 2)
    sections.precedents(doc, 2)
    sections.guidance(doc, 2)
    sections.next_steps(doc, 2)
    sections.disagreements(doc, 2)
    doc.heading(2, "Sources")
    sections.sources(doc)
    return doc.text()


def adr_markdown(content: Content, session: Session, today: date) -> str:
    """An architecture decision record in the MADR 4 layout."""
    sections = _Sections(content, session, today)
    result = sections.result
    chosen = content.approaches[result.recommendation]
    doc = _Doc([])
    doc.add("---", "status: proposed", f"date: {today.isoformat()}", "---", "")
    name = md_escape(session.name) or "the product"
    doc.add(f"# Use {chosen.name} to adapt the LLM for {name}", "")
    doc.heading(2, "Context and Problem Statement")
    problem = session.answers.get("problem")
    use_case = result.counted.get("use_case")
    context = [
        f"The model is missing: {_answer(content, 'problem', session).lower()}."
        if problem
        else "What the model is missing is not yet known."
    ]
    if isinstance(use_case, str):
        context.append(f"The task: {_answer(content, 'use_case', session).lower()}.")
    context.append(
        f"This record was made with ragft from {len(result.counted)} answered questions "
        f"of {len(result.flow.applicable)}."
    )
    doc.add(" ".join(context))
    notes = [
        f"{content.questions[q].title}: {md_escape(text)}"
        for q, text in session.notes.items()
        if q in content.questions and md_escape(text)
    ]
    if notes:
        doc.add("", "Notes from the session:", "")
        doc.bullets(notes)
    doc.heading(2, "Decision Drivers")
    drivers = result.reasons[:DRIVERS]
    doc.bullets(
        sections.reason_lines(drivers) if drivers else ["No answers yet; the default applies."]
    )
    doc.heading(2, "Considered Options")
    doc.bullets(
        f"{content.approaches[a].name}: {content.approaches[a].tagline}"
        for a in contract.APPROACHES
    )
    doc.heading(2, "Decision Outcome")
    because = (
        result.decided_by.rule.why
        if result.decided_by
        else (result.reasons_for()[0].why if result.reasons_for() else chosen.summary.text)
    )
    doc.add(
        f'Chosen option: "{chosen.name}", because {because[0].lower()}{because[1:]} '
        f"(confidence: {result.confidence}).",
    )
    if confidence_note(result):
        doc.add("", confidence_note(result))
    doc.heading(3, "Consequences")
    doc.bullets(
        [
            f"Good, because {c.text[0].lower()}{c.text[1:]} {cite(c.sources)}"
            for c in chosen.strengths
        ]
        + [f"Bad, because {c.text[0].lower()}{c.text[1:]} {cite(c.sources)}" for c in chosen.limits]
        + [f"The path: {line}" for line in sections.path()]
    )
    doc.heading(3, "Confirmation")
    doc.bullets(_claim(c) for c in chosen.next_steps)
    sections.validation(doc, 3)
    sections.precedents(doc, 3)
    doc.heading(3, "Costs")
    sections.cost_model(doc)
    doc.heading(2, "Pros and Cons of the Options")
    verdict = {"good": "Good", "fair": "Neutral", "poor": "Bad"}
    for approach in contract.APPROACHES:
        doc.heading(3, content.approaches[approach].name)
        doc.add(content.approaches[approach].tagline, "")
        doc.bullets(
            f"{verdict[f.cells[approach].rating]}, because of {f.name.lower()}: "
            f"{f.cells[approach].text} {cite(f.sources)}"
            for f in content.factors
        )
    doc.heading(2, "More Information")
    doc.add("What would change this decision:", "")
    doc.bullets(sections.pivots())
    doc.add("")
    doc.bullets(sections.rules())
    sections.disagreements(doc, 3)
    doc.heading(3, "Sources")
    sections.sources(doc)
    return doc.text()


RENDERERS = {"summary": summary_markdown, "adr": adr_markdown}


def render(content: Content, session: Session, fmt: str, today: date) -> str:
    return RENDERERS[fmt](content, session, today)


class ExportExists(WriteError):
    """The file is there and overwriting was not asked for."""


def write_export(path: Path, text: str, *, overwrite: bool) -> None:
    """Write an export; WriteError (one line) if it cannot be, with nothing left
    behind, ExportExists if a file is there and `overwrite` is false.

    A symlink is followed. A regular file is replaced atomically, keeping its
    permissions; a new one gets what the umask gives. Anything else (a terminal,
    a pipe, /dev/stdout, a device) is written to, never replaced."""
    data = text.encode()
    where = shown_path(path)
    confine = hosted_folder()
    if confine and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(confine)):
        # A shared server's person writes only in their own folder.
        raise WriteError(f"cannot write {where}: exports go in your own folder here")
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteError(describe(f"cannot write {where}", error)) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteError(f"cannot write {where}: it is a folder")
    if status is not None and not stat.S_ISREG(status.st_mode):
        write_in_place(path, data)
        return
    if status is not None and not overwrite:
        raise ExportExists(f"{where} exists; pass --force to overwrite it")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if not target.parent.is_dir():
        raise WriteError(
            f"cannot write {where}: the folder {shown_path(target.parent)} does not exist"
        )
    if status is not None:
        mode: int | None = stat.S_IMODE(status.st_mode)
    else:  # on a shared server a new export is its person's alone, as sessions are
        mode = 0o600 if confine else None
    write_atomic(target, data, mode)
