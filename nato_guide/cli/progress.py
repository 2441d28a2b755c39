"""``progress``: how far the reader has got; ``progress export`` and ``progress import`` carry
it to another machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nato_guide.cli.options import Json
from nato_guide.cli.state import Session

app = typer.Typer(
    name="progress",
    invoke_without_command=True,
    add_completion=False,
    help="Show how many documents you have read, overall and per perspective; export or "
    "import your progress file.",
)


@app.callback()
def progress_show(ctx: typer.Context, json: Json = False) -> None:
    """Show how many documents you have read, overall and per perspective, the balance of
    your reading, your self-test results and where you last stood."""
    if ctx.invoked_subcommand is not None:
        return
    from nato_guide.cli import screens

    screens.progress(Session.of(ctx), json=json)


@app.command("export")
def progress_export(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(metavar="FILE", help="Where to write it (- for stdout).")
    ],
) -> None:
    """Write a copy of your progress file, to carry to another machine."""
    import sys

    from nato_guide.cli import output
    from nato_guide.errors import GuideError
    from nato_guide.progress import dump, write_atomic

    session = Session.of(ctx)
    data = dump(session.progress)
    if target == "-":
        sys.stdout.write(data.decode("utf-8"))
        return
    path = Path(target).expanduser()
    if path.resolve() == session.store.target:
        raise GuideError(f"{path} is the progress file itself")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise GuideError(f"cannot write {path}: {exc.strerror or exc}") from None
    output.note(f"Wrote {path}")


@app.command("import")
def progress_import(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A progress file to take in.")],
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Merge with yours: the later change wins per document and note; notes, "
            "stances and quiz results are united. Without it, FILE replaces yours, and yours "
            "is kept beside it as a dated .bak file.",
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Take in a progress file from another machine."""
    from nato_guide import progress as store_module
    from nato_guide.cli import output
    from nato_guide.errors import GuideError

    session = Session.of(ctx)
    path = source.expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GuideError(f"{path}: no such file; nothing changed") from None
    except OSError as exc:
        raise GuideError(f"{path}: cannot read ({exc.strerror or exc}); nothing changed") from None
    theirs = store_module.parse(raw, path)
    if theirs == store_module.Progress():
        raise GuideError(f"{path} holds no progress; nothing changed")
    before = session.store.load()
    backup = None
    if merge:
        after = session.store.update(lambda mine: store_module.merge(mine, theirs))
    else:
        backup = session.store.replace_all(theirs)

        after = theirs

    def counts(p: store_module.Progress) -> dict[str, int]:
        return {
            "documents_read": sum(1 for e in p.entries.values() if e.status == "read"),
            "notes": len(p.live_notes),
            "stances": len(p.stances),
            "quiz": len(p.quiz),
        }

    result = {
        "merged": merge,
        "before": counts(before),
        "after": counts(after),
        "backup": str(backup) if backup else None,
    }
    output.respond(json, lambda: result, lambda r: r.imported(path, result))
