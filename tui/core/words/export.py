"""A session as Markdown: a summary for design docs, or a decision record (MADR 4).

Everything a user typed (the session's name, notes) is escaped so it can never
make a heading, a list, a table cell, a link, HTML or a code fence. The output
depends only on the session, the content and the date given, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from tui.core import contract
from tui.core.content import Content
from tui.core.content.labels import answer_label
from tui.core.decide.costs import estimate
from tui.core.decide.engine import Result, evaluate
from tui.core.store.session import Session
from tui.core.text import cite, visible
from tui.core.words.result_sections import (
    BAD,
    BULLET,
    CAUTION,
    CHART,
    CHOSEN,
    DOCUMENT,
    GOOD,
    LEAD,
    NUMBERED,
    RULED_OUT,
    SOURCE,
    STRONG,
    TABLE,
    USER,
    Entry,
    Grid,
    Section,
    Span,
    result_sections,
)

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
# Each alternative starts only at the start of its run (as GitHub's autolinker
# wants a scheme or an address to), and a scheme is at most 32 characters, so
# the search is linear however long a run of text without a space is: a 1 MB
# word once took hours, each position restarting a scan to the run's end.
_LINKISH = re.compile(
    r"(?:(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://|www\.|(?:mailto|xmpp):)[^\s|`]*"
    r"|(?<![^\s|@`])[^\s|@`]+@[^\s|@`]+\.[^\s|@`]+",
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


STRESSED = (STRONG, CHOSEN, GOOD, CAUTION, BAD)


def _words(entry: Entry) -> str:
    """An entry's words in Markdown: stressed spans bold, typed text escaped,
    the sources after them."""
    pieces = []
    for span in entry.spans:
        if span.role == USER:
            pieces.append(md_escape(span.text))
        elif span.role in STRESSED and span.text.strip():
            # Markdown's bold must hug its words: the spaces go outside.
            core = span.text.strip()
            lead = span.text[: len(span.text) - len(span.text.lstrip())]
            tail = span.text[len(span.text.rstrip()) :]
            pieces.append(f"{lead}**{core}**{tail}")
        else:
            pieces.append(span.text)
    text = "".join(pieces)
    if entry.sources and entry.kind not in (TABLE, CHART):
        text += f" {cite(entry.sources)}"
    return text


def _mermaid(grid: Grid) -> list[str]:
    """A Mermaid xychart-beta of the cumulative costs, one line per approach."""
    top = max((float(row[-1]) for row in grid.rows), default=0.0)
    lines = [
        "```mermaid",
        "xychart-beta",
        '    title "Cumulative cost (US dollars)"',
        f'    x-axis "Month" 1 --> {len(grid.header) - 1}',
        f'    y-axis "US dollars" 0 --> {max(1, round(top * 1.05))}',
    ]
    lines += [f'    line "{row[0]}" [{", ".join(row[1:])}]' for row in grid.rows]
    return [*lines, "```"]


def draw(doc: _Doc, entries: Iterable[Entry]) -> None:
    """Entries as Markdown blocks, lists numbered or bulleted."""
    number = 0
    for entry in entries:
        number = number + 1 if entry.kind == NUMBERED else 0
        if entry.kind == NUMBERED:
            doc.add(f"{number}. {_words(entry)}")
        elif entry.kind in (BULLET, RULED_OUT):
            doc.add(f"- {_words(entry)}")
        elif entry.kind == SOURCE:
            title, *rest = entry.spans
            linked = f"[{title.text}]({entry.link})" if entry.link else title.text
            rest_text = _words(Entry(tuple(rest)))
            doc.add(f"- [{entry.mark}] {linked}{rest_text}")
        elif entry.kind == TABLE and entry.grid is not None:
            grid = entry.grid
            rows = [
                [md_escape(cell) if index in grid.typed else cell for index, cell in enumerate(row)]
                for row in grid.rows
            ]
            doc.add("")
            doc.table(list(grid.header), rows)
            doc.add("")
        elif entry.kind == CHART and entry.grid is not None:
            doc.add("", *_mermaid(entry.grid), "", _words(entry), "")
        elif entry.kind == LEAD:
            doc.add("", f"**{entry.plain}**", "")
        else:
            doc.add("", _words(entry), "")


def _sections(content: Content, session: Session, today: date) -> tuple[Result, list[Section]]:
    result = evaluate(content, session.answers)
    costs = estimate(content, result, session.assumptions, session.months)
    sections = result_sections(content, session, result, costs, today)
    return result, [replace(s, entries=s.for_audience(DOCUMENT)) for s in sections]


def _section(sections: list[Section], section_id: str) -> Section:
    return next((s for s in sections if s.id == section_id), Section(section_id, ""))


def summary_markdown(content: Content, session: Session, today: date) -> str:
    _, sections = _sections(content, session, today)
    doc = _Doc([])
    title = md_escape(session.name) or "Untitled decision"
    doc.add(f"# {title}: how to adapt the LLM", "")
    doc.add(f"Exported on {today.isoformat()} with ragft.")
    for section in sections:
        doc.heading(2, section.title)
        draw(doc, section.entries)
    return doc.text()


def _lowered(text: str) -> str:
    return text[0].lower() + text[1:]


def adr_markdown(content: Content, session: Session, today: date) -> str:
    """An architecture decision record in the MADR 4 layout: the frame is the
    record's own; everything it says about the result is the result's sections."""
    result, sections = _sections(content, session, today)
    chosen = content.approaches[result.recommendation]
    doc = _Doc([])
    doc.add("---", "status: proposed", f"date: {today.isoformat()}", "---", "")
    name = md_escape(session.name) or "the product"
    doc.add(f"# Use {chosen.name} to adapt the LLM for {name}", "")
    doc.heading(2, "Context and Problem Statement")
    problem = session.answers.get("problem")
    use_case = result.counted.get("use_case")
    context = [
        f"The model is missing: {_lowered(answer_label(content, 'problem', problem))}."
        if problem is not None
        else "What the model is missing is not yet known."
    ]
    if isinstance(use_case, str):
        context.append(f"The task: {_lowered(answer_label(content, 'use_case', use_case))}.")
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
    drivers = [e for e in _section(sections, "why").entries if e.kind == BULLET][:DRIVERS]
    draw(doc, drivers or [Entry((Span("No answers yet; the default applies."),), kind=BULLET)])
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
        f'Chosen option: "{chosen.name}", because {_lowered(because)} '
        f"(confidence: {result.confidence}).",
    )
    # The recommendation's own sentences: rules, limits, confidence, dissent.
    draw(doc, _section(sections, "recommendation").entries[2:])
    doc.heading(3, "Consequences")
    doc.bullets(
        [f"Good, because {_lowered(c.text)} {cite(c.sources)}" for c in chosen.strengths]
        + [f"Bad, because {_lowered(c.text)} {cite(c.sources)}" for c in chosen.limits]
    )
    path = _section(sections, "path")
    doc.heading(4, path.title)
    draw(doc, path.entries)
    doc.heading(3, "Confirmation")
    for section_id in ("next_steps", "checks", "precedents", "costs"):
        section = _section(sections, section_id)
        if section.entries:
            doc.heading(4, section.title)
            draw(doc, section.entries)
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
    for section_id in ("pivots", "next", "guidance", "disagreements", "answers", "sources"):
        section = _section(sections, section_id)
        if section.entries:
            doc.heading(3, section.title)
            draw(doc, section.entries)
    return doc.text()


RENDERERS = {"summary": summary_markdown, "adr": adr_markdown}


def render(content: Content, session: Session, fmt: str, today: date) -> str:
    return RENDERERS[fmt](content, session, today)
