"""``perspectives`` and ``perspective ID``: who argues what, and from which texts."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json, complete_perspective
from nato_guide.cli.state import Session

app = typer.Typer()


@app.command("perspectives")
def perspectives_list(ctx: typer.Context, json: Json = False) -> None:
    """List the five perspectives: who holds each and its answer to the question."""
    from nato_guide import queries
    from nato_guide.cli import output

    content = Session.of(ctx).content
    output.respond(
        json,
        lambda: [queries.perspective_json(p) for p in content.perspectives.values()],
        lambda r: r.perspectives(content),
    )


@app.command("perspective")
def perspective_show(
    ctx: typer.Context,
    perspective_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="kremlin, western, mearsheimer, applebaum or ukraine.",
            autocompletion=complete_perspective,
        ),
    ],
    json: Json = False,
) -> None:
    """Show a perspective: who holds it, its thesis, its case on every topic and its key
    documents."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    detail = queries.perspective_detail(session.content, session.progress, perspective_id)
    output.respond(json, detail.to_json, lambda r: r.perspective(detail))
