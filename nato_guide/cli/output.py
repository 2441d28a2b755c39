"""The one place that writes to the terminal: rendered screens, JSON and error lines.

Screens are laid out by :mod:`nato_guide.cli.layout` at the terminal's width, with styles
only where they can show: not when stdout is a pipe or a file, not with ``NO_COLOR`` set or
``TERM=dumb`` (``FORCE_COLOR`` asks for them anyway). Nothing here imports Rich.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

if TYPE_CHECKING:
    from nato_guide.cli.layout import Renderable


def styled(stream: TextIO) -> bool:
    """Whether *stream* gets styles (escape codes)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") in ("dumb", "unknown"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def width() -> int:
    """The width to lay out for: ``COLUMNS`` if set, else the terminal's, else 80 (as
    :func:`shutil.get_terminal_size` decides, without importing :mod:`shutil`)."""
    columns = os.environ.get("COLUMNS", "")
    size = int(columns) if columns.isdigit() else 0
    if size <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = 0
    return max(20, size or 80)


def show(*renderables: Renderable) -> None:
    """Print renderables to stdout."""
    from nato_guide.cli.layout import render

    out = sys.stdout
    _write(out, render(renderables, width(), styled=styled(out)))


def _write(out: TextIO, text: str) -> None:
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        _reader_gone()


def _reader_gone() -> NoReturn:
    """The reader of stdout (``| head``) has gone: stop quietly, without Python's own
    complaint when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(1)


def clear() -> None:
    """Clear a terminal screen (nothing when stdout is not a terminal)."""
    out = sys.stdout
    if out.isatty() and os.environ.get("TERM") != "dumb":
        _write(out, "\x1b[2J\x1b[H")


def respond(
    as_json: bool, data: Callable[[], Any], view: Callable[[ModuleType], Renderable]
) -> None:
    """Answer a command once: as JSON (``data()``), or rendered for people
    (``view(render)``, with the render module imported only then)."""
    if as_json:
        emit_json(data())
        return
    from nato_guide.cli import render

    show(view(render))


def emit_json(data: Any) -> None:
    """Write *data* as JSON to stdout, with nothing else on it."""
    import json

    _write(sys.stdout, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def error(message: str) -> None:
    """Report a problem as one line on stderr."""
    from nato_guide.text import printable

    line = " ".join(printable(message).split())  # one line; nothing in it acts on a terminal
    if styled(sys.stderr):
        line = f"\x1b[1;31mnato-guide: error:\x1b[0m {line}"
    else:
        line = f"nato-guide: error: {line}"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """A short status line for people (stdout)."""
    from nato_guide.cli.layout import Text

    show(Text(message))
