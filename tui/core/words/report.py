"""The result's sections drawn with rich, for `ragft decide`, plain mode and
the wizard's result screen; and the `list` and `cases` tables."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tui.core.content import Case, Content
from tui.core.decide.costs import Costs
from tui.core.decide.engine import Result
from tui.core.store.clock import now
from tui.core.store.listing import Summary, relative_time
from tui.core.store.session import Session
from tui.core.text import cite, hosted_folder, shown_path, visible
from tui.core.words.result_sections import (
    ARROW,
    BULLET,
    CHART,
    LEAD,
    MUTED,
    NUMBERED,
    ROLE_STYLE,
    RULED_OUT,
    SOURCE,
    TABLE,
    TERMINAL,
    USER,
    Entry,
    Section,
    result_sections,
)

BAR_WIDTH = 24


class Marks(NamedTuple):
    """The characters a list is drawn with; ASCII where the font lacks them."""

    bullet: str = "•"
    cross: str = "✗"
    arrow: str = "→"
    bar_full: str = "█"
    bar_empty: str = "░"


UNICODE_MARKS = Marks()
ASCII_MARKS = Marks("*", "x", "->", "#", ".")


def bar(fraction: float, marks: Marks, width: int = BAR_WIDTH) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return marks.bar_full * filled + marks.bar_empty * (width - filled)


def entry_text(entry: Entry, marks: Marks = UNICODE_MARKS) -> Text:
    """An entry's words styled by their roles, its sources after them."""
    text = Text()
    for span in entry.spans:
        if span.role == ARROW:
            text.append(marks.arrow)
        elif span.role == USER:
            text.append(visible(span.text))
        else:
            text.append(span.text, ROLE_STYLE.get(span.role, ""))
    if entry.sources and entry.kind != TABLE:
        text.append(f" {cite(entry.sources)}", ROLE_STYLE[MUTED])
    if entry.link:
        text.append(f" {entry.link}", "dim underline")
    return text


def _grid(entry: Entry, marks: Marks) -> Table:
    assert entry.grid is not None
    grid = entry.grid
    if grid.bars:  # the scores: a bar beside each approach's evidence
        table = Table.grid(padding=(0, 1))
        for _ in range(4):
            table.add_column()
        for (name, shown, note), fraction in zip(grid.rows, grid.bars, strict=True):
            ruled_out = not shown
            table.add_row(
                Text(name, "dim" if ruled_out else "bold" if note else ""),
                Text("" if ruled_out else bar(fraction, marks), "cyan" if note else "blue"),
                shown,
                Text(note, "dim"),
            )
        return table
    table = Table(*grid.header, box=None, pad_edge=False, header_style="bold")
    for row in grid.rows:
        # Cells are plain text: a note may hold what rich would read as markup.
        table.add_row(*(Text(visible(cell, lines=True)) for cell in row))
    return table


def _listed(entries: list[Entry], marks: Marks) -> Table:
    """A run of list items whose wrapped lines stay under their first line."""
    table = Table.grid(padding=(0, 1))
    numbers = [e for e in entries if e.kind == NUMBERED]
    width = max(3, len(f"{len(numbers)}."), *(len(f"[{e.mark}]") for e in entries))
    table.add_column(width=width, justify="right")
    table.add_column(ratio=1)
    number = 0
    for entry in entries:
        if entry.kind == NUMBERED:
            number += 1
            marker = Text(f"{number}.", "bold")
        elif entry.kind == RULED_OUT:
            marker = Text(marks.cross, "red")
        elif entry.kind == SOURCE:
            marker = Text(f"[{entry.mark}]", "bold")
        else:
            marker = Text(marks.bullet)
        table.add_row(marker, entry_text(entry, marks))
    return table


LISTED = (BULLET, NUMBERED, RULED_OUT, SOURCE)


def section_body(section: Section, marks: Marks = UNICODE_MARKS) -> list[RenderableType]:
    """A section's entries for a terminal, in order; a chart is the wizard's to draw."""
    parts: list[RenderableType] = []
    run: list[Entry] = []  # list items of one kind, drawn as one list

    def end_run() -> None:
        if run:
            parts.append(_listed(run, marks))
            run.clear()

    for entry in section.for_audience(TERMINAL):
        if entry.kind in LISTED:
            if run and run[-1].kind != entry.kind:
                end_run()
            run.append(entry)
            continue
        end_run()
        if entry.kind == TABLE:
            parts.append(_grid(entry, marks))
        elif entry.kind == LEAD:
            parts.append(Text.assemble(entry_text(entry, marks), style="bold"))
        elif entry.kind != CHART:
            parts.append(entry_text(entry, marks))
    end_run()
    return parts


def render(
    sections: tuple[Section, ...], title: str, marks: Marks = UNICODE_MARKS
) -> RenderableType:
    parts: list[RenderableType] = []
    for index, section in enumerate(sections):
        if index:  # the first, the recommendation, is the panel's headline
            parts.append(Text(f"\n{section.title}", "bold underline"))
        parts += section_body(section, marks)
    # The title holds a session's name: shown as typed, never read as markup.
    return Panel(Group(*parts), title=Text(visible(title)), title_align="left", border_style="cyan")


def print_result(
    content: Content,
    session: Session,
    result: Result,
    costs: Costs,
    title: str,
    console: Console,
) -> None:
    sections = result_sections(content, session, result, costs, now().date())
    marks = UNICODE_MARKS if (console.encoding or "").lower().startswith("utf") else ASCII_MARKS
    console.print(render(sections, title, marks))


def _cell(text: str, width: int) -> str:
    """Text cut to `width` columns (with an ellipsis) and padded to it."""
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def print_sessions(
    content: Content, summaries: list[Summary], folder: Path, console: Console
) -> None:
    """`ragft list`: one line per session, unreadable files with the reason.

    Laid out by hand rather than with rich's Table, which takes a third of a
    second for a thousand rows; the columns are sized to what they hold and
    the terminal's width.
    """
    if not summaries:
        start = (
            "connect with a terminal (ssh -t) and the wizard starts one"
            if hosted_folder()
            else "ragft new NAME"
        )
        console.print(Text(f"No saved sessions in {shown_path(folder)}. Start one with: {start}"))
        return
    moment = now()
    rows = []
    for summary in summaries:
        if summary.readable:
            recommends = (
                content.approaches[summary.recommendation].name if summary.recommendation else ""
            )
            rows.append(
                (
                    summary.name or "(no name)",
                    relative_time(summary.updated, moment),
                    recommends,
                    f"{summary.answered} of {summary.applicable}",
                    summary.path.name,
                )
            )
        else:
            rows.append((summary.path.name, "cannot be read", summary.problem or "", "", ""))
    header = ("Name", "Updated", "Recommends", "Answered", "File")
    rows = [
        (visible(a), visible(b), visible(c), visible(d), visible(e)) for a, b, c, d, e in rows
    ]  # names and reasons from files
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(5)]
    widths[0] = min(widths[0], 40)
    widths[2] = min(widths[2], 12)
    # Piped, there is no width to fit: file names are printed whole.
    whole = max(len(header[4]), *(len(row[4]) for row in rows))
    widths[4] = max(8, console.width - sum(widths[:4]) - 8) if console.is_terminal else whole
    lines = Text(f"Sessions in {shown_path(folder)}\n", "bold")
    lines.append("  ".join(_cell(h, w) for h, w in zip(header, widths, strict=True)), "bold")
    for row, summary in zip(rows, summaries, strict=True):
        line = "  ".join(_cell(value, width) for value, width in zip(row, widths, strict=True))
        lines.append("\n" + line.rstrip(), "" if summary.readable else "red")
    fits = console.is_terminal
    console.print(lines, no_wrap=True, overflow="ellipsis" if fits else "ignore", crop=fits)


def print_cases(content: Content, cases: tuple[Case, ...], console: Console) -> None:
    """`ragft cases`: one line per published decision, newest first."""
    if not cases:
        console.print("No published case matches; ragft cases lists them all.")
        return
    header = ("Case", "Year", "Chose", "Organisation", "Title")
    rows = [
        (c.id, str(c.year), content.approaches[c.chose].name, c.organisation, c.title)
        for c in cases
    ]
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(5)]
    widths[3] = min(widths[3], 24)
    whole = max(len(row[4]) for row in rows)
    widths[4] = max(12, console.width - sum(widths[:4]) - 8) if console.is_terminal else whole
    lines = Text(
        "  ".join(_cell(h, w) for h, w in zip(header, widths, strict=True)).rstrip(), "bold"
    )
    for row in rows:
        lines.append(
            "\n" + "  ".join(_cell(v, w) for v, w in zip(row, widths, strict=True)).rstrip()
        )
    lines.append(
        f"\n{len(cases)} of {len(content.cases)} cases. "
        "ragft cases --json gives each one's situation, outcome and source.",
        "dim",
    )
    fits = console.is_terminal
    console.print(lines, no_wrap=True, overflow="ellipsis" if fits else "ignore", crop=fits)
