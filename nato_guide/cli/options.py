"""Parameter types shared by the commands, with shell completion of ids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from nato_guide.progress import Status


def _complete(kind: str, incomplete: str, ctx: typer.Context | None) -> Iterator[tuple[str, str]]:
    """Ids of *kind* starting with *incomplete*, with their titles as help: the guide's and
    the reader's own documents, as the fast path in :mod:`nato_guide.completion` offers
    them (from the same function)."""
    from nato_guide.completion import content_for_completion, id_pairs
    from nato_guide.errors import GuideError

    chosen = None if ctx is None else ctx.find_root().params.get("progress_file")
    try:
        content = content_for_completion(None if chosen is None else str(chosen))
    except GuideError:
        return
    needle = incomplete.casefold()
    for key, title in id_pairs(content, kind):
        if key.startswith(needle):
            yield key, title


def complete_document(
    incomplete: str, ctx: typer.Context | None = None
) -> Iterator[tuple[str, str]]:
    """Complete a document id."""
    return _complete("document", incomplete, ctx)


def complete_topic(incomplete: str, ctx: typer.Context | None = None) -> Iterator[tuple[str, str]]:
    """Complete a topic id."""
    return _complete("topic", incomplete, ctx)


def complete_perspective(
    incomplete: str, ctx: typer.Context | None = None
) -> Iterator[tuple[str, str]]:
    """Complete a perspective id."""
    return _complete("perspective", incomplete, ctx)


def complete_path(incomplete: str, ctx: typer.Context | None = None) -> Iterator[tuple[str, str]]:
    """Complete a reading path id."""
    return _complete("path", incomplete, ctx)


def complete_term(incomplete: str, ctx: typer.Context | None = None) -> Iterator[tuple[str, str]]:
    """Complete a glossary term id."""
    return _complete("term", incomplete, ctx)


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


def status_filter(*, read: bool, unread: bool) -> Status | None:
    """Turn the ``--read``/``--unread`` flags into one status filter."""
    from nato_guide.errors import UsageError

    if read and unread:
        raise UsageError("--read and --unread exclude each other; give one or neither")
    return "read" if read else "unread" if unread else None


def period(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """Turn ``--from``/``--to`` (a year, a year-month or a full date) into inclusive days."""
    from nato_guide.content import last_day, parse_partial_date
    from nato_guide.errors import UsageError

    def parse(option: str, value: str, *, last: bool) -> date:
        try:
            return last_day(value.strip()) if last else parse_partial_date(value.strip())
        except ValueError:
            raise UsageError(
                f"{option} {value!r} is not a year or an ISO date (e.g. 1990, 2014-03)"
            ) from None

    lower = parse("--from", start, last=False) if start is not None else None
    upper = parse("--to", end, last=True) if end is not None else None
    if lower and upper and lower > upper:
        raise UsageError(f"--from {start} comes after --to {end}")
    return lower, upper


def typed(value: str, what: str) -> str:
    """*value* as typed by the reader, refused if it is not valid text (bytes in another
    encoding arrive as unencodable characters)."""
    from nato_guide.errors import UsageError

    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"the {what} is not valid UTF-8 text") from None
    return value
