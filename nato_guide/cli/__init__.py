"""The command line: parse arguments, ask the core, render the answer.

The Typer application is :data:`nato_guide.cli.root.app`; this package itself imports
nothing, so that the modules which lay out and print screens can be used without Typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nato_guide.cli.root import app as app


def __getattr__(name: str) -> Any:
    """``nato_guide.cli.root``'s Typer application, loaded when first asked for."""
    if name == "app":
        from nato_guide.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
