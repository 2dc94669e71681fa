"""The cost model put into words and charts for people: the break-even
sentences, the table of costs, the assumptions with where each came from,
and the Mermaid chart the export carries. Shared by the export, `decide`
and the wizard, so that all three say the same."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from tui.core.content import Content, Figure
from tui.core.decide.costs import (
    ANSWER,
    LARGEST_VOLUME,
    OVERRIDE,
    Costs,
    break_even_volumes,
    sensitivity,
)
from tui.core.text import cite

CHECKPOINTS = (1, 12, 24)
# months shown in the tables


RETRIEVAL_LATENCY = "retrieval-latency"


def money(amount: float) -> str:
    """A dollar figure as people write them: $1,234 (cents dropped)."""
    return f"${amount:,.0f}"


def latency_figure(content: Content, approach: str) -> Figure | None:
    """The latency figure that applies to an approach: retrieval adds it, others do not."""
    if approach in ("rag", "hybrid"):
        return content.figures.get(RETRIEVAL_LATENCY)
    return None


class QuotedFigure(NamedTuple):
    head: str  # "Latency: retrieval adds 100-500 ms."
    text: str
    aside: str  # the caveat and the sources


LORA, HALLUCINATION = "lora-gap", "hallucination-reduction"


def quoted_figures(content: Content, approach: str) -> list[QuotedFigure]:
    """The published figures beside the cost model: latency, and what LoRA and
    retrieval are reported to achieve. None of them prices anything."""
    latency = latency_figure(content, approach)
    quoted = [
        QuotedFigure(
            f"Latency: retrieval adds {latency.value}.",
            "",
            f"{latency.caveat} {cite(latency.sources)}",
        )
        if latency
        else QuotedFigure("Latency: no retrieval step is added.", "", "")
    ]
    for figure_id in (LORA, HALLUCINATION):
        found = content.figures.get(figure_id)
        if found:
            quoted.append(
                QuotedFigure(
                    f"{found.name}: {found.value}.",
                    found.text,
                    f"{found.caveat} {cite(found.sources)}",
                )
            )
    return quoted


def about(volume: float) -> str:
    """A volume to three significant figures: the model is no finer than that."""
    if volume < 1000:
        return f"{volume:,.0f}"
    digits = len(str(int(volume))) - 3
    return f"about {round(volume, -digits):,.0f}"


def figure(value: float, unit: str) -> str:
    """1,000 tokens, $2.50, 0.1 runs: whole numbers without decimals."""
    if unit == "$":
        return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"
    if unit == "share":
        return f"{value * 100:.3g}%"
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    return f"{number} {unit}"


def _name(content: Content, approach: str) -> str:
    return content.approaches[approach].name


STALE_AFTER = timedelta(days=365)


def stale_prices(content: Content, today: date | None = None) -> str:
    """One sentence when a price the model uses was last checked over a year ago."""
    oldest = min(
        (a.checked for a in content.assumptions.values() if a.unit == "$" and a.checked),
        default="",
    )
    if not oldest or (today or date.today()) - date.fromisoformat(oldest) <= STALE_AFTER:
        return ""
    return (
        f"Some prices were last checked on {oldest}, over a year ago: "
        "check them against the price pages before relying on these figures."
    )


def break_even_sentences(content: Content, costs: Costs, today: date | None = None) -> list[str]:
    """ "Fine-tuning is cheaper than RAG from month 3." for each crossing, and
    for an approach that cannot do the job, why (it is never the cheapest);
    first, a warning if the prices have aged."""
    stale = [s for s in (stale_prices(content, today),) if s]
    unable = [
        f"{_name(content, a)} cannot do this job, whatever it costs: {c.unable}"
        for a, c in costs.approaches.items()
        if c.unable
    ]
    sentences = [
        f"{_name(content, b.approach)} is cheaper than {_name(content, b.against)} "
        f"from month {b.month}."
        for b in costs.break_even
        if b.month is not None
    ]
    cheapest = costs.cheapest()
    if sentences or cheapest is None or len(costs.able) < 2:
        return stale + sentences + unable
    return [
        *stale,
        f"No approach catches up with one that starts cheaper within {costs.months} months; "
        f"{_name(content, cheapest)} costs least over the whole period.",
        *unable,
    ]


def volume_sentences(content: Content, costs: Costs) -> list[str]:
    """How the volume would change the cheapest: for each other approach that
    can do the job, the requests a month at which it costs no more than the
    cheapest over the horizon, or below which it costs less."""
    cheapest = costs.cheapest()
    if cheapest is None or len(costs.able) < 2:
        return []
    volumes = {(a, b): v for a, b, v in break_even_volumes(costs)}
    top = about(LARGEST_VOLUME)
    sentences = []
    for other in costs.able:
        if other == cheapest:
            continue
        overtakes, keeps = volumes[(other, cheapest)], volumes[(cheapest, other)]
        if overtakes is not None:
            sentences.append(
                f"{_name(content, other)} costs no more than {_name(content, cheapest)} "
                f"from {about(overtakes)} requests a month."
            )
        elif keeps:
            sentences.append(
                f"{_name(content, other)} costs less than {_name(content, cheapest)} "
                f"only below {about(keeps)} requests a month."
            )
        else:
            sentences.append(
                f"{_name(content, other)} costs more than {_name(content, cheapest)} "
                f"at every volume up to {top.removeprefix('about ')} requests a month."
            )
    return sentences


def sensitivity_sentences(content: Content, costs: Costs, most: int = 3) -> list[str]:
    """The figures the cheapest hangs on, in words."""
    cheapest = costs.cheapest()
    found = sensitivity(content, costs)
    if cheapest is None or not found:
        return []
    changing = [s for s in found if s.changes_at is not None][:most]
    if not changing:
        label = content.assumptions[found[0].assumption].label
        return [
            f"No single figure changed up to ten times either way makes another approach "
            f"cheaper than {_name(content, cheapest)}; {label.lower()} moves its total most."
        ]
    return [
        f"{content.assumptions[s.assumption].label} at "
        f"{figure(float(f'{at:.3g}'), content.assumptions[s.assumption].unit)} "
        f"(now {figure(s.value, content.assumptions[s.assumption].unit)}) would make "
        f"{_name(content, then)} the cheapest."
        for s in changing
        if (at := s.changes_at) is not None and (then := s.cheapest_then) is not None
    ]


def cost_rows(content: Content, costs: Costs, recommended: str) -> list[list[str]]:
    """Approach, upfront, monthly, and the running total at each checkpoint."""
    rows = []
    for approach, cost in costs.approaches.items():
        mark = " (recommended)" if approach == recommended else ""
        mark += " (cannot do the job)" if cost.unable else ""
        rows.append(
            [
                _name(content, approach) + mark,
                money(cost.upfront),
                money(cost.monthly),
                *(money(cost.cumulative[m - 1]) for m in CHECKPOINTS if m <= costs.months),
            ]
        )
    return rows


def cost_header(costs: Costs) -> list[str]:
    months = [f"After {m} month{'s' if m > 1 else ''}" for m in CHECKPOINTS if m <= costs.months]
    return ["Approach", "Upfront", "Monthly", *months]


def origin(value_origin: str) -> str:
    if value_origin == ANSWER:
        return "your answer"
    if value_origin == OVERRIDE:
        return "your figure"
    return "default"


def assumption_rows(content: Content, costs: Costs) -> list[list[str]]:
    """Each assumption: what it is, its value, where it came from, and when
    it was last checked and against which sources."""
    rows = []
    for ident, value in costs.values.items():
        assumption = content.assumptions[ident]
        rows.append(
            [
                f"{assumption.label} (`{ident}`)",
                figure(value.value, assumption.unit),
                origin(value.origin),
                f"{assumption.checked} {cite(assumption.sources)}",
            ]
        )
    return rows
