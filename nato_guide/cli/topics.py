"""``topics`` and ``topic ID``: the questions of the debate, argued from every side."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json, PerspectiveFilter, complete_topic
from nato_guide.cli.state import Session

app = typer.Typer()


@app.command("topics")
def topics_list(ctx: typer.Context, json: Json = False) -> None:
    """List the topics, each with its question and how many of its documents you have read."""
    from nato_guide.cli import screens

    screens.topics(Session.of(ctx), json=json)


@app.command("topic")
def topic_show(
    ctx: typer.Context,
    topic_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The topic (see: nato-guide topics).", autocompletion=complete_topic
        ),
    ],
    perspective: PerspectiveFilter = None,
    json: Json = False,
) -> None:
    """Run a topic: its framing, each perspective's case and strongest objection, and what
    the record shows."""
    from nato_guide.cli import screens

    screens.topic(Session.of(ctx), topic_id, perspective=perspective, json=json)
