"""The command line: parse arguments, ask the core, render the answer.

Each command group lives in its own module with its own small ``typer.Typer()``. This
module owns the global options, turns every mistake into one line on stderr, and composes
the modules lazily: a run imports and builds only the command it was asked for (building
all of them cost more than a tenth of a start); help and completion still see them all.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nato_guide import __version__
from nato_guide.cli.state import Session
from nato_guide.errors import GuideError

#: Every command, in the order help lists them, with the module (and its Typer app) that
#: defines it.
COMMANDS: dict[str, tuple[str, str]] = {
    "topics": ("topics", "app"),
    "topic": ("topics", "app"),
    "perspectives": ("perspectives", "app"),
    "perspective": ("perspectives", "app"),
    "docs": ("documents", "docs_app"),
    "doc": ("documents", "app"),
    "read": ("documents", "app"),
    "unread": ("documents", "app"),
    "progress": ("progress", "app"),
    "next": ("paths", "app"),
    "paths": ("paths", "app"),
    "path": ("paths", "app"),
    "timeline": ("timeline", "app"),
    "glossary": ("glossary", "app"),
    "search": ("search", "app"),
    "tour": ("tour", "app"),
    "note": ("notes", "app"),
    "notes": ("notes", "app"),
    "quiz": ("selftest", "app"),
    "stance": ("selftest", "app"),
    "cite": ("library", "app"),
    "export": ("library", "app"),
    "open": ("library", "app"),
}


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

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Import and build only the command asked for."""
        if cmd_name not in COMMANDS:
            return None
        built = _build(*COMMANDS[cmd_name])
        return built if built.name == cmd_name else getattr(built, "commands", {}).get(cmd_name)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GuideError as exc:
            from nato_guide.cli import output, screens

            output.error(screens.failure(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None


@cache
def _build(module_name: str, attribute: str) -> Any:
    """A command module's Typer app, built once per run."""
    import importlib

    import typer.main

    module = importlib.import_module(f"nato_guide.cli.{module_name}")
    built = typer.main.get_command(getattr(module, attribute))
    _tidy_help(built)
    return built


def _tidy_help(command: Any) -> None:
    """Join the lines of each help paragraph, so help reads as paragraphs at any width
    (docstrings wrap at the source's line length)."""
    if command is None:
        return
    if command.help:
        paragraphs = command.help.split("\n\n")
        command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)


def _usage_line(exc: typer.TyperException) -> str:
    """A usage error as one line, with the closest command and where to read more."""
    import re

    from nato_guide.errors import suggest

    message = exc.format_message().rstrip(".")
    ctx = getattr(exc, "ctx", None)
    unknown = re.fullmatch(r"No such command '(.+)'", message)
    if unknown:
        names: list[str] = list(COMMANDS)
        if ctx is not None and ctx.parent is not None:  # a mistyped subcommand of a group
            names = list(ctx.command.list_commands(ctx))
        close = suggest(unknown.group(1), names)
        if close:
            message += f"; did you mean {', '.join(close)}?"
    where = ctx.command_path if ctx is not None else "nato-guide"
    return f"{message} (see: {where} --help)"


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
)


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
    from nato_guide.cli import screens

    screens.welcome(session)
