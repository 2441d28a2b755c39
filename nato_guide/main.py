"""The ``nato-guide`` console script.

Kept apart from :mod:`nato_guide.cli` so that the commonest answers need not load Typer:
``nato-guide --version``, the completion of ids on TAB (:mod:`nato_guide.completion`) and
plain reading commands (``topics``, ``doc ID``, ...; see :func:`nato_guide.cli.screens.serve`)
are served here. Everything else goes to the Typer application.
"""

from __future__ import annotations

import gc
import os
import sys

#: Whether a Ctrl-C was caught where it could not be raised (see :func:`_unraisable`).
_interrupted = False


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in code Python runs on its own account (a callback of the
    import system, a finaliser) cannot be raised there, and Python would print it with a
    traceback: note it instead, so the run ends with 130. Anything else is reported as
    Python would."""
    global _interrupted
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        _interrupted = True
    else:
        sys.__unraisablehook__(unraisable)


def main() -> None:
    """Run the command line; Ctrl-C at any point ends quietly with the usual code 130."""
    global _interrupted
    _interrupted = False
    sys.unraisablehook = _unraisable  # for the rest of the process: it is ours
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show every character gets escapes, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        # A run is short and makes no garbage cycles worth collecting, but loading the
        # content creates many objects, which the collector would walk again and again.
        gc.disable()
        if sys.argv[1:] == ["--version"]:
            from nato_guide import __version__

            sys.stdout.write(f"nato-guide {__version__}\n")
            return
        if os.environ.get("_NATO_GUIDE_COMPLETE"):
            from nato_guide.completion import complete

            status = complete()
            if status is not None:
                raise SystemExit(status)
        else:
            from nato_guide.cli.screens import serve

            code = serve(sys.argv[1:])
            if code is not None:
                raise SystemExit(code)
        from nato_guide.cli.root import app

        app(prog_name="nato-guide")
    except KeyboardInterrupt:
        _interrupted = True
    except RuntimeError as exc:
        # Ctrl-C while Python is creating a class during an import arrives wrapped.
        if not isinstance(exc.__cause__, KeyboardInterrupt):
            raise
        _interrupted = True
    finally:
        # Nor at exit, when the interpreter would walk every object once more.
        gc.freeze()
        if _interrupted:  # however the Ctrl-C arrived
            sys.stderr.write("\n")
            raise SystemExit(130) from None
