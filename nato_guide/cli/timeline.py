"""``timeline``: the dated events of the debate, and NATO's growth by year."""

from __future__ import annotations

from typing import Annotated

import typer

from nato_guide.cli.options import Json, PerspectiveFilter, TopicFilter, period
from nato_guide.cli.state import Session

app = typer.Typer(add_completion=False)  # completion is the root command's


@app.command("timeline")
def timeline_show(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="From this year or date (e.g. 1990, 2014-03).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Up to this year or date (inclusive).", show_default=False),
    ] = None,
    perspective: PerspectiveFilter = None,
    topic: TopicFilter = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Only the chart of NATO's membership by year.")
    ] = False,
    json: Json = False,
) -> None:
    """Show the timeline from 1949 to 2024, each event linked to its documents and topics;
    unfiltered, it ends with a chart of NATO's membership by year."""
    from nato_guide import queries
    from nato_guide.cli import output

    content = Session.of(ctx).content
    if chart:
        steps = queries.membership(content)
        output.respond(
            json, lambda: [step.to_json() for step in steps], lambda r: r.timeline([], chart=steps)
        )
        return
    lower, upper = period(start, end)
    events = queries.timeline(content, start=lower, end=upper, perspective=perspective, topic=topic)
    unfiltered = lower is None and upper is None and not (perspective or topic)
    output.respond(
        json,
        lambda: [queries.event_json(event) for event in events],
        lambda r: r.timeline(events, chart=queries.membership(content) if unfiltered else []),
    )
