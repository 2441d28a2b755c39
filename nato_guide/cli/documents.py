"""``docs``, ``doc ID``, ``read ID...`` and ``unread ID...``: the primary documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from nato_guide.cli.options import (
    Json,
    PerspectiveFilter,
    TopicFilter,
    complete_document,
    status_filter,
)
from nato_guide.cli.state import Session

if TYPE_CHECKING:
    from nato_guide.progress import Status

app = typer.Typer()

DocumentIds = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="One or more document ids (see: nato-guide docs).",
        autocompletion=complete_document,
        show_default=False,
    ),
]


@app.command("docs")
def docs_list(
    ctx: typer.Context,
    perspective: PerspectiveFilter = None,
    topic: TopicFilter = None,
    unread: Annotated[bool, typer.Option("--unread", help="Only documents not yet read.")] = False,
    read: Annotated[bool, typer.Option("--read", help="Only documents already read.")] = False,
    json: Json = False,
) -> None:
    """List the recommended primary documents in reading order, with your read status."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    status = status_filter(read=read, unread=unread)
    rows = queries.list_documents(
        session.content, session.progress, perspective=perspective, topic=topic, status=status
    )
    total = len(session.content.documents)
    output.respond(
        json, lambda: [row.to_json() for row in rows], lambda r: r.documents(rows, total=total)
    )


@app.command("doc")
def doc_show(
    ctx: typer.Context,
    document_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The document (see: nato-guide docs).",
            autocompletion=complete_document,
        ),
    ],
    json: Json = False,
) -> None:
    """Show a document's card: where to read it, why it matters, how each side reads it."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    status = queries.document_status(session.content, session.progress, document_id)
    output.respond(
        json, lambda: status.to_json(detail=True), lambda r: r.document(status, session.content)
    )


@app.command("read")
def docs_read(ctx: typer.Context, document_ids: DocumentIds, json: Json = False) -> None:
    """Mark documents as read (records when)."""
    _mark(ctx, document_ids, "read", json=json)


@app.command("unread")
def docs_unread(ctx: typer.Context, document_ids: DocumentIds, json: Json = False) -> None:
    """Mark documents as not read."""
    _mark(ctx, document_ids, "unread", json=json)


def _mark(ctx: typer.Context, ids: list[str], status: Status, *, json: bool) -> None:
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    content = session.content
    result = queries.mark(content, session.store, ids, status)
    total_read = sum(result.progress.is_read(d) for d in content.documents)
    output.respond(
        json,
        lambda: queries.mark_json(result),
        lambda r: r.changes(result.changes, content, total_read=total_read),
    )
