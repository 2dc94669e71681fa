"""How to check a recommendation before committing to it: the steps of
content/test_plan.toml up to the recommended approach's own, cheapest first,
each with the metric for this kind of task and the result that stops the
climb there."""

from __future__ import annotations

from typing import NamedTuple

from tui.core import contract
from tui.core.content import Content
from tui.core.decide.engine import Result

UNKNOWN_TASK = "unknown"


class Check(NamedTuple):
    step: str
    metric: str
    stop_if: str
    sources: tuple[str, ...]


def checks_for(content: Content, result: Result) -> tuple[Check, ...]:
    """The plan for this result. The ladder is the approaches' own order:
    prompting first, then retrieval, then training, then both."""
    top = contract.APPROACHES.index(result.recommendation)
    problem = result.counted.get("problem")
    use_case = result.counted.get("use_case")
    metric = content.metrics.get(use_case if isinstance(use_case, str) else UNKNOWN_TASK, "")
    return tuple(
        Check(step.text, metric or content.metrics[UNKNOWN_TASK], step.stop_if, step.sources)
        for step in content.test_plan
        if contract.APPROACHES.index(step.rung) <= top
        and (not step.problems or problem is None or problem in step.problems)
    )


def check_lines(plan: tuple[Check, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Each step as one sentence for people, with its sources: the export and
    the wizard say the same."""
    return [
        (f"{c.step} Score it by {c.metric}. Stop here if: {c.stop_if}", c.sources) for c in plan
    ]


def as_json(plan: tuple[Check, ...]) -> list[dict[str, object]]:
    """`test_plan` in `decide --json`, with the spec's fields."""
    return [
        {"step": c.step, "metric": c.metric, "stop_if": c.stop_if, "sources": list(c.sources)}
        for c in plan
    ]
