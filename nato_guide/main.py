"""The ``nato-guide`` console script.

Kept apart from :mod:`nato_guide.cli` so that the cheapest answers need not load Typer:
``nato-guide --version`` is served here, at the cost of a bare interpreter start.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--version"]:
        from nato_guide import __version__

        sys.stdout.write(f"nato-guide {__version__}\n")
        return
    from nato_guide.cli import app

    app(prog_name="nato-guide")
