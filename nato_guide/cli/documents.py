"""``docs``, ``doc ID``, ``read ID...`` and ``unread ID...``: the primary documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nato_guide.cli.options import (
    Json,
    PerspectiveFilter,
    TopicFilter,
    complete_document,
    status_filter,
    typed,
)
from nato_guide.cli.state import Session

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


docs_app = typer.Typer(
    name="docs",
    invoke_without_command=True,
    add_completion=False,
    help="List the recommended primary documents in reading order, with your read status; "
    "add your own.",
)


@docs_app.callback()
def docs_list(
    ctx: typer.Context,
    perspective: PerspectiveFilter = None,
    topic: TopicFilter = None,
    unread: Annotated[bool, typer.Option("--unread", help="Only documents not yet read.")] = False,
    read: Annotated[bool, typer.Option("--read", help="Only documents already read.")] = False,
    json: Json = False,
) -> None:
    """List the recommended primary documents in reading order, with your read status
    (your own documents, if any, come last)."""
    if ctx.invoked_subcommand is not None:
        return
    from nato_guide.cli import screens

    status = status_filter(read=read, unread=unread)
    screens.documents(
        Session.of(ctx), perspective=perspective, topic=topic, status=status, json=json
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
    from nato_guide.cli import screens

    screens.document(Session.of(ctx), document_id, json=json)


@app.command("read")
def docs_read(ctx: typer.Context, document_ids: DocumentIds, json: Json = False) -> None:
    """Mark documents as read (records when)."""
    from nato_guide.cli import screens

    screens.mark(Session.of(ctx), document_ids, "read", json=json)


@app.command("unread")
def docs_unread(ctx: typer.Context, document_ids: DocumentIds, json: Json = False) -> None:
    """Mark documents as not read."""
    from nato_guide.cli import screens

    screens.mark(Session.of(ctx), document_ids, "unread", json=json)


@docs_app.command("add")
def docs_add(
    ctx: typer.Context,
    document_id: Annotated[
        str, typer.Argument(metavar="ID", help="A new id: lowercase letters, digits, hyphens.")
    ],
    title: Annotated[str, typer.Option("--title", help="The document's title.")],
    url: Annotated[str, typer.Option("--url", help="Where to read it (https).")],
    when: Annotated[str, typer.Option("--date", help="Its date: YYYY, YYYY-MM or YYYY-MM-DD.")],
    issuer: Annotated[str, typer.Option("--issuer", help="Who issued or wrote it.")] = "",
    minutes: Annotated[int, typer.Option("--minutes", min=1, help="Reading time.")] = 10,
    why: Annotated[str, typer.Option("--why", help="Why you add it.")] = "",
) -> None:
    """Add a document of your own to the reading list (kept in my-documents.toml beside
    your progress file; updates of the guide never touch it)."""
    import os

    import tomli_w

    from nato_guide.cli import output
    from nato_guide.content import add_own_documents, load_content
    from nato_guide.errors import GuideError
    from nato_guide.paths import own_documents_path
    from nato_guide.progress import write_atomic

    for value, what in ((title, "title"), (url, "url"), (issuer, "issuer"), (why, "why")):
        typed(value, what)
    session = Session.of(ctx)
    path = Path(os.path.realpath(own_documents_path(session.store.target)))
    entry: dict[str, object] = {"id": document_id, "title": title, "date": when, "url": url}
    entry.update({k: v for k, v in (("issuer", issuer), ("why", why)) if v})
    entry["minutes"] = minutes
    block = ("[[document]]\n" + tomli_w.dumps(entry)).encode("utf-8")
    with session.store.lock():
        try:
            existing = path.read_bytes()
        except FileNotFoundError:
            existing = b""
        except OSError as exc:
            raise GuideError(
                f"{path}: cannot read it ({exc.strerror or exc}); nothing added"
            ) from None
        # Append to the reader's file as it is (comments and layout kept), after checking
        # that the whole still reads and adds nothing that clashes.
        data = existing + (b"\n" if existing and not existing.endswith(b"\n") else b"")
        data += (b"\n" if existing else b"") + block
        add_own_documents(load_content(), data, path, strict=True)
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise GuideError(f"cannot write {path}: {exc.strerror or exc}") from None
    output.note(f"Added {document_id} to your documents ({path}).")
