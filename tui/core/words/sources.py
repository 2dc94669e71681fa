"""Finding sources by what they are: the sources screen lists and filters
them, the ones a screen cites first."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.content import Content, Source


def find_sources(
    content: Content, words: str = "", first: Iterable[str] = ()
) -> tuple[Source, ...]:
    """The sources matching every word (in id, title, publisher or date), those
    in `first` ahead of the rest, each group in id order."""
    wanted = words.casefold().split()
    cited = set(first)
    found = [
        source
        for source in content.sources.values()
        if all(
            word in f"{source.id} {source.title} {source.publisher} {source.date}".casefold()
            for word in wanted
        )
    ]
    return tuple(sorted(found, key=lambda s: (s.id not in cited, s.id)))


def cited_by_question(content: Content, question_id: str) -> tuple[str, ...]:
    """Every source a question and its choices cite, in id order."""
    question = content.questions[question_id]
    cited = set(question.sources)
    for option in question.options:
        cited.update(option.sources)
    return tuple(sorted(cited))
