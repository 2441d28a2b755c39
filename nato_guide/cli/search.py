"""``search TEXT``: find a word or phrase anywhere in the guide."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json
from nato_guide.cli.state import Session

app = typer.Typer(add_completion=False)  # completion is the root command's


@app.command("search")
def search_run(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words to find (all of them).")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=200, help="At most this many results.")
    ] = 20,
    json: Json = False,
) -> None:
    """Search topics, arguments, the record, documents, the timeline and the glossary
    (case and accents ignored), best matches first."""
    from nato_guide.cli import output
    from nato_guide.search import search

    query = " ".join(words)
    hits = search(Session.of(ctx).content, query, limit=limit)
    output.respond(json, lambda: [hit.to_json() for hit in hits], lambda r: r.hits(hits, query))
