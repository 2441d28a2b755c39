"""``quiz`` and ``stance``: test yourself on the record, and log where you stand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from nato_guide.cli.options import Json, TopicFilter, typed
from nato_guide.cli.state import Session

if TYPE_CHECKING:
    from nato_guide.progress import Progress, QuizResult

app = typer.Typer()


@app.command("quiz")
def quiz_run(
    ctx: typer.Context,
    topic: TopicFilter = None,
    count: Annotated[
        int, typer.Option("--count", "-n", min=1, max=100, help="How many questions.")
    ] = 5,
    json: Json = False,
) -> None:
    """Test yourself on the record: short questions, each answered by a document. Type a
    choice's number (or the answer), s to skip, q to stop; results are kept."""
    from datetime import UTC, datetime

    from nato_guide import queries
    from nato_guide.cli import output, render
    from nato_guide.progress import QuizResult

    session = Session.of(ctx)
    content = session.content
    chosen = queries.pick_questions(content, session.progress, topic=topic, count=count)
    if json:
        output.emit_json([queries.question_json(q, content) for q in chosen])
        return
    if not chosen:
        output.note("No questions here.")
        return
    right = asked = 0
    for number, question in enumerate(chosen, 1):
        output.show(render.question(question, number, len(chosen)))
        try:
            reply = typer.prompt("Your answer", default="", show_default=False)
        except typer.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None  # Ctrl-C: exit 130, answers so far kept
            break  # end of input
        if reply.strip().casefold() == "q":
            break
        if reply.strip().casefold() in ("", "s"):
            output.show(render.answer(question, None, content))
            continue
        correct = question.is_right(reply)
        asked += 1
        right += correct
        result = QuizResult(question.id, correct, datetime.now(UTC).replace(microsecond=0))
        session.store.update(_recording(result))
        output.show(render.answer(question, correct, content))
    output.note(f"{right} of {asked} right. Your record: nato-guide progress")


def _recording(result: QuizResult) -> Callable[[Progress], Progress]:
    """The change that appends one quiz result."""
    return lambda p: p._replace(quiz=(*p.quiz, result))


@app.command("stance")
def stance_log(
    ctx: typer.Context,
    value: Annotated[
        int | None,
        typer.Argument(
            min=0,
            max=100,
            metavar="[0-100]",
            help="How far you agree that NATO enlargement was the main cause (0 not at all, "
            "100 entirely).",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Argument(metavar="[SENTENCE]", help="Why, in a sentence.")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="How your stance moved, against what you had read.")
    ] = False,
    json: Json = False,
) -> None:
    """Record where you stand, or show how it has moved. Nothing is judged: it is your log."""
    from datetime import UTC, datetime

    from nato_guide import queries
    from nato_guide.cli import output
    from nato_guide.errors import UsageError
    from nato_guide.progress import Stance

    session = Session.of(ctx)
    content = session.content
    if value is None:
        if text is not None:
            raise UsageError("give a value from 0 to 100 before the sentence")
        stances = session.progress.stances
        output.respond(
            json,
            lambda: [queries.stance_json(s) for s in stances],
            lambda r: r.stances(stances, history=history),
        )
        return
    if history:
        raise UsageError("--history shows your log; give a value or --history, not both")
    if text is not None:
        text = typed(text, "sentence")
    read = sum(session.progress.is_read(d) for d in content.documents)
    stance = Stance(datetime.now(UTC).replace(microsecond=0), value, (text or "").strip(), read)
    updated = session.store.update(lambda p: p._replace(stances=(*p.stances, stance)))
    output.respond(
        json,
        lambda: queries.stance_json(stance),
        lambda r: r.stances(updated.stances, history=False),
    )
