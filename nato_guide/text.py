"""Text from readers, made safe to show."""

from __future__ import annotations

#: Characters that reorder or hide text (bidirectional overrides and isolates).
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """*text* with control characters (escape sequences, bells, carriage returns,
    bidirectional overrides) shown as visible escapes, so nothing a reader typed can act on
    a terminal. Line breaks and tabs are kept."""
    out = []
    for char in text:
        code = ord(char)
        if char in "\n\t" or not (code < 32 or 127 <= code < 160 or char in _INVISIBLE):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)
