"""``progress``: how far the reader has got, overall and per perspective."""

from __future__ import annotations

import typer

from nato_guide.cli.options import Json
from nato_guide.cli.state import Session

app = typer.Typer()


@app.command("progress")
def progress_show(ctx: typer.Context, json: Json = False) -> None:
    """Show how many documents you have read, overall and per perspective."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    summary = queries.summarize(session.content, session.progress)
    output.respond(json, summary.to_json, lambda r: r.progress(summary, session.content))
