"""The one place that writes to the terminal: the Rich consoles, JSON and error lines.

Rich is imported only when something is rendered for people, so JSON output, completion
and errors never pay for it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


@cache
def console() -> Console:
    """The console for content on stdout.

    Markup is off: every renderable is built from :class:`rich.text.Text`, so no text
    from the content or the reader is ever interpreted as markup. Styles follow the
    terminal: none when stdout is not a terminal, ``TERM=dumb`` or ``NO_COLOR`` is set.
    """
    from rich.console import Console

    # NO_COLOR asks for plain output: with no colour system Rich writes no escape codes at
    # all (bold and dim included), and nothing in the guide depends on them.
    if os.environ.get("NO_COLOR"):
        return Console(markup=False, highlight=False, emoji=False, color_system=None)
    return Console(markup=False, highlight=False, emoji=False)


def show(*renderables: RenderableType) -> None:
    """Print renderables to stdout."""
    out = console()
    for renderable in renderables:
        out.print(renderable)


def respond(
    as_json: bool, data: Callable[[], Any], view: Callable[[ModuleType], RenderableType]
) -> None:
    """Answer a command once: as JSON (``data()``), or rendered for people
    (``view(render)``, with the render module, and so Rich, imported only then)."""
    if as_json:
        emit_json(data())
        return
    from nato_guide.cli import render

    show(view(render))


def emit_json(data: Any) -> None:
    """Write *data* as JSON to stdout, with nothing else on it."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def error(message: str) -> None:
    """Report a problem as one line on stderr."""
    from nato_guide.text import printable

    line = " ".join(printable(message).split())  # one line; nothing in it acts on a terminal
    if sys.stderr.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb":
        line = f"\x1b[1;31mnato-guide: error:\x1b[0m {line}"
    else:
        line = f"nato-guide: error: {line}"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """A short status line for people (stdout)."""
    from rich.text import Text

    console().print(Text(message))
