"""Text from readers, made safe to show."""

from __future__ import annotations

import unicodedata

#: Unicode categories that act on a terminal or hide text: control and format characters
#: (escape sequences, bells, bidirectional overrides, zero-width marks) and line separators.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printable(text: str) -> str:
    """*text* with every control, format and separator character (escape sequences, bells,
    carriage returns, bidirectional overrides) shown as a visible escape, so nothing a
    reader typed can act on a terminal. Line breaks and tabs are kept."""
    out = []
    for char in text:
        if char in "\n\t" or unicodedata.category(char) not in _UNSAFE:
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def unsafe_characters(text: str) -> list[str]:
    """The characters of *text* that :func:`printable` would escape."""
    return [c for c in text if c not in "\n\t" and unicodedata.category(c) in _UNSAFE]
