"""What the reading commands do once their arguments are parsed.

The Typer commands parse the command line and call these; so does the fast path
(:func:`serve`), which answers the plainest command lines — a command name, its ids and
perhaps ``--json``, the way most reading is done — without loading Typer at all. Both reach
the same functions, so the two can only differ in parsing, and anything beyond those plain
shapes (other options, ``--help``, a mistake) is left to Typer. Nothing here imports Typer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nato_guide.cli import output
from nato_guide.cli.state import Session

if TYPE_CHECKING:
    from nato_guide.errors import GuideError
    from nato_guide.progress import Status


def welcome(session: Session) -> None:
    """The screen shown by ``nato-guide`` with no command."""
    from nato_guide import __version__, queries
    from nato_guide.cli import render

    content = session.content
    progress = session.progress
    summary = queries.summarize(content, progress)
    start = queries.start_topic(content, progress)
    suggestion = queries.suggest_next(content, progress)
    output.show(render.welcome(content, summary, start, __version__, suggestion))


def topics(session: Session, *, json: bool = False) -> None:
    """``topics``: the topics with their questions and read counts."""
    from nato_guide import queries

    rows = queries.list_topics(session.content, session.progress)
    output.respond(json, lambda: [row.to_json() for row in rows], lambda r: r.topics(rows))


def topic(
    session: Session, topic_id: str, *, perspective: str | None = None, json: bool = False
) -> None:
    """``topic ID``: a topic argued from every side (or one), and the record."""
    from nato_guide import queries

    detail = queries.topic_detail(
        session.content, session.progress, topic_id, perspective=perspective
    )
    output.respond(json, detail.to_json, lambda r: r.topic(detail, session.content))


def documents(
    session: Session,
    *,
    perspective: str | None = None,
    topic: str | None = None,
    status: Status | None = None,
    json: bool = False,
) -> None:
    """``docs``: the reading list, filtered."""
    from nato_guide import queries

    rows = queries.list_documents(
        session.content, session.progress, perspective=perspective, topic=topic, status=status
    )
    total = len(session.content.documents)
    output.respond(
        json, lambda: [row.to_json() for row in rows], lambda r: r.documents(rows, total=total)
    )


def document(session: Session, document_id: str, *, json: bool = False) -> None:
    """``doc ID``: one document's card."""
    from nato_guide import queries

    status = queries.document_status(session.content, session.progress, document_id)
    output.respond(
        json, lambda: status.to_json(detail=True), lambda r: r.document(status, session.content)
    )


def mark(session: Session, ids: Sequence[str], status: Status, *, json: bool = False) -> None:
    """``read ID...`` and ``unread ID...``."""
    from nato_guide import queries

    content = session.content
    result = queries.mark(content, session.store, list(ids), status)
    total_read = sum(result.progress.is_read(d) for d in content.documents)
    output.respond(
        json,
        lambda: queries.mark_json(result),
        lambda r: r.changes(result.changes, content, total_read=total_read),
    )


def progress(session: Session, *, json: bool = False) -> None:
    """``progress``: read counts, balance, self-test and stance."""
    from nato_guide import queries

    summary = queries.summarize(session.content, session.progress)
    quiz = queries.quiz_stats(session.content, session.progress)
    stance = session.progress.stances[-1] if session.progress.stances else None

    def as_json() -> dict[str, object]:
        data = summary.to_json()
        data["quiz"] = quiz.to_json()
        data["stance"] = queries.stance_json(stance) if stance else None
        return data

    output.respond(
        json, as_json, lambda r: r.progress(summary, session.content, quiz=quiz, stance=stance)
    )


#: Listing commands that show the ids of each kind, for errors about unknown ids.
LISTINGS = {
    "topic": "topics",
    "perspective": "perspectives",
    "document": "docs",
    "term": "glossary",
    "path": "paths",
}


def failure(exc: GuideError) -> str:
    """The one line that reports *exc*: its message and, for an unknown id with no close
    match, where to find the ids."""
    from nato_guide.errors import UnknownIdError

    if isinstance(exc, UnknownIdError) and not exc.suggestions and exc.kind in LISTINGS:
        return f"{exc}; see 'nato-guide {LISTINGS[exc.kind]}' for the ids"
    return str(exc)


# --- the fast path ---------------------------------------------------------------------------

#: Commands served without Typer: name -> (fewest ids, most ids or None for any number).
PLAIN: dict[str, tuple[int, int | None]] = {
    "topics": (0, 0),
    "topic": (1, 1),
    "docs": (0, 0),
    "doc": (1, 1),
    "read": (1, None),
    "unread": (1, None),
    "progress": (0, 0),
}


def plain_command(args: Sequence[str]) -> tuple[str, list[str], bool] | None:
    """(command, ids, json) when *args* is a plain command line — no command at all, or a
    command of :data:`PLAIN` with its ids and at most a ``--json`` — else None."""
    if not args:
        return "", [], False
    name, *rest = args
    shape = PLAIN.get(name)
    if shape is None:
        return None
    json = False
    ids: list[str] = []
    for arg in rest:
        if arg == "--json" and not json:
            json = True
        elif arg.startswith("-") or not arg:
            return None  # an option, "--" or "-": for the full parser
        else:
            ids.append(arg)
    fewest, most = shape
    if len(ids) < fewest or (most is not None and len(ids) > most):
        return None
    return name, ids, json


def serve(args: Sequence[str]) -> int | None:
    """Run a plain command line (see :func:`plain_command`) and return its exit code, or
    return None, having done nothing, for the full parser to take."""
    import os

    if os.environ.get("_NATO_GUIDE_COMPLETE"):
        return None  # a shell asking for completions
    plain = plain_command(args)
    if plain is None:
        return None
    name, ids, json = plain
    from nato_guide.errors import GuideError

    session = Session()
    try:
        if name == "":
            welcome(session)
        elif name == "topics":
            topics(session, json=json)
        elif name == "topic":
            topic(session, ids[0], json=json)
        elif name == "docs":
            documents(session, json=json)
        elif name == "doc":
            document(session, ids[0], json=json)
        elif name in ("read", "unread"):
            mark(session, ids, "read" if name == "read" else "unread", json=json)
        else:
            progress(session, json=json)
    except GuideError as exc:
        output.error(failure(exc))
        return exc.exit_code
    return 0
