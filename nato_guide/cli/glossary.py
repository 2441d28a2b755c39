"""``glossary [TERM]``: the loaded words each side uses differently."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json, complete_term
from nato_guide.cli.state import Session

app = typer.Typer(add_completion=False)  # completion is the root command's


@app.command("glossary")
def glossary_show(
    ctx: typer.Context,
    term_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[TERM]",
            help="A term id or its wording (e.g. open-door); without it, every term.",
            autocompletion=complete_term,
            show_default=False,
        ),
    ] = None,
    json: Json = False,
) -> None:
    """Explain the loaded terms of the debate (expansion or enlargement, sphere of influence,
    special military operation, ...) and how each perspective uses them."""
    from nato_guide import queries
    from nato_guide.cli import output

    content = Session.of(ctx).content
    if term_id is None:
        terms = list(content.terms.values())
        output.respond(
            json, lambda: [queries.term_json(t) for t in terms], lambda r: r.glossary(terms)
        )
        return
    entry = content.term(term_id)
    output.respond(
        json, lambda: queries.term_json(entry, detail=True), lambda r: r.term(entry, content)
    )
