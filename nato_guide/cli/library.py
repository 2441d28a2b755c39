"""``cite``, ``export`` and ``open``: take the reading list elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nato_guide.cli.options import complete_document
from nato_guide.cli.state import Session

app = typer.Typer()


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    from nato_guide.errors import UsageError, suggest

    if value in allowed:
        return value
    hint = suggest(value, allowed)
    extra = f"; did you mean {', '.join(hint)}?" if hint else ""
    raise UsageError(f"{option} must be one of {', '.join(allowed)}, not {value!r}{extra}")


def _complete_cite_format(incomplete: str) -> list[str]:
    from nato_guide.cite import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]


def _complete_export_format(incomplete: str) -> list[str]:
    from nato_guide.cite import EXPORT_FORMATS

    return [f for f in EXPORT_FORMATS if f.startswith(incomplete)]


@app.command("cite")
def cite_documents(
    ctx: typer.Context,
    document_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...", help="Documents to cite.", autocompletion=complete_document
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="bibtex, csl-json, chicago or markdown.",
            autocompletion=_complete_cite_format,
        ),
    ] = "chicago",
) -> None:
    """Print citations of documents (BibTeX and CSL-JSON import into reference managers)."""
    from nato_guide import cite

    fmt = _choice(fmt, cite.FORMATS, "--format")
    content = Session.of(ctx).content
    documents = [content.document(i) for i in document_ids]
    _write(cite.cite(documents, fmt), None)


@app.command("export")
def export_list(
    ctx: typer.Context,
    what: Annotated[
        str,
        typer.Argument(
            metavar="[list|brief]",
            help="list: the reading list with your status; brief: your notes as a Markdown "
            "position brief with citations.",
            autocompletion=lambda incomplete: [
                w for w in ("list", "brief") if w.startswith(incomplete)
            ],
        ),
    ] = "list",
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="For the list: markdown, csv or json (a brief is always Markdown).",
            autocompletion=_complete_export_format,
        ),
    ] = "markdown",
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file instead of stdout.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the reading list with your read status, or a position brief from your notes."""
    from datetime import date

    from nato_guide import cite, queries

    what = _choice(what, ("list", "brief"), "what to export")
    session = Session.of(ctx)
    if what == "brief":
        notes = queries.notes_on(session.progress)
        text = cite.brief(session.content, notes, today=date.today().isoformat())
        _write(text, output_file, session)
        return
    fmt = _choice(fmt, cite.EXPORT_FORMATS, "--format")
    rows = queries.list_documents(session.content, session.progress)
    _write(cite.export(rows, fmt, question=session.content.question), output_file, session)


@app.command("open")
def open_document(
    ctx: typer.Context,
    document_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The document to open.", autocompletion=complete_document
        ),
    ],
) -> None:
    """Open a document's official link in the web browser (http and https links only)."""
    import webbrowser
    from urllib.parse import urlparse

    from nato_guide.cli import output
    from nato_guide.errors import GuideError

    doc = Session.of(ctx).content.document(document_id)
    if urlparse(doc.url).scheme not in ("http", "https"):
        raise GuideError(f"{doc.id}: refusing to open a link that is not http or https")
    output.note(f"Opening {doc.url}")
    if not webbrowser.open(doc.url):
        raise GuideError(f"no web browser available; the link is {doc.url}")


def _write(text: str, path: Path | None, session: Session | None = None) -> None:
    import os
    import sys

    from nato_guide.errors import GuideError
    from nato_guide.paths import own_documents_path
    from nato_guide.progress import write_atomic

    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if session is not None:
        target = Path(os.path.realpath(path))
        guarded = (session.store.target, own_documents_path(session.store.target))
        if target in guarded or target == session.store.lock_path:
            raise GuideError(f"{path} is one of your progress files; choose another name")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise GuideError(f"cannot write {path}: {exc.strerror or exc}") from None
    sys.stderr.write(f"Wrote {path}\n")
