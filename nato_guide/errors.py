"""The guide's own errors: each is something the reader or a contributor can fix.

The CLI shows them as one line on stderr and exits non-zero; anything else is a bug and
is allowed to surface as one.
"""

from __future__ import annotations

from collections.abc import Iterable


class GuideError(Exception):
    """A mistake or a condition the user can act on, shown as one line."""

    exit_code = 1


class ContentError(GuideError):
    """The bundled (or overridden) content in ``data/`` is invalid."""


class ProgressError(GuideError):
    """The progress file cannot be read or written."""


class UsageError(GuideError):
    """Options that do not make sense together."""

    exit_code = 2


class UnknownIdError(GuideError):
    """An id that names no topic, perspective or document."""

    exit_code = 2

    def __init__(self, kind: str, given: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.given = given
        self.suggestions = suggest(given, known)
        super().__init__(unknown_message(kind, given, self.suggestions))


def unknown_message(kind: str, given: str, suggestions: list[str]) -> str:
    """``unknown document 'x'; did you mean y?`` (one line, the value shown escaped)."""
    message = f"unknown {kind} {given!r}"
    if suggestions:
        message += f"; did you mean {', '.join(suggestions)}?"
    return message


def suggest(given: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Return the known ids closest to *given*: prefix and substring hits first."""
    import difflib  # only mistakes pay for it

    ids = list(known)
    needle = given.casefold().strip()
    if not needle:
        return []
    hits = [i for i in ids if i.startswith(needle)]
    hits += [i for i in ids if needle in i and i not in hits]
    if not hits:
        hits = difflib.get_close_matches(needle, ids, n=limit, cutoff=0.6)
    if not hits:
        # Match the words of an id too: "bucharst" finds "bucharest-summit-...".
        hits = [i for i in ids if difflib.get_close_matches(needle, i.split("-"), n=1, cutoff=0.75)]
    return hits[:limit]
