"""The command line: parse arguments, ask the core, render the answer.

Each command group lives in its own module with its own small ``typer.Typer()``. This
module owns the global options, turns every mistake into one line on stderr, and composes
the modules lazily: a run imports and builds only the command it was asked for (building
all of them cost more than a tenth of a start). The list of commands, in help and in the
completion of command names, comes from a table and imports no command module.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from nato_guide import __version__
from nato_guide.cli.state import Session
from nato_guide.errors import GuideError


class Entry(NamedTuple):
    """A command as the list of commands shows it, and where it is defined."""

    module: str
    """The module under ``nato_guide.cli`` that defines it."""
    app: str
    """That module's Typer app holding it."""
    summary: str
    """The first paragraph of its help, exactly as the built command has it."""
    panel: str | None = None
    """Its help panel, when not the default one."""


#: Every command, in the order help lists them. Help and completion list the commands from
#: this table alone, without importing a module; a test checks it against the commands.
COMMANDS: dict[str, Entry] = {
    "topics": Entry(
        "topics",
        "app",
        "List the topics, each with its question and how many of its documents you have read.",
    ),
    "topic": Entry(
        "topics",
        "app",
        "Run a topic: its framing, each perspective's case and strongest objection, and what "
        "the record shows.",
    ),
    "perspectives": Entry(
        "perspectives",
        "app",
        "List the five perspectives: who holds each and its answer to the question.",
    ),
    "perspective": Entry(
        "perspectives",
        "app",
        "Show a perspective: who holds it, its thesis, its case on every topic and its key "
        "documents.",
    ),
    "docs": Entry(
        "documents",
        "docs_app",
        "List the recommended primary documents in reading order, with your read status; add "
        "your own.",
    ),
    "doc": Entry(
        "documents",
        "app",
        "Show a document's card: where to read it, why it matters, how each side reads it.",
    ),
    "read": Entry("documents", "app", "Mark documents as read (records when)."),
    "unread": Entry("documents", "app", "Mark documents as not read."),
    "progress": Entry(
        "progress",
        "app",
        "Show how many documents you have read, overall and per perspective; export or import "
        "your progress file.",
    ),
    "next": Entry(
        "paths", "app", "Suggest the single best next document for you, with one line on why."
    ),
    "paths": Entry(
        "paths",
        "app",
        "List the reading paths (a 30-minute primer, an evening, a weekend, each side in its "
        "own words) with their time budgets and your position in each.",
    ),
    "path": Entry(
        "paths", "app", "Show a reading path: its steps, where you are in it and the minutes left."
    ),
    "timeline": Entry(
        "timeline",
        "app",
        "Show the timeline from 1949 to 2024, each event linked to its documents and topics; "
        "unfiltered, it ends with a chart of NATO's membership by year.",
    ),
    "glossary": Entry(
        "glossary",
        "app",
        "Explain the loaded terms of the debate (expansion or enlargement, sphere of influence, "
        "special military operation, ...) and how each perspective uses them.",
    ),
    "search": Entry(
        "search",
        "app",
        "Search topics, arguments, the record, documents, the timeline and the glossary (case "
        "and accents ignored), best matches first.",
    ),
    "tour": Entry(
        "tour",
        "app",
        "Walk through the topics one screen at a time (Enter next, b back, m mark read, q "
        "quit), resuming where you stopped. Without a terminal, print the whole tour.",
    ),
    "note": Entry(
        "notes",
        "app",
        "Add a note to a document, topic or perspective; or edit or delete one. A note that "
        'starts with a dash goes after `--`: nato-guide note ID -- "-text".',
    ),
    "notes": Entry("notes", "app", "List your notes, numbered per document, topic or perspective."),
    "quiz": Entry(
        "selftest",
        "app",
        "Test yourself on the record: short questions, each answered by a document. Type a "
        "choice's number (or the answer), s to skip, q to stop; results are kept.",
    ),
    "stance": Entry(
        "selftest",
        "app",
        "Record where you stand, or show how it has moved. Nothing is judged: it is your log.",
    ),
    "cite": Entry(
        "library",
        "app",
        "Print citations of documents (BibTeX and CSL-JSON import into reference managers).",
    ),
    "export": Entry(
        "library",
        "app",
        "Export the reading list with your read status, or a position brief from your notes.",
    ),
    "open": Entry(
        "library",
        "app",
        "Open a document's official link in the web browser (http and https links only).",
    ),
}

#: Set in a context's ``meta`` while the group lists its commands (help, completion).
_LISTING = "nato_guide.listing"


class GuideContext(typer.Context):
    """A context whose help, in Rich, loads Typer's formatter without rich.markdown (see
    :mod:`nato_guide.cli.helpformat`)."""

    def get_help(self) -> str:
        if getattr(self.command, "rich_markup_mode", None) == "rich" and _typer_uses_rich():
            from nato_guide.cli import helpformat

            helpformat.load()
        return super().get_help()


def _typer_uses_rich() -> bool:
    """Whether Typer formats help with Rich (it does unless TYPER_USE_RICH turns it off)."""
    import typer.core

    return bool(getattr(typer.core, "HAS_RICH", True))


class GuideGroup(TyperGroup):
    """Every mistake is one line on stderr: the guide's own errors (:class:`GuideError`)
    and usage errors alike; Ctrl-C ends quietly with the conventional code 130."""

    context_class = GuideContext

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
        try:
            result = run(False)
        except typer.TyperException as exc:
            from nato_guide.cli import output

            output.error(_usage_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            from nato_guide.cli import output

            output.error("aborted")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Import and build only the command asked for; to list the commands, a stand-in
        from the table, so that no command module is imported."""
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if ctx.meta.get(_LISTING):
            return _listed(cmd_name)
        built = _build(entry.module, entry.app)
        return built if built.name == cmd_name else getattr(built, "commands", {}).get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Typer's help, listing the commands from the table."""
        ctx.meta[_LISTING] = True
        try:
            super().format_help(ctx, formatter)
        finally:
            del ctx.meta[_LISTING]

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        """Complete command names (and the group's options) from the table."""
        ctx.meta[_LISTING] = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            del ctx.meta[_LISTING]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GuideError as exc:
            from nato_guide.cli import output, screens

            output.error(screens.failure(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None


class _Listed(TyperCommand):
    """A command as the list of commands shows it (name, summary, panel), made from the
    table without importing its module. It only lists: it can neither parse nor run."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"{self.name!r} stands in for the command list; it cannot run")

    def invoke(self, ctx: Any) -> Any:
        raise RuntimeError(f"{self.name!r} stands in for the command list; it cannot run")


@cache
def _listed(name: str) -> _Listed:
    entry = COMMANDS[name]
    return _Listed(name, help=entry.summary, rich_help_panel=entry.panel)


@cache
def _build(module_name: str, attribute: str) -> Any:
    """A command module's Typer app, built once per run."""
    import importlib

    import typer.main

    module = importlib.import_module(f"nato_guide.cli.{module_name}")
    built = typer.main.get_command(getattr(module, attribute))
    _adapt(built)
    return built


def _adapt(command: Any) -> None:
    """Join the lines of each help paragraph, so help reads as paragraphs at any width
    (docstrings wrap at the source's line length); give every command the guide's context."""
    if command is None:
        return
    command.context_class = GuideContext
    if command.help:
        paragraphs = command.help.split("\n\n")
        command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    for sub in getattr(command, "commands", {}).values():
        _adapt(sub)


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
