"""``note ID TEXT`` and ``notes [ID]``: the reader's own notes, kept in the progress file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from nato_guide.cli.options import Json, PerspectiveFilter, typed
from nato_guide.cli.state import Session

if TYPE_CHECKING:
    from nato_guide.progress import Note, Progress

app = typer.Typer()


def _complete_target(incomplete: str, ctx: typer.Context | None = None) -> list[tuple[str, str]]:
    from nato_guide.cli.options import complete_document, complete_perspective, complete_topic

    return [
        *complete_topic(incomplete, ctx),
        *complete_perspective(incomplete, ctx),
        *complete_document(incomplete, ctx),
    ]


Target = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The document, topic or perspective the note is about.",
        autocompletion=_complete_target,
    ),
]


@app.command("note")
def note_write(
    ctx: typer.Context,
    target: Target,
    text: Annotated[str | None, typer.Argument(metavar="[TEXT]", help="The note.")] = None,
    perspective: PerspectiveFilter = None,
    edit: Annotated[bool, typer.Option("--edit", help="Edit a note in $EDITOR.")] = False,
    delete: Annotated[bool, typer.Option("--delete", help="Delete a note.")] = False,
    number: Annotated[
        int | None,
        typer.Option(
            "--number",
            "-n",
            min=1,
            help="Which note on ID, as numbered by: nato-guide notes ID (default: the latest).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add a note to a document, topic or perspective; or edit or delete one. A note that
    starts with a dash goes after `--`: nato-guide note ID -- "-text"."""
    from datetime import UTC, datetime

    from nato_guide import queries
    from nato_guide.cli import output
    from nato_guide.errors import UsageError

    if text is not None:
        text = typed(text, "note")
    session = Session.of(ctx)
    content = session.content
    target = _existing_target(session, target, adding=text is not None)
    tag = content.perspective(perspective).id if perspective else ""
    if (text is not None) + edit + delete != 1:
        raise UsageError("give the note's TEXT, or --edit, or --delete (one of them)")
    now = datetime.now(UTC).replace(microsecond=0)

    if text is not None:
        if not text.strip():
            raise UsageError("the note is empty")
        import secrets

        from nato_guide.progress import Note

        note = Note(secrets.token_hex(6), target, text.strip(), now, now, tag)
        session.store.update(lambda p: p._replace(notes=(*p.notes, note)))
        output.note(f"Noted on {target}. See: nato-guide notes {target}")
        return

    chosen = _pick(queries.notes_on(session.progress, target), target, number)
    if delete:
        gone = chosen._replace(deleted=True, text="", updated_at=now)
        session.store.update(_replacing(chosen, gone))
        output.note(f"Deleted a note on {target}.")
        return
    edited = typed(_edit_in_editor(chosen.text), "edited note")
    if edited == chosen.text:
        output.note("No change.")
        return
    if not edited:
        raise UsageError("the edited note is empty; to remove it use --delete")
    later = datetime.now(UTC).replace(microsecond=0)  # the edit is as new as its saving
    new = chosen._replace(text=edited, updated_at=later, perspective=tag or chosen.perspective)
    session.store.update(_replacing(chosen, new, edited=edited))
    output.note(f"Updated a note on {target}.")


def _existing_target(session: Session, target: str, *, adding: bool) -> str:
    """A note's target as stored: a known id, or (to list or remove notes) an id whose
    document has since gone but which still has notes."""
    from nato_guide import queries

    key = target.strip().casefold()
    if not adding and any(n.target == key for n in session.progress.live_notes):
        return key
    queries.note_target(session.content, target)
    return key


def _replacing(old: Note, new: Note, *, edited: str = "") -> Callable[[Progress], Progress]:
    """The change that swaps *old* for *new*, refused if the note changed meanwhile (in
    another window, or by a merge) so that nothing is silently undone."""
    from nato_guide.errors import GuideError

    def change(progress: Progress) -> Progress:
        current = next((n for n in progress.notes if n.id == old.id), None)
        if current != old:
            keep = f"; your text: {edited}" if edited else ""
            raise GuideError(f"the note changed while you were editing it; nothing saved{keep}")
        return progress._replace(notes=tuple(new if n.id == old.id else n for n in progress.notes))

    return change


def _pick(notes: list[Note], target: str, number: int | None) -> Note:
    from nato_guide.errors import UsageError

    if not notes:
        raise UsageError(f"there is no note on {target}")
    if number is None:
        return notes[-1]
    if number > len(notes):
        raise UsageError(f"{target} has {len(notes)} note(s); there is no note {number}")
    return notes[number - 1]


def _edit_in_editor(text: str) -> str:
    """Open *text* in $VISUAL or $EDITOR (run directly, never through a shell). Ctrl-C
    belongs to the editor while it runs, as in git."""
    import os
    import shlex
    import signal
    import subprocess
    import tempfile
    from pathlib import Path

    from nato_guide.errors import GuideError

    editor = (os.environ.get("VISUAL") or os.environ.get("EDITOR") or "").strip()
    if not editor:
        raise GuideError("set $EDITOR (or $VISUAL) to edit notes, e.g. EDITOR=nano")
    try:
        command = shlex.split(editor)
    except ValueError as exc:
        raise GuideError(f"cannot read $EDITOR {editor!r} ({exc}); the note is unchanged") from None
    fd, name = tempfile.mkstemp(prefix="nato-guide-note-", suffix=".txt")
    path = Path(name)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise GuideError(
                f"cannot run the editor {editor!r}: {exc.strerror or exc}; the note is unchanged"
            ) from None
        if result.returncode != 0:
            raise GuideError(f"the editor exited with {result.returncode}; the note is unchanged")
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise GuideError("the editor removed the file; the note is unchanged") from None
        except UnicodeDecodeError:
            raise GuideError(
                "the editor saved text that is not UTF-8; the note is unchanged"
            ) from None
    finally:
        signal.signal(signal.SIGINT, previous)
        path.unlink(missing_ok=True)


@app.command("notes")
def notes_list(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Only the notes on this document, topic or perspective.",
            autocompletion=_complete_target,
            show_default=False,
        ),
    ] = None,
    json: Json = False,
) -> None:
    """List your notes, numbered per document, topic or perspective."""
    from nato_guide import queries
    from nato_guide.cli import output

    session = Session.of(ctx)
    content = session.content
    if target is not None:
        target = _existing_target(session, target, adding=False)
    found = queries.notes_on(session.progress, target)
    output.respond(
        json,
        lambda: [queries.note_json(n, content) for n in found],
        lambda r: r.notes(found, content),
    )
