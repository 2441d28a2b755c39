"""``tour``: walk through the topics one screen at a time, resuming where you stopped."""

from __future__ import annotations

import contextlib
import sys
from typing import Annotated

import typer

from nato_guide.cli.state import Session

app = typer.Typer(add_completion=False)  # completion is the root command's

KEYS = "Enter: next · b: back · m: mark this topic's documents read · q: quit"


def _interactive() -> bool:
    """A tour prompts only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command("tour")
def tour_run(
    ctx: typer.Context,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start again from the first topic.")
    ] = False,
) -> None:
    """Walk through the topics one screen at a time (Enter next, b back, m mark read, q quit),
    resuming where you stopped. Without a terminal, print the whole tour."""
    from nato_guide import queries
    from nato_guide.cli import output, render
    from nato_guide.errors import ProgressError

    session = Session.of(ctx)
    content = session.content
    topics = list(content.topics.values())
    if not _interactive():
        for index, topic in enumerate(topics):
            output.show(render.tour_screen(topic, index, len(topics), content, session.progress))
        return

    index = 0 if restart else queries.tour_start(content, session.progress)
    while index < len(topics):
        topic = topics[index]
        # Resume here after Ctrl-C; where nothing can be written, tour without it.
        with contextlib.suppress(ProgressError):
            session.store.set_setting(queries.TOUR_POSITION, topic.id)
            session.reload()
        output.clear()
        output.show(render.tour_screen(topic, index, len(topics), content, session.progress))
        output.note(KEYS)
        try:
            key = typer.prompt("", default="", show_default=False, prompt_suffix="> ")
        except typer.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None  # Ctrl-C: exit 130, the place is kept
            return  # end of input: keep the place
        key = key.strip().casefold()
        if key == "q":
            output.note(f"Stopped at {topic.title}. nato-guide tour picks up here.")
            return
        if key == "b":
            index = max(0, index - 1)
        elif key == "m":
            session.store.mark(topic.documents, "read")
            session.reload()
        else:
            index += 1
    with contextlib.suppress(ProgressError):
        session.store.set_setting(queries.TOUR_POSITION, None)
    output.note("You have finished the tour. Next: nato-guide next, or nato-guide paths.")
