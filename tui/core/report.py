"""A decision result for a person, rendered with rich (for `ragft decide`)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tui.core.content import Answer, Case, Content
from tui.core.cost_report import (
    break_even_sentences,
    cost_header,
    cost_rows,
    sensitivity_sentences,
    volume_sentences,
)
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
from tui.core.listing import Summary, relative_time
from tui.core.precedents import precedent_line
from tui.core.storage import now
from tui.core.test_plan import check_lines, checks_for
from tui.core.text import cite, hosted_folder, shown_path, visible

BAR_WIDTH = 24
CONFIDENCE_STYLE = {"high": "bold green", "medium": "bold yellow", "low": "bold red"}


def answer_as_written(content: Content, question_id: str, answer: Answer) -> str:
    """An answer as an answers file writes it: the choice id, or the number."""
    question = content.questions[question_id]
    return f"{answer:,}" if question.is_number and isinstance(answer, int) else str(answer)


def bar(fraction: float, width: int = BAR_WIDTH, ascii_only: bool = False) -> str:
    full, empty = ("#", ".") if ascii_only else ("█", "░")
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return full * filled + empty * (width - filled)


def _scores(content: Content, result: Result) -> Table:
    """The evidence per approach (what the answers say), the recommendation marked."""
    table = Table.grid(padding=(0, 1))
    table.add_column(min_width=12)
    table.add_column()
    table.add_column(justify="right")
    table.add_column()
    ranked = sorted(result.evidence, key=lambda a: -result.evidence[a])
    for approach in ranked:
        name = content.approaches[approach].name
        recommended = approach == result.recommendation
        if approach in result.excluded:
            table.add_row(Text(name, "dim"), Text("ruled out", "dim"), "", "")
            continue
        note = ""
        if recommended:
            note = "recommended"
            if result.settled_by:
                note += " (settled by a rule)"
        table.add_row(
            Text(name, "bold" if recommended else ""),
            Text(bar(result.evidence[approach]), "cyan" if recommended else "blue"),
            f"{result.evidence[approach]:.2f}",
            Text(note, "dim"),
        )
    return table


def _bullets(lines: list[Text], bullet: str | list[str] = "•", style: str = "") -> Table:
    """A list whose wrapped lines stay indented under their first line."""
    markers = bullet if isinstance(bullet, list) else [bullet] * len(lines)
    table = Table.grid(padding=(0, 1))
    table.add_column(width=max(3, *map(len, markers)), justify="right", style=style)
    table.add_column(ratio=1)
    for marker, line in zip(markers, lines, strict=True):
        table.add_row(marker, line)
    return table


def _reason_lines(content: Content, result: Result, reasons: tuple[Reason, ...]) -> Table:
    lines = []
    for reason in reasons:
        lines.append(
            Text.assemble(
                (f"{reason.question} = ", "bold"),
                (answer_as_written(content, reason.question, reason.answer), "bold"),
                f" → {reason_pull(content, result, reason)}: ",
                reason.why,
                (f" {cite(reason.sources)}", "dim"),
            )
        )
    return _bullets(lines)


def _costs(content: Content, result: Result, costs: Costs) -> list[RenderableType]:
    table = Table(*cost_header(costs), box=None, pad_edge=False, header_style="bold")
    for row in cost_rows(content, costs, result.recommendation):
        table.add_row(*row)
    sentences = [
        Text(line)
        for line in (
            *break_even_sentences(content, costs),
            *volume_sentences(content, costs),
            *sensitivity_sentences(content, costs),
        )
    ]
    return [
        Text(f"\nCosts over {costs.months} months", "bold underline"),
        table,
        *([_bullets(sentences)] if sentences else []),
    ]


def render(
    content: Content, result: Result, title: str, costs: Costs | None = None
) -> RenderableType:
    recommended = content.approaches[result.recommendation]
    head = Text()
    head.append("Recommendation: ", "bold")
    head.append(recommended.name, "bold cyan")
    head.append("   confidence: ")
    head.append(result.confidence, CONFIDENCE_STYLE[result.confidence])
    head.append(f"\n{recommended.tagline}\n")
    parts: list[RenderableType] = [head]
    settled = settled_sentence(result)
    if settled is not None:
        lead, _, rest = settled.text.partition(": ")
        parts.append(
            Text.assemble((f"{lead}: ", "bold"), rest, (f" {cite(settled.sources)}\n", "dim"))
        )
    for sentence in rule_sentences(content, result):
        parts.append(Text.assemble(sentence.text, (f" {cite(sentence.sources)}\n", "dim")))
    note = confidence_note(result)
    if note:
        parts.append(Text(f"{note}\n", "dim"))
    parts.append(Text("The path", "bold underline"))
    parts.append(
        _bullets(
            [
                Text.assemble(
                    sentence.text, (f" {cite(sentence.sources)}" if sentence.sources else "", "dim")
                )
                for sentence in path_sentences(content, result)
            ]
        )
    )
    parts.append(Text("\nScores", "bold underline"))
    parts.append(_scores(content, result))
    if result.limits:
        ruled_out = []
        for limit in limit_sentences(content, result):
            lead, _, rest = limit.text.partition(": ")
            ruled_out.append(
                Text.assemble((f"{lead}: ", "bold"), rest, (f" {cite(limit.sources)}", "dim"))
            )
        parts.append(_bullets(ruled_out, "✗", "red"))
    for heading, reasons in (
        (f"Why {recommended.name}", result.reasons_for()),
        ("Pulling the other way", result.reasons_against()),
    ):
        if reasons:
            parts.append(Text(f"\n{heading}", "bold underline"))
            parts.append(_reason_lines(content, result, reasons))
    parts.append(Text("\nWhat would change it", "bold underline"))
    changes = [
        Text.assemble(
            f"{pivot.question}: ",
            "unanswered"
            if pivot.current is None
            else answer_as_written(content, pivot.question, pivot.current),
            " → ",
            (answer_as_written(content, pivot.question, pivot.answer), "bold"),
            f" gives {content.approaches[pivot.would_recommend].name}",
        )
        for pivot in result.pivotal
    ]
    parts.append(_bullets(changes) if changes else Text("  No single answer would change it."))
    if result.next:
        parts.append(Text("\nFind out next", "bold underline"))
        parts.append(_bullets([Text(line) for line in next_lines(content, result)]))
    elif settled_line(result):
        parts.append(Text(f"\n{settled_line(result)}"))
    if costs is not None and costs.approaches:
        parts += _costs(content, result, costs)
    parts.append(Text("\nHow to check it", "bold underline"))
    plan = check_lines(checks_for(content, result))
    parts.append(
        _bullets(
            [Text.assemble(line, (f" {cite(sources)}", "dim")) for line, sources in plan],
            [f"{number}." for number in range(1, len(plan) + 1)],
        )
    )
    if result.precedents:
        parts.append(Text("\nWhat published teams chose", "bold underline"))
        parts.append(
            _bullets(
                [
                    Text.assemble(precedent_line(content, p), (f" {cite([p.case.source])}", "dim"))
                    for p in result.precedents
                ]
            )
        )
        if result.dissent:
            parts.append(Text(result.dissent, "bold yellow"))
    if result.unanswered:
        parts.append(Text.assemble(("\nNot answered yet: ", "bold"), ", ".join(result.unanswered)))
    if result.not_counted:
        parts.append(
            Text.assemble(
                ("Kept but not counted (skipped by earlier answers): ", "bold"),
                ", ".join(result.not_counted),
            )
        )
    cited = sorted(
        {s for r in result.reasons for s in r.sources}
        | {s for hit in result.limits for s in hit.rule.sources}
        | (set(result.decided_by.rule.sources) if result.decided_by else set())
        | {s for sentence in rule_sentences(content, result) for s in sentence.sources}
        | {s for _, sources in check_lines(checks_for(content, result)) for s in sources}
        | {s for sentence in path_sentences(content, result) for s in sentence.sources}
        | {p.case.source for p in result.precedents}
    )
    if cited:
        parts.append(Text("\nSources", "bold underline"))
        titles = [
            Text(f"{content.sources[s].title} ({content.sources[s].publisher})", "dim")
            for s in cited
        ]
        parts.append(_bullets(titles, [f"[{s}]" for s in cited], "dim"))
    # The title holds a session's name: shown as typed, never read as markup.
    return Panel(Group(*parts), title=Text(visible(title)), title_align="left", border_style="cyan")


def print_result(
    content: Content, result: Result, title: str, console: Console, costs: Costs | None = None
) -> None:
    console.print(render(content, result, title, costs))


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
