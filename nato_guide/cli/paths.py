"""``paths``, ``path NAME`` and ``next``: curated orders through the documents."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json, complete_path
from nato_guide.cli.state import Session

app = typer.Typer()


@app.command("paths")
def paths_list(ctx: typer.Context, json: Json = False) -> None:
    """List the reading paths (a 30-minute primer, an evening, a weekend, each side in its own
    words) with their time budgets and your position in each."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    rows = queries.list_paths(session.content, session.progress)
    output.respond(json, lambda: [row.to_json() for row in rows], lambda r: r.paths(rows))


@app.command("path")
def path_show(
    ctx: typer.Context,
    path_id: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The path (see: nato-guide paths).", autocompletion=complete_path
        ),
    ],
    follow: Annotated[
        bool, typer.Option("--follow", help="Follow this path: nato-guide next walks it.")
    ] = False,
    unfollow: Annotated[bool, typer.Option("--unfollow", help="Stop following a path.")] = False,
    json: Json = False,
) -> None:
    """Show a reading path: its steps, where you are in it and the minutes left."""
    from nato_guide import queries
    from nato_guide.cli import output
    from nato_guide.errors import UsageError

    session = Session.of(ctx)
    if follow and unfollow:
        raise UsageError("--follow and --unfollow exclude each other")
    path = session.content.path(path_id)
    if follow:
        session.store.set_setting(queries.FOLLOWED_PATH, path.id)
        session.reload()
    elif unfollow:
        followed = queries.followed_path(session.content, session.progress)
        if followed != path.id:
            raise UsageError(
                f"you are not following {path.id}"
                + (f" but {followed}" if followed else "")
                + "; nothing changed"
            )
        session.store.set_setting(queries.FOLLOWED_PATH, None)
        session.reload()
    state = queries.path_progress(session.content, session.progress, path.id)
    output.respond(json, lambda: state.to_json(detail=True), lambda r: r.path(state))


@app.command("next")
def next_show(ctx: typer.Context, json: Json = False) -> None:
    """Suggest the single best next document for you, with one line on why."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    suggestion = queries.suggest_next(session.content, session.progress)
    output.respond(json, suggestion.to_json, lambda r: r.suggestion(suggestion))
