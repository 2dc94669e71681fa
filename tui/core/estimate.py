"""Cost and latency estimates from the figures the sources quote.

The sources give monthly costs at 100,000 queries. For another volume the
per-query patterns (cloud APIs) are scaled in proportion, and the patterns
that are mostly hardware are kept as they are; both are rough, and the result
says which figures were scaled.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.content import Content, CostPattern, Figure

RETRIEVAL_LATENCY = "retrieval-latency"
BREAK_EVEN = "break-even"


@dataclass(frozen=True, slots=True)
class CostEstimate:
    pattern: CostPattern
    low: float
    high: float
    queries: int
    scaled: bool

    def covers(self, approach: str) -> bool:
        return approach in self.pattern.approaches


def estimate_costs(content: Content, monthly_queries: int | None) -> tuple[CostEstimate, ...]:
    """Each deployment pattern's monthly cost at `monthly_queries` (the sources'
    own volume when unknown)."""
    estimates = []
    for pattern in content.costs:
        queries = pattern.at_queries if monthly_queries is None else monthly_queries
        factor = queries / pattern.at_queries
        scaled = pattern.scaling == "per_query" and queries != pattern.at_queries
        low, high = (
            (pattern.low * factor, pattern.high * factor)
            if pattern.scaling == "per_query"
            else (pattern.low, pattern.high)
        )
        estimates.append(CostEstimate(pattern, low, high, queries, scaled))
    return tuple(estimates)


def latency_figure(content: Content, approach: str) -> Figure | None:
    """The latency figure that applies to an approach: retrieval adds it, others do not."""
    if approach in ("rag", "hybrid"):
        return content.figures.get(RETRIEVAL_LATENCY)
    return None


def money(amount: float) -> str:
    """A dollar figure as the sources write them: $1,234 (cents dropped)."""
    return f"${amount:,.0f}"
