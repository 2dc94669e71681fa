"""How long the engine takes: one evaluation, and one with the pivotal and
next analyses (every single change of an answered question, every answer of
an unanswered one), for full and partial answer sets.

    .venv/bin/python -m benchmarks.engine

The partial sets are what a user with little time has given: the first three
answers in asking order, and none at all. There every question is still open,
so the next analysis does the most work. The target: under 5 ms each.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from benchmarks import measure
from tui.core.content import Answer, Content, load_content
from tui.core.decide.engine import evaluate, flow
from tui.core.store.session import load_answers_file

HERE = Path(__file__).resolve().parent

SCENARIOS = HERE.parent.parent / "shared" / "scenarios"
TARGET_SECONDS = 0.005
ROUNDS = 200
FIRST = 3


def first_answers(content: Content, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The first FIRST answers a user would give, in the flow's asking order."""
    given: dict[str, Answer] = {}
    for _ in range(FIRST):
        question = flow(content, given).next_question
        if question is None or question not in answers:
            break
        given[question] = answers[question]
    return given


def timed(content: Content, answers: Mapping[str, Answer], analyses: bool) -> float:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        evaluate(content, answers, with_pivotal=analyses)
        samples.append(time.perf_counter() - started)
    return measure.median(samples)


def cases(content: Content) -> list[tuple[str, dict[str, Answer]]]:
    found: list[tuple[str, dict[str, Answer]]] = [("no answers", {})]
    for path in sorted(SCENARIOS.glob("*.toml")):
        answers = dict(load_answers_file(content, path).answers)
        found.append((path.stem, answers))
        found.append((f"{path.stem}, first {FIRST} answers", first_answers(content, answers)))
    return found


def run() -> list[str]:
    content = load_content()
    lines = [
        "## The engine",
        "",
        "| answers | one evaluation | with pivotal and next | questions that could change it |",
        "|---|---:|---:|---:|",
    ]
    worst = 0.0
    for name, answers in cases(content):
        plain, full = timed(content, answers, False), timed(content, answers, True)
        worst = max(worst, full)
        opened = len(evaluate(content, answers).next)
        lines.append(f"| {name} | {plain * 1e6:.0f} µs | {full * 1000:.2f} ms | {opened} |")
    ok = "met" if worst < TARGET_SECONDS else "missed"
    lines += ["", f"Target: under 5 ms with the pivotal and next analyses, worst case: {ok}."]
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
