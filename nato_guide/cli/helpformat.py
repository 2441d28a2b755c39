"""Typer's Rich help formatter, loaded without the Markdown renderer it does not use here.

``typer.rich_utils`` imports ``rich.markdown`` at its top for Typer's Markdown help mode, and
with it markdown-it and more of Pygments: about a sixth of the time the help takes. The guide
writes its help in Typer's default "rich" mode, so the module is never used. While
``typer.rich_utils`` is imported, a placeholder module stands in for ``rich.markdown``; its
``Markdown`` makes the real one if ever called, so Markdown help would still render. Nothing
in Typer or Rich is altered: only the name ``rich.markdown`` resolves to the placeholder for
the length of that one import, and any later import of ``rich.markdown`` gets the real module.
Should Typer want more of ``rich.markdown`` than the placeholder offers, the import is simply
done again the ordinary way.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

FORMATTER = "typer.rich_utils"
MARKDOWN = "rich.markdown"


class Markdown:
    """Stands for ``rich.markdown.Markdown`` in Typer's help formatter: calling it makes
    the real one (importing ``rich.markdown`` then)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return importlib.import_module(MARKDOWN).Markdown(*args, **kwargs)


def load(module: str = FORMATTER) -> None:
    """Import *module* (Typer's help formatter) while a placeholder stands for
    ``rich.markdown``; if it wants more than the placeholder has, import it as usual."""
    if module in sys.modules:
        return
    if MARKDOWN not in sys.modules:
        placeholder = ModuleType(MARKDOWN, "Stands for rich.markdown while Typer's help loads.")
        placeholder.Markdown = Markdown  # type: ignore[attr-defined]
        sys.modules[MARKDOWN] = placeholder
        try:
            importlib.import_module(module)
        except ImportError:
            pass  # it wanted more of rich.markdown: imported again below, the usual way
        finally:
            if sys.modules.get(MARKDOWN) is placeholder:
                del sys.modules[MARKDOWN]
    importlib.import_module(module)
