"""The guidance is written in the project's own words: no run of eight words
in `content/` or the README also stands in one of the source articles.

The articles live beside the repository (`../shared/seeds`), which a clone
on its own does not have, so every run of eight words in them is kept here as
a fingerprint (`tests/data/seed-runs.txt`: a 64-bit hash of the run and the
article's number, never the words). The check always runs against those;
where the articles are present, the fingerprints are checked against them
too. Regenerate with `.venv/bin/python -m tests.core.test_own_words`."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator

import pytest

from tests.support.paths import REPO

ROOT = REPO
SEEDS = ROOT.parent / "shared" / "seeds"
FINGERPRINTS = ROOT / "tests" / "data" / "seed-runs.txt"
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


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).hexdigest()


def seed_fingerprints() -> dict[str, str]:
    """Every run of the articles beside the repository: fingerprint -> article."""
    found: dict[str, str] = {}
    for article in sorted(SEEDS.glob("*.txt")):
        for run in runs(article.read_text(encoding="utf-8")):
            found.setdefault(fingerprint(run), article.name.split("_")[0])
    return found


def recorded() -> dict[str, str]:
    lines = FINGERPRINTS.read_text(encoding="ascii").splitlines()
    pairs = (line.split() for line in lines if line and not line.startswith("#"))
    return dict((print_, article) for print_, article in pairs)


def test_no_eight_words_in_a_row_come_from_an_article():
    article_of = recorded()
    assert len(article_of) > 1000, f"{FINGERPRINTS} holds too few runs to check anything"
    copied = [
        f"{where}: “{' '.join(run)}” (article {article_of[fingerprint(run)]})"
        for where, text in ours()
        for run in sorted(runs(text))
        if fingerprint(run) in article_of
    ]
    assert not copied, "copied from the articles:\n" + "\n".join(copied)


def test_the_check_finds_a_copied_run():
    article_of = recorded()
    own = " ".join(words((ROOT / "content" / "rules.toml").read_text())[40 : 40 + RUN])
    assert not {fingerprint(r) for r in runs(own)} & article_of.keys()
    # A run the fingerprints hold is found wherever it stands in a text.
    if SEEDS.is_dir():
        article = sorted(SEEDS.glob("*.txt"))[0]
        sample = " ".join(words(article.read_text(encoding="utf-8"))[40 : 40 + RUN])
        assert {fingerprint(r) for r in runs(f"We wrote: {sample}.")} & article_of.keys()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the articles are not beside this clone")
def test_the_fingerprints_are_the_articles():
    assert recorded() == seed_fingerprints(), (
        "regenerate: .venv/bin/python -m tests.core.test_own_words"
    )


if __name__ == "__main__":
    lines = [f"{print_} {article}" for print_, article in sorted(seed_fingerprints().items())]
    FINGERPRINTS.write_text(
        "# Fingerprints of every run of eight words in ../shared/seeds/*.txt:\n"
        "# blake2b (8 bytes) of the run's lowercased words, and the article's number.\n"
        + "\n".join(lines)
        + "\n",
        encoding="ascii",
    )
