"""Loading and validating the decision model and its guidance (content/*.toml).

Everything the engine weighs and the app shows comes from these files. They
are checked as a whole on load; each problem becomes one line naming the file,
the key and what is wrong, and all problems are reported together.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from tui.core import contract
from tui.core.content.checks import CONTENT_FILES, ContentReader
from tui.core.content.fields import type_name
from tui.core.content.records import (
    Answer,
    Approach,
    Assumption,
    Branch,
    Case,
    Cell,
    Claim,
    Content,
    Disagreement,
    Example,
    Factor,
    Figure,
    HybridPattern,
    Mistake,
    Option,
    PathStep,
    PlanStep,
    Question,
    Rule,
    Scoring,
    Side,
    Source,
    UseCase,
)
from tui.core.errors import ContentError, ContentProblem, InputError
from tui.core.files import user_path

# The records are this package's interface: callers import them from here.
__all__ = [
    "CONTENT_ENV",
    "CONTENT_FILES",
    "Answer",
    "Approach",
    "Assumption",
    "Branch",
    "Case",
    "Cell",
    "Claim",
    "Content",
    "Disagreement",
    "Example",
    "Factor",
    "Figure",
    "HybridPattern",
    "Mistake",
    "Option",
    "PathStep",
    "PlanStep",
    "Question",
    "Rule",
    "Scoring",
    "Side",
    "Source",
    "UseCase",
    "bundled_content_dir",
    "content_dir",
    "load_content",
    "load_content_from",
    "type_name",
]

CONTENT_ENV = "RAGFT_CONTENT"


def _rule_lift(questions: Mapping[str, Question], prior: Mapping[str, float]) -> float:
    """More points than answers can ever put between two approaches."""
    highest = lowest = 0.0
    for approach in contract.APPROACHES:
        top = bottom = prior.get(approach, 0.0)
        for question in questions.values():
            # An unanswered question adds nothing, so 0 is always within reach.
            weights = [option.weights.get(approach, 0.0) for option in question.options] + [0.0]
            top += max(weights)
            bottom += min(weights)
        highest = max(highest, top)
        lowest = min(lowest, bottom)
    return highest - lowest + 1.0


def load_content_from(directory: Path) -> Content:
    """Read and validate one content folder; ContentError lists every problem."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError([ContentProblem(str(directory), "(folder)", "not a folder")])
    if not any((directory / name).exists() for name in CONTENT_FILES):
        # A wrong folder, not a broken one: one line, not one per missing file.
        problem = f"none of ragft's content files ({', '.join(CONTENT_FILES)}) is here"
        raise ContentError([ContentProblem(str(directory), "(folder)", problem)])
    reader = ContentReader(directory)
    reader.parse()
    if reader.problems:
        raise ContentError(reader.problems)
    sources = reader.read_sources()
    version, scoring = reader.read_model()
    approaches = reader.read_approaches()
    reader.read_questions()
    root, flow_sources, branches = reader.read_flow()
    rules = reader.read_rules()
    factors = reader.read_factors()
    use_cases = reader.read_use_cases()
    patterns, mistakes = reader.read_guidance()
    figures = reader.read_figures()
    disagreements = reader.read_disagreements()
    assumptions = reader.read_assumptions(sources)
    test_plan, metrics = reader.read_test_plan()
    path_steps = reader.read_path_steps()
    cases = reader.read_cases(sources)
    if reader.problems:
        raise ContentError(reader.problems)
    questions = reader.questions
    scoring = scoring._replace(rule_lift=_rule_lift(questions, scoring.prior))
    return Content(
        version=version,
        directory=directory,
        sources=MappingProxyType(sources),
        approaches=MappingProxyType(approaches),
        questions=MappingProxyType(dict(questions)),
        root=root,
        flow_sources=flow_sources,
        branches=MappingProxyType(branches),
        rules=rules,
        factors=factors,
        use_cases=MappingProxyType(use_cases),
        hybrid_patterns=patterns,
        mistakes=mistakes,
        figures=MappingProxyType(figures),
        disagreements=disagreements,
        scoring=scoring,
        assumptions=MappingProxyType(assumptions),
        test_plan=test_plan,
        metrics=MappingProxyType(metrics),
        cases=cases,
        path_steps=path_steps,
    )


def bundled_content_dir() -> Path:
    """The content shipped with the program: inside the package once installed,
    beside it in a checkout."""
    package = Path(__file__).resolve().parents[2]
    installed = package / "content"
    return installed if installed.is_dir() else package.parent / "content"


def content_dir() -> Path:
    override = os.environ.get(CONTENT_ENV)
    if not override:
        return bundled_content_dir()
    try:
        return user_path(override)
    except InputError:  # ~user of no such user: reported as a folder that is not there
        return Path(override)


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> Content:
    return load_content_from(Path(directory))


def load_content(directory: Path | None = None) -> Content:
    """The content in use: `directory`, else $RAGFT_CONTENT, else the bundled folder."""
    return _load_cached(str(directory if directory is not None else content_dir()))
