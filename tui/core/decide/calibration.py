"""How far each confidence level can be trusted, measured on the case
library: for each level, how often the engine chose what the published team
chose. `python -m tui.core.decide.calibration` prints the table that
docs/calibration.md holds; a test recomputes it."""

from __future__ import annotations

from typing import NamedTuple

from tui.core import contract
from tui.core.content import Case, Content, load_content
from tui.core.decide.engine import evaluate


class Level(NamedTuple):
    confidence: str
    agreed: int
    cases: int

    @property
    def share(self) -> float | None:
        return self.agreed / self.cases if self.cases else None


class Miss(NamedTuple):
    case: Case
    recommended: str
    confidence: str


def measure(content: Content) -> tuple[tuple[Level, ...], tuple[Miss, ...]]:
    """Agreement by confidence level, and the cases the engine disagrees with."""
    counts = {level: [0, 0] for level in contract.CONFIDENCE_LEVELS}
    misses = []
    for case in content.cases:
        result = evaluate(content, case.answers)
        counts[result.confidence][1] += 1
        if result.recommendation == case.chose:
            counts[result.confidence][0] += 1
        else:
            misses.append(Miss(case, result.recommendation, result.confidence))
    levels = tuple(Level(level, *counts[level]) for level in contract.CONFIDENCE_LEVELS)
    return levels, tuple(misses)


def table(content: Content) -> str:
    """The calibration table and the list of disagreements, as Markdown."""
    levels, misses = measure(content)
    agreed = sum(level.agreed for level in levels)
    lines = [
        f"Content version {content.version}: {agreed} of {len(content.cases)} published "
        "decisions as the teams chose.",
        "",
        "| confidence | cases | as the team chose | share |",
        "|---|---:|---:|---:|",
    ]
    for level in levels:
        share = "-" if level.share is None else f"{level.share:.0%}"
        lines.append(f"| {level.confidence} | {level.cases} | {level.agreed} | {share} |")
    lines += ["", "| case | the team chose | ragft | confidence |", "|---|---|---|---|"]
    name = content.approaches
    for miss in misses:
        lines.append(
            f"| {miss.case.id} | {name[miss.case.chose].name} | "
            f"{name[miss.recommended].name} | {miss.confidence} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(load_content()))
