"""The ``nato-guide`` console script.

Kept apart from :mod:`nato_guide.cli` so that the cheapest answers need not load Typer:
``nato-guide --version`` and the completion of ids on TAB (:mod:`nato_guide.completion`)
are served here, at about the cost of a bare interpreter start.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the command line; Ctrl-C at any point ends quietly with the usual code 130."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show every character gets escapes, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        if sys.argv[1:] == ["--version"]:
            from nato_guide import __version__

            sys.stdout.write(f"nato-guide {__version__}\n")
            return
        if os.environ.get("_NATO_GUIDE_COMPLETE"):
            from nato_guide.completion import complete

            status = complete()
            if status is not None:
                raise SystemExit(status)
        from nato_guide.cli import app

        app(prog_name="nato-guide")
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    except RuntimeError as exc:
        # Ctrl-C while Python is creating a class during an import arrives wrapped.
        if isinstance(exc.__cause__, KeyboardInterrupt):
            sys.stderr.write("\n")
            raise SystemExit(130) from None
        raise
