"""The guidance is written in the project's own words: no run of eight words
in `content/` or the README also stands in one of the source articles."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed TOML document, with its dotted key."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


def ours() -> Iterator[tuple[str, str]]:
    """Every piece of our own prose: (where, text)."""
    for file in sorted((ROOT / "content").glob("*.toml")):
        document = tomllib.loads(file.read_text(encoding="utf-8"))
        for key, text in strings(document, ""):
            # A source's title is a citation, quoted as published.
            if file.name == "sources.toml" and key.endswith(".title"):
                continue
            yield f"content/{file.name}: {key}", text
    yield "README.md", (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article_runs() -> dict[tuple[str, ...], str]:
    articles = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not articles:
        pytest.skip(f"the source articles are not at {SEEDS}")
    found: dict[tuple[str, ...], str] = {}
    for article in articles:
        for run in runs(article.read_text(encoding="utf-8")):
            found.setdefault(run, article.name)
    return found


def test_no_eight_words_in_a_row_come_from_an_article(article_runs):
    copied = [
        f"{where}: “{' '.join(run)}” ({article_runs[run]})"
        for where, text in ours()
        for run in sorted(runs(text))
        if run in article_runs
    ]
    assert not copied, "copied from the articles:\n" + "\n".join(copied)


def test_the_check_finds_a_copied_run(article_runs):
    article = next(iter(sorted(SEEDS.glob("*.txt"))))
    sample = " ".join(words(article.read_text(encoding="utf-8"))[40 : 40 + RUN])
    assert runs(f"We wrote: {sample}.") & article_runs.keys()
