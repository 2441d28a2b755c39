"""A small layout engine for the terminal: styled text, wrapping, indents, rules and grids.

The guide's screens need little of a full terminal toolkit: paragraphs wrapped to the
width, a few styles, hanging indents, borderless grids. Doing that here, in plain Python,
keeps reading commands free of Rich, whose import and rendering were a third of a start.

Every layout piece is a *renderable*: it has ``lines(width)``, which returns the lines it
takes at that width, each a list of *runs* (text, style). :func:`render` turns lines into
text, with escape codes only when asked for; when they are not, ``plain_lines(width)``
gives the same lines as bare strings, without building runs. Styles are words: ``bold``,
``dim``, ``italic``, ``underline``, a colour (``green``, ``cyan``, ...) or ``link URL``.

Text is always shown literally: there is no markup, and any control character that reaches
the output is dropped, so nothing in the content or typed by a reader can act on a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import accumulate, pairwise
from typing import Protocol

#: A piece of a line in one style.
Run = tuple[str, str]
#: One line of output.
Line = list[Run]


class Renderable(Protocol):
    """Anything that can lay itself out at a given width."""

    def lines(self, width: int) -> list[Line]:
        """The lines this takes at *width* cells."""
        ...

    def plain_lines(self, width: int) -> list[str]:
        """The same lines as bare strings: each line's runs joined, up to trailing spaces.
        Used when no styles are written, it skips building runs (a long reading list is
        laid out about twice as fast)."""
        ...


def _joined(lines: list[Line]) -> list[str]:
    """Lines of runs as bare strings (for pieces too small to need their own plain path)."""
    return ["".join([text for text, _ in line]) for line in lines]


# --- widths ------------------------------------------------------------------------------

_WIDTHS: dict[str, int] = {}
#: Characters known to take exactly one cell (most of the guide's non-ASCII text: accents,
#: Cyrillic, quotation marks, dashes, the marks and bars), so most lines are measured in C.
_ONE_CELL: set[str] = {chr(code) for code in range(0x20, 0x7F)}


def _char_width(char: str) -> int:
    width = _WIDTHS.get(char)
    if width is None:
        import unicodedata

        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 2
        else:
            width = 1
            _ONE_CELL.add(char)
        _WIDTHS[char] = width
    return width


def _one_cell_each(text: str) -> bool:
    """Whether every character of *text* takes one cell (so its width is its length)."""
    if text.isascii():
        return True
    return all(_char_width(c) == 1 for c in set(text) - _ONE_CELL)


def cell_len(text: str) -> int:
    """How many terminal cells *text* takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    total = len(text)
    for char in set(text) - _ONE_CELL:
        width = _char_width(char)
        if width != 1:
            total += (width - 1) * text.count(char)
    return total


def _fold(text: str, width: int) -> list[str]:
    """Cut *text* into pieces of at most *width* cells (for words longer than a line)."""
    width = max(1, width)
    if text.isascii():
        return [text[i : i + width] for i in range(0, len(text), width)] or [""]
    pieces: list[str] = []
    start = used = 0
    for i, char in enumerate(text):
        w = _char_width(char)
        if used + w > width and i > start:
            pieces.append(text[start:i])
            start, used = i, 0
        used += w
    pieces.append(text[start:])
    return pieces


_WORD = re.compile(r"\s*\S+\s*")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break one paragraph (no newlines) to fit *width* cells: a list of
    (start, end) offsets, one per line, with the spaces at a break dropped. Words longer
    than a line are folded, never cut off."""
    simple = _one_cell_each(text)
    measure = len if simple else cell_len
    if measure(text) <= width:
        return [(0, len(text.rstrip()))] if text.strip() else [(0, len(text))]
    width = max(1, width)
    if simple and "\t" not in text:
        return _wrap_by_spaces(text, width)
    return _wrap_words(text, width, measure)


def _wrap_words(text: str, width: int, measure: Callable[[str], int]) -> list[tuple[int, int]]:
    """:func:`wrap`, word by word, measuring with *measure*."""
    lines: list[tuple[int, int]] = []
    start = used = 0
    for match in _WORD.finditer(text):
        word = match.group()
        bare = word.rstrip()
        size = measure(bare)
        if used + size <= width:
            used += measure(word)
            continue
        if used:  # close the line before this word
            lines.append((start, start + len(text[start : match.start()].rstrip())))
            start, used = match.start(), 0
        if size > width:
            offset = start
            pieces = _fold(bare, width)
            for piece in pieces[:-1]:
                lines.append((offset, offset + len(piece)))
                offset += len(piece)
            start = offset
            used = measure(pieces[-1]) + measure(word[len(bare) :])
        else:
            used = measure(word)
    lines.append((start, start + len(text[start:].rstrip())))
    return lines


def _wrap_by_spaces(text: str, width: int) -> list[tuple[int, int]]:
    """:func:`wrap` for text whose characters each take one cell and whose only spaces are
    plain ones: the same breaks, found by searching for spaces instead of walking words."""
    if not text.strip():
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while size - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut > start and text[start:cut].strip():
            lines.append((start, start + len(text[start:cut].rstrip())))
            start = cut + 1
            while start < size and text[start] == " ":
                start += 1
        else:  # a word longer than the line: fold it
            lines.append((start, start + width))
            start += width
    if start < size or not lines:
        lines.append((start, start + len(text[start:].rstrip())))
    return lines


# --- text --------------------------------------------------------------------------------


class Text:
    """A string with styled spans: the only way text reaches the screen."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, {self.style!r})"

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str] | Text, style: str = "") -> Text:
        """Join plain strings, (text, style) pairs and other texts."""
        text = cls(style=style)
        for part in parts:
            if isinstance(part, tuple):
                text.append(*part)
            else:
                text.append(part)
        return text

    def append(self, text: str | Text, style: str = "") -> Text:
        """Add *text* at the end, in *style* over this text's own."""
        if isinstance(text, Text):
            return self.append_text(text)
        if style and text:
            start = len(self.plain)
            self.spans.append((start, start + len(text), style))
        self.plain += text
        return self

    def append_text(self, other: Text) -> Text:
        """Add another text at the end, keeping its styles."""
        offset = len(self.plain)
        if other.style and other.plain:
            self.spans.append((offset, offset + len(other.plain), other.style))
        self.spans.extend((s + offset, e + offset, st) for s, e, st in other.spans)
        self.plain += other.plain
        return self

    def stylize(self, style: str, start: int, end: int) -> None:
        """Style the characters from *start* to *end*."""
        start, end = max(0, start), min(end, len(self.plain))
        if start < end:
            self.spans.append((start, end, style))

    def copy(self) -> Text:
        """An independent copy."""
        text = Text(self.plain, self.style)
        text.spans = list(self.spans)
        return text

    def width(self) -> int:
        """The cells taken by the widest line of the text, unwrapped."""
        return max(cell_len(line) for line in self.plain.split("\n"))

    def runs(self, start: int, end: int) -> Line:
        """The characters from *start* to *end* as styled runs."""
        if not self.spans:
            return [(self.plain[start:end], self.style)]
        active = [span for span in self.spans if span[0] < end and span[1] > start]
        cuts = {start, end}
        for s, e, _ in active:
            if start < s < end:
                cuts.add(s)
            if start < e < end:
                cuts.add(e)
        points = sorted(cuts)
        runs: Line = []
        for a, b in pairwise(points):
            styles = [self.style] + [st for s, e, st in active if s <= a and e >= b]
            runs.append((self.plain[a:b], " ".join(st for st in styles if st)))
        return runs

    def lines(self, width: int, *, justify: str = "left", no_wrap: bool = False) -> list[Line]:
        """The text wrapped to *width* (each newline starts a new line)."""
        out: list[Line] = []
        offset = 0
        for paragraph in self.plain.split("\n"):
            breaks = [(0, len(paragraph))] if no_wrap else wrap(paragraph, width)
            for start, end in breaks:
                line = self.runs(offset + start, offset + end)
                if justify == "right":
                    room = width - cell_len(paragraph[start:end])
                    if room > 0:
                        line.insert(0, (" " * room, ""))
                out.append(line)
            offset += len(paragraph) + 1
        return out

    def plain_lines(self, width: int, *, justify: str = "left", no_wrap: bool = False) -> list[str]:
        """:meth:`lines` as bare strings."""
        out: list[str] = []
        for paragraph in self.plain.split("\n"):
            breaks = [(0, len(paragraph))] if no_wrap else wrap(paragraph, width)
            for start, end in breaks:
                line = paragraph[start:end]
                if justify == "right":
                    room = width - cell_len(line)
                    if room > 0:
                        line = " " * room + line
                out.append(line)
        return out


# --- composition -------------------------------------------------------------------------


class Group:
    """Renderables one after another."""

    __slots__ = ("items",)

    def __init__(self, *items: Renderable) -> None:
        self.items = items

    def lines(self, width: int) -> list[Line]:
        """Each item's lines in turn."""
        out: list[Line] = []
        for item in self.items:
            out.extend(item.lines(width))
        return out

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings."""
        out: list[str] = []
        for item in self.items:
            out.extend(item.plain_lines(width))
        return out


class Padding:
    """Space around a renderable: (top, right, bottom, left)."""

    __slots__ = ("inner", "pad")

    def __init__(self, inner: Renderable, pad: tuple[int, int, int, int]) -> None:
        self.inner = inner
        self.pad = pad

    def lines(self, width: int) -> list[Line]:
        """The inner lines, indented, with blank lines above and below."""
        top, right, bottom, left = self.pad
        inner = self.inner.lines(max(1, width - left - right))
        if left:
            indent = (" " * left, "")
            inner = [[indent, *line] for line in inner]
        return [[] for _ in range(top)] + inner + [[] for _ in range(bottom)]

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings."""
        top, right, bottom, left = self.pad
        inner = self.inner.plain_lines(max(1, width - left - right))
        if left:
            indent = " " * left
            inner = [indent + line for line in inner]
        return [""] * top + inner + [""] * bottom


class Rule:
    """A heading followed by a horizontal line to the edge."""

    __slots__ = ("style", "title")

    def __init__(self, title: Text, style: str = "") -> None:
        self.title = title
        self.style = style

    def lines(self, width: int) -> list[Line]:
        """The title, wrapped if it must be, then the line on its last row."""
        out = self.title.lines(max(1, width - 2))
        last = out[-1]
        rest = width - sum(cell_len(text) for text, _ in last) - 1
        if rest > 0:
            last.extend([(" ", ""), (rule_character() * rest, self.style)])
        return out

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings."""
        return _joined(self.lines(width))


@cache
def rule_character() -> str:
    """A box-drawing line where the output can show it, else a hyphen."""
    import sys

    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return "─" if encoding.startswith("utf") else "-"


class ByWidth:
    """A layout chosen by the width: the wide one when there is room, else the narrow one."""

    __slots__ = ("at", "narrow", "wide")

    def __init__(
        self, wide: Callable[[], Renderable], narrow: Callable[[], Renderable], at: int
    ) -> None:
        self.wide = wide
        self.narrow = narrow
        self.at = at

    def lines(self, width: int) -> list[Line]:
        """The lines of whichever layout fits."""
        return self._choose(width).lines(width)

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings."""
        return self._choose(width).plain_lines(width)

    def _choose(self, width: int) -> Renderable:
        return self.wide() if width >= self.at else self.narrow()


class Lines:
    """Lines computed from the width by a function (for charts scaled to the terminal)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[int], Iterable[Renderable]]) -> None:
        self.make = make

    def lines(self, width: int) -> list[Line]:
        """The lines of what *make* builds at this width."""
        return Group(*self.make(width)).lines(width)

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings."""
        return Group(*self.make(width)).plain_lines(width)


# --- grids -------------------------------------------------------------------------------


class Grid:
    """A borderless grid: every column but the last as wide as its widest cell, the last
    one wrapping to the room left (or, with ``no_wrap``, as wide as it needs)."""

    def __init__(self, gap: int = 1) -> None:
        self.gap = gap
        self.columns: list[tuple[str, bool, str]] = []
        self.rows: list[list[Text]] = []

    def add_column(self, *, style: str = "", no_wrap: bool = False, justify: str = "left") -> None:
        """Declare the next column: its default style, whether it may wrap, its alignment."""
        self.columns.append((style, no_wrap, justify))

    def add_row(self, *cells: str | Text) -> None:
        """Add a row of cells (plain strings take the column's style)."""
        row = []
        for cell, (style, _, _) in zip(cells, self.columns, strict=True):
            if isinstance(cell, str):
                cell = Text(cell, style)
            elif style and not cell.style:
                cell = cell.copy()
                cell.style = style
            row.append(cell)
        self.rows.append(row)

    def lines(self, width: int) -> list[Line]:
        """The rows, cells side by side, padded to their columns."""
        last = len(self.columns) - 1

        def widest(index: int) -> int:
            return max((row[index].width() for row in self.rows), default=0)

        widths = [widest(i) for i in range(last)]
        room = max(4, width - sum(widths) - self.gap * last)
        widths.append(widest(last) if self.columns[last][1] else room)
        spacer = (" " * self.gap, "")
        out: list[Line] = []
        for row in self.rows:
            cells = [
                cell.lines(w, justify=justify, no_wrap=no_wrap)
                for cell, w, (_, no_wrap, justify) in zip(row, widths, self.columns, strict=True)
            ]
            for n in range(max(len(lines) for lines in cells)):
                line: Line = []
                for index, (lines, w) in enumerate(zip(cells, widths, strict=True)):
                    part = lines[n] if n < len(lines) else []
                    line.extend(part)
                    if index < last:
                        used = sum(cell_len(text) for text, _ in part)
                        line.append((" " * (w - used), ""))
                        line.append(spacer)
                out.append(line)
        return out

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings (grids are short: facts, steps, glossaries)."""
        return _joined(self.lines(width))


#: A table cell: its lines, each with one style.
Cell = Sequence[tuple[str, str]]


class Rows:
    """A table with a heading: fixed-width columns plus one flexible column.

    The widths are known up front and each line of a cell is wrapped once (long words
    such as ids are folded, never cut), so even a long reading list prints at once.
    """

    def __init__(
        self, headers: Sequence[str], widths: Sequence[int | None], *, heading: str, rule: str
    ) -> None:
        self.headers = headers
        self.widths = widths
        self.heading = heading
        self.rule = rule
        self.gap = 2
        self.rows: list[tuple[Sequence[Cell], bool]] = []

    def add_row(self, *cells: Cell, right: bool = False) -> None:
        """Add a row; ``right`` aligns the last cell to the right."""
        self.rows.append((cells, right))

    def lines(self, width: int) -> list[Line]:
        """The heading, a rule, then each row with a blank line between rows."""
        widths, heading, rule = self._frame(width)
        out: list[Line] = [[(heading, self.heading)], [(rule, self.rule)]]
        for index, (cells, right) in enumerate(self.rows):
            if index:
                out.append([])
            out.extend(self._row(cells, right, widths))
        return out

    def plain_lines(self, width: int) -> list[str]:
        """:meth:`lines` as bare strings, up to trailing spaces (which are never written).

        Built column by column (see :func:`_column_lines`): most cells are one line that
        fits, padded in one sweep down the column. Each row is then its first line, one
        join, and any further lines: in the usual case those come from one column alone,
        and are that column's indent and its text."""
        if not all(any(cells) for cells, _ in self.rows):  # a row of empty cells takes no line
            return _joined(self.lines(width))
        widths, heading, rule = self._frame(width)
        out = [heading, rule]
        if not self.rows:
            return out
        last = len(widths) - 1
        spacer = " " * self.gap
        blanks = [" " * w + spacer for w in widths[:last]] + [""]
        rights = [right for _, right in self.rows]
        firsts: list[list[str]] = []
        more: dict[int, dict[int, list[str]]] = {}
        columns = zip(*[cells for cells, _ in self.rows], strict=True)
        for j, (column, w) in enumerate(zip(columns, widths, strict=True)):
            if j < last:
                first, extra = _column_lines(column, w, spacer, None, blanks[j])
            else:
                first, extra = _column_lines(column, w, "", rights, "")
            firsts.append(first)
            for i, lines in extra.items():
                more.setdefault(i, {})[j] = lines
        indents = ["".join(blanks[:j]) for j in range(last + 1)]
        add = out.append
        for i, line in enumerate(map("".join, zip(*firsts, strict=True))):
            if i:
                add("")
            add(line)
            tall = more.get(i)  # the row's cells of more than one line, by column
            if tall is None:
                continue
            if len(tall) == 1:
                ((j, lines),) = tall.items()
                out.extend([indents[j] + text for text in lines[1:]])
                continue
            for n in range(1, max(map(len, tall.values()))):
                parts = []
                for j, blank in enumerate(blanks):
                    lines = tall.get(j, [])
                    parts.append(lines[n] if n < len(lines) else blank)
                add("".join(parts))
        return out

    def _row(self, cells: Sequence[Cell], right: bool, widths: list[int]) -> list[Line]:
        """One row's lines, cells side by side, padded to their columns."""
        last = len(widths) - 1
        w_last = widths[last]
        spacer = " " * self.gap
        columns = [_cell_lines(cell, w) for cell, w in zip(cells, widths, strict=True)]
        out: list[Line] = []
        for n in range(max(map(len, columns))):
            line: Line = []
            add = line.append
            for i in range(last):
                column = columns[i]
                if n < len(column):
                    text, style, size = column[n]
                    add((text, style))
                    add((" " * (widths[i] - size) + spacer, ""))
                else:
                    add((" " * widths[i] + spacer, ""))
            column = columns[last]
            if n < len(column):
                text, style, size = column[n]
                if right and size < w_last:
                    add((" " * (w_last - size), ""))
                add((text, style))
            out.append(line)
        return out

    def _frame(self, width: int) -> tuple[list[int], str, str]:
        """The column widths at *width*, the heading line and the rule under it."""
        fixed = sum(w for w in self.widths if w is not None)
        gaps = self.gap * (len(self.widths) - 1)
        flex = max(10, width - fixed - gaps)
        widths = [w if w is not None else flex for w in self.widths]
        last = len(widths) - 1
        heading = (" " * self.gap).join(
            name.rjust(w) if i == last else name.ljust(w)
            for i, (name, w) in enumerate(zip(self.headers, widths, strict=True))
        )
        rule = rule_character() * min(width, sum(widths) + gaps)
        return widths, heading.rstrip(), rule


def _cell_lines(cell: Cell, width: int) -> list[tuple[str, str, int]]:
    """A table cell's lines at *width*, each with its style and the cells it takes."""
    lines: list[tuple[str, str, int]] = []
    for text, style in cell:
        size = cell_len(text)
        if size <= width:
            lines.append((text, style, size))
        else:
            for a, b in wrap(text, width):
                lines.append((text[a:b], style, cell_len(text[a:b])))
    return lines


def _column_lines(
    column: Sequence[Cell], width: int, tail: str, rights: Sequence[bool] | None, blank: str
) -> tuple[list[str], dict[int, list[str]]]:
    """One column of a table as padded lines: the first line of every row's cell (*blank*
    where the cell is empty), and all the lines of the cells that take more than one, by
    row. Cells are padded on the right and followed by *tail*; with *rights* (the last
    column) they are aligned right in the rows that ask for it, else left unpadded.

    Text of one-cell characters that fits is padded by its length; only the rest is
    measured, and wrapped if it is too long, one by one."""
    texts = [text for cell in column for text, _ in cell]
    counts = list(map(len, column))
    one_each = len(texts) == len(column) and max(counts) == 1
    rows = range(len(column)) if one_each else [i for i, n in enumerate(counts) for _ in range(n)]

    def pad(text: str, size: int, row: int) -> str:
        room = width - size
        if rights is None:
            return text + " " * room + tail
        return " " * room + text if rights[row] and room > 0 else text

    if rights is None:
        padded = [text.ljust(width) + tail for text in texts]
    else:
        padded = [
            text.rjust(width) if rights[row] else text
            for text, row in zip(texts, rows, strict=True)
        ]
    split: dict[int, list[str]] = {}  # texts wrapped onto more than one line
    for k in [k for k, text in enumerate(texts) if len(text) > width or not text.isascii()]:
        text, row = texts[k], rows[k]
        if text.isascii() and "\t" not in text:  # too long, and one cell per character
            breaks = _wrap_by_spaces(text, max(1, width))
            if rights is None:
                pieces = [text[a:b].ljust(width) + tail for a, b in breaks]
            else:
                pieces = [pad(text[a:b], b - a, row) for a, b in breaks]
        elif (size := cell_len(text)) <= width:
            padded[k] = pad(text, size, row)
            continue
        else:
            pieces = [pad(text[a:b], cell_len(text[a:b]), row) for a, b in wrap(text, width)]
        padded[k] = pieces[0]
        if len(pieces) > 1:
            split[k] = pieces
    if one_each:
        return padded, split
    starts = list(accumulate(counts, initial=0))
    cells = [padded[a:b] for a, b in pairwise(starts)]
    for k in sorted(split, reverse=True):  # from the end, so earlier places stay put
        offset = k - starts[rows[k]]
        cells[rows[k]][offset : offset + 1] = split[k]
    firsts = [lines[0] if lines else blank for lines in cells]
    return firsts, {i: lines for i, lines in enumerate(cells) if len(lines) > 1}


# --- output ------------------------------------------------------------------------------

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}

#: Control characters (C0, DEL, C1) dropped from anything written: they could act on the
#: terminal. Tabs and newlines never reach here (lines are split before).
_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])


@cache
def _escapes(style: str) -> tuple[str, str]:
    """The escape codes that open and close *style*."""
    words = style.split()
    codes = [_CODES[w] for w in words if w in _CODES]
    start = f"\x1b[{';'.join(dict.fromkeys(codes))}m" if codes else ""
    end = "\x1b[0m" if codes else ""
    if "link" in words:
        index = words.index("link")
        url = words[index + 1] if index + 1 < len(words) else ""
        if url and url.isprintable() and url.isascii():
            start = f"\x1b]8;;{url}\x1b\\" + start
            end += "\x1b]8;;\x1b\\"
    return start, end


def render(items: Iterable[Renderable], width: int, *, styled: bool) -> str:
    """The text of *items* laid out at *width*, one string ending in a newline; with
    *styled*, runs carry escape codes. Trailing spaces are not written."""
    out: list[str] = []
    for item in items:
        if not styled:
            for text in item.plain_lines(width):
                text = text.rstrip()
                out.append(text if text.isprintable() else text.translate(_CONTROLS))
            continue
        for line in item.lines(width):
            while line and not line[-1][0].strip():
                line.pop()
            if line:
                text, style = line[-1]
                line[-1] = (text.rstrip(), style)
            parts = []
            for text, style in line:
                if not text.isprintable():
                    text = text.translate(_CONTROLS)
                if style and text:
                    start, end = _escapes(style)
                    parts.append(f"{start}{text}{end}")
                else:
                    parts.append(text)
            out.append("".join(parts))
    return "\n".join(out) + "\n" if out else ""
