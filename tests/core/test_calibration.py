"""docs/calibration.md holds the calibration table as the engine computes it
today, and the table says what #35 asks of the confidence levels."""

from __future__ import annotations

from tests.support.paths import REPO
from tui.core.decide.calibration import measure, table

PAGE = REPO / "docs" / "calibration.md"


def test_the_published_table_is_the_engines_today(content):
    text = PAGE.read_text()
    after_begin = text.split("<!-- generated: begin -->\n", 1)[1]
    generated = after_begin.split("\n<!-- generated: end -->", 1)[0]
    assert generated == table(content), (
        "regenerate: .venv/bin/python -m tui.core.decide.calibration"
    )


def test_each_level_means_what_it_says(content):
    levels = {level.confidence: level for level in measure(content)[0]}
    high, medium, low = levels["high"], levels["medium"], levels["low"]
    if high.cases:
        assert high.share >= 0.95
    assert medium.share is not None and low.share is not None
    assert medium.share - low.share >= 0.15  # low is clearly the less reliable
    agreed = sum(level.agreed for level in levels.values())
    assert agreed >= 33  # the library's agreement never slips back
