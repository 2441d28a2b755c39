"""The command line: parse arguments, ask the core, render the answer.

Each command group lives in its own module with its own small ``typer.Typer()``; this
module composes them, owns the global options and turns the core's errors into one line
on stderr and a non-zero exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nato_guide import __version__
from nato_guide.cli import (
    documents,
    glossary,
    library,
    notes,
    paths,
    perspectives,
    search,
    selftest,
    timeline,
    topics,
    tour,
)
from nato_guide.cli import progress as progress_cmd
from nato_guide.cli.state import Session
from nato_guide.errors import GuideError


class GuideGroup(TyperGroup):
    """Every mistake is one line on stderr: the guide's own errors (:class:`GuideError`)
    and usage errors alike; Ctrl-C ends quietly with the conventional code 130."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run(standalone: bool) -> Any:
            return super(GuideGroup, self).main(
                args, prog_name, complete_var, standalone, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run(False)
        from nato_guide.cli import output

        try:
            result = run(False)
        except typer.TyperException as exc:
            output.error(_usage_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            output.error("aborted")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GuideError as exc:
            from nato_guide.cli import output

            output.error(str(exc) + _listing_hint(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None


_LISTINGS = {
    "topic": "topics",
    "perspective": "perspectives",
    "document": "docs",
    "term": "glossary",
    "path": "paths",
}


def _usage_line(exc: typer.TyperException) -> str:
    """A usage error as one line, with where to read more."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "nato-guide"
    return f"{exc.format_message().rstrip('.')} (see: {where} --help)"


def _listing_hint(exc: GuideError) -> str:
    """For an unknown id with no close match, where to find the ids."""
    from nato_guide.errors import UnknownIdError

    if isinstance(exc, UnknownIdError) and not exc.suggestions:
        return f"; see 'nato-guide {_LISTINGS.get(exc.kind, exc.kind + 's')}' for the ids"
    return ""


app = typer.Typer(
    name="nato-guide",
    cls=GuideGroup,
    help=(
        "A reading guide to the question: did Russia invade Ukraine in 2022 because of "
        "NATO enlargement? Each topic argued from five perspectives, the primary documents "
        "to read, and your reading progress."
    ),
    epilog="Run nato-guide with no command for the welcome screen.",
    invoke_without_command=True,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="markdown",
)
app.add_typer(topics.app)
app.add_typer(perspectives.app)
app.add_typer(documents.docs_app)
app.add_typer(documents.app)
app.add_typer(progress_cmd.app)
app.add_typer(timeline.app)
app.add_typer(glossary.app)
app.add_typer(paths.app)
app.add_typer(library.app)
app.add_typer(search.app)
app.add_typer(notes.app)
app.add_typer(selftest.app)
app.add_typer(tour.app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nato-guide {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    progress_file: Annotated[
        Path | None,
        typer.Option(
            "--progress-file",
            help="Progress file to use (default: $NATO_GUIDE_PROGRESS, else the user data folder).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A reading guide to the question: did Russia invade Ukraine in 2022 because of NATO
    enlargement?"""
    ctx.obj = Session(progress_file=progress_file)
    if ctx.invoked_subcommand is None:
        _welcome(ctx.obj)


def _welcome(session: Session) -> None:
    from nato_guide import queries
    from nato_guide.cli import output, render

    content = session.content
    progress = session.progress
    summary = queries.summarize(content, progress)
    start = queries.start_topic(content, progress)
    output.show(render.welcome(content, summary, start, __version__))
