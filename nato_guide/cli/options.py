"""Parameter types shared by the commands, with shell completion of ids."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import typer


def _complete(kind: str, incomplete: str) -> Iterator[tuple[str, str]]:
    """Ids of *kind* starting with *incomplete*, with their titles as help."""
    from nato_guide.content import load_content
    from nato_guide.errors import GuideError

    try:
        content = load_content()
    except GuideError:
        return
    needle = incomplete.casefold()
    if kind == "document":
        pairs = [(d.id, d.title) for d in content.documents.values()]
    elif kind == "topic":
        pairs = [(t.id, t.title) for t in content.topics.values()]
    elif kind == "term":
        pairs = [(t.id, t.term) for t in content.terms.values()]
    elif kind == "path":
        pairs = [(p.id, p.title) for p in content.paths.values()]
    else:
        pairs = [(p.id, p.name) for p in content.perspectives.values()]
    for key, title in pairs:
        if key.startswith(needle):
            yield key, title


def complete_document(incomplete: str) -> Iterator[tuple[str, str]]:
    """Complete a document id."""
    return _complete("document", incomplete)


def complete_topic(incomplete: str) -> Iterator[tuple[str, str]]:
    """Complete a topic id."""
    return _complete("topic", incomplete)


def complete_perspective(incomplete: str) -> Iterator[tuple[str, str]]:
    """Complete a perspective id."""
    return _complete("perspective", incomplete)


def complete_path(incomplete: str) -> Iterator[tuple[str, str]]:
    """Complete a reading path id."""
    return _complete("path", incomplete)


def complete_term(incomplete: str) -> Iterator[tuple[str, str]]:
    """Complete a glossary term id."""
    return _complete("term", incomplete)


Json = Annotated[
    bool, typer.Option("--json", help="Print JSON to stdout (nothing else), for scripts.")
]
PerspectiveFilter = Annotated[
    str | None,
    typer.Option(
        "--perspective",
        "-p",
        help="Only this perspective: kremlin, western, mearsheimer, applebaum or ukraine.",
        autocompletion=complete_perspective,
        show_default=False,
    ),
]
TopicFilter = Annotated[
    str | None,
    typer.Option(
        "--topic",
        "-t",
        help="Only what belongs to this topic.",
        autocompletion=complete_topic,
        show_default=False,
    ),
]
