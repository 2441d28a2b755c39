"""The layout engine: wrapping by terminal cells, styles, indents, rules, grids and what is
written to the terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nato_guide.cli import output
from nato_guide.cli.layout import (
    ByWidth,
    Grid,
    Group,
    Padding,
    Renderable,
    Rows,
    Rule,
    Text,
    _wrap_by_spaces,
    _wrap_words,
    cell_len,
    render,
    wrap,
)


def plain(*items: object, width: int = 40) -> list[str]:
    """The lines of *items* at *width*, without styles."""
    return render(items, width, styled=False).splitlines()  # type: ignore[arg-type]


def test_cell_len_counts_wide_and_combining_characters() -> None:
    """Wide East Asian characters take two cells, combining marks none."""
    assert cell_len("NATO") == 4
    assert cell_len("Київ") == 4
    assert cell_len("北约") == 4
    assert cell_len("e\u0301") == 1


def test_wrap_breaks_at_spaces_and_drops_them() -> None:
    """Words stay whole; the spaces at a break are not carried to either line."""
    text = "the eastward expansion of NATO"
    lines = [text[a:b] for a, b in wrap(text, 12)]
    assert lines == ["the eastward", "expansion of", "NATO"]


def test_wrap_folds_words_longer_than_the_line() -> None:
    """An id longer than the line is folded, every character kept."""
    text = "see bucharest-summit-declaration-2008 now"
    lines = [text[a:b] for a, b in wrap(text, 10)]
    assert lines == ["see", "bucharest-", "summit-dec", "laration-2", "008 now"]


def test_wrap_keeps_leading_indent() -> None:
    """Leading spaces of a paragraph are part of it (used for hanging ids)."""
    assert [("  id-1")[a:b] for a, b in wrap("  id-1", 20)] == ["  id-1"]


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=200))
def test_wrapped_lines_fit_and_lose_nothing(text: str) -> None:
    """Whatever the text, no line is wider than the width (unless one character is) and
    every non-space character survives, in order."""
    text = text.replace("\n", " ")
    for width in (1, 7, 30):
        lines = [text[a:b] for a, b in wrap(text, width)]
        assert all(cell_len(line) <= max(width, 2) for line in lines)
        assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


@given(st.text(alphabet="ab-é “” ", max_size=120), st.integers(min_value=1, max_value=30))
def test_wrapping_by_spaces_breaks_where_word_by_word_would(text: str, width: int) -> None:
    """The quick search for spaces gives exactly the breaks of the word-by-word wrap."""
    assert _wrap_by_spaces(text, width) == _wrap_words(text, width, len)


def test_text_spans_become_styled_runs() -> None:
    """Appended pieces keep their styles over the text's own style."""
    text = Text("a ", style="dim")
    text.append("b", style="cyan")
    text.append(" c")
    assert text.runs(0, len(text.plain)) == [("a ", "dim"), ("b", "dim cyan"), (" c", "dim")]


def test_stylize_marks_a_range() -> None:
    """stylize styles exactly the characters asked for (search marks its matches so)."""
    text = Text("find minsk here")
    text.stylize("bold underline", 5, 10)
    assert text.runs(0, 15) == [("find ", ""), ("minsk", "bold underline"), (" here", "")]


def test_styles_written_only_when_asked() -> None:
    """Escape codes appear with ``styled`` and never without."""
    text = Text.assemble(("Read next", "bold"), " now")
    assert render([text], 40, styled=False) == "Read next now\n"
    assert render([text], 40, styled=True) == "\x1b[1mRead next\x1b[0m now\n"


def test_links_are_terminal_hyperlinks_when_styled() -> None:
    """A ``link URL`` style becomes an OSC 8 hyperlink; an unprintable URL is not used."""
    url = "https://www.nato.int/cps/en/natohq/official_texts_8443.htm"
    styled = render([Text(url, style=f"link {url}")], 100, styled=True)
    assert styled == f"\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\\n"
    bad = render([Text("x", style="link https://a\x07b")], 100, styled=True)
    assert "\x07" not in bad
    assert "\x1b]8" not in bad


def test_control_characters_never_reach_the_terminal() -> None:
    """Escape sequences, bells and carriage returns in text are dropped from the output."""
    text = Text("title\x1b]52;c;ZXZpbA==\x07\r\x9b2J end")
    out = render([text], 80, styled=True)
    assert out == "title]52;c;ZXZpbA==2J end\n"


def test_trailing_spaces_are_not_written() -> None:
    """Padding and alignment never leave spaces at the end of a line."""
    grid = Grid(gap=2)
    grid.add_column()
    grid.add_column()
    grid.add_row("a long cell", "")
    assert render([grid], 40, styled=False) == "a long cell\n"


def test_padding_indents_and_adds_blank_lines() -> None:
    """(top, right, bottom, left): the inner text wraps to the narrower width."""
    assert plain(Padding(Text("one two three"), (1, 0, 1, 4)), width=12) == [
        "",
        "    one two",
        "    three",
        "",
    ]


def test_rule_fills_the_width() -> None:
    """A heading rule reaches exactly to the edge."""
    (line,) = plain(Rule(Text("Why it matters")), width=30)
    assert line.startswith("Why it matters ")
    assert cell_len(line) == 30


def test_grid_aligns_columns_and_hangs_the_last() -> None:
    """Every column but the last is as wide as its widest cell; the last wraps under itself."""
    grid = Grid(gap=2)
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("Date", "1994-12-05")
    grid.add_row("Issuer", "Ukraine, the Russian Federation, the United Kingdom")
    assert plain(grid, width=30) == [
        "Date    1994-12-05",
        "Issuer  Ukraine, the Russian",
        "        Federation, the United",
        "        Kingdom",
    ]


def test_grid_right_justifies() -> None:
    """A right-justified last column lines its cells up on the right."""
    grid = Grid(gap=1)
    grid.add_column()
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row("All", "3/43")
    grid.add_row("Kremlin", "12/19")
    assert plain(grid) == ["All      3/43", "Kremlin 12/19"]


def test_rows_fold_ids_and_separate_rows() -> None:
    """The table folds a long id in the flexible column, right-aligns the last column when
    asked, and leaves a line between rows."""
    table = Rows(["#", "Title", "Min"], [1, None, 3], heading="bold", rule="dim")
    table.add_row(
        [("1", "")],
        [("Budapest", ""), ("budapest-memorandum-1994", "cyan")],
        [("25", "")],
        right=True,
    )
    table.add_row([("2", "")], [("Minsk", "")], [("5", "")], right=True)
    lines = plain(table, width=20)
    assert lines[0] == "#  Title" + " " * 9 + "Min"
    assert lines[1] == "─" * 20
    assert lines[2:] == [
        "1  Budapest" + " " * 7 + "25",
        "   budapest-mem",
        "   orandum-1994",
        "",
        "2  Minsk" + " " * 11 + "5",
    ]


def test_by_width_chooses_the_layout() -> None:
    """The wide layout at or above the threshold, the narrow one below."""
    choice = ByWidth(lambda: Text("wide"), lambda: Text("narrow"), 50)
    assert plain(choice, width=50) == ["wide"]
    assert plain(choice, width=49) == ["narrow"]


def test_group_and_empty_text_give_blank_lines() -> None:
    """An empty text is a blank line between the items of a group."""
    assert plain(Group(Text("a"), Text(""), Text("b"))) == ["a", "", "b"]


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
    ],
)
def test_styles_follow_the_terminal_and_environment(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], tty: bool, expected: bool
) -> None:
    """Styles on a terminal only; NO_COLOR and TERM=dumb turn them off, FORCE_COLOR on."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", environ.get("TERM", "xterm-256color"))
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert output.styled(Stream()) is expected


def test_width_follows_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """COLUMNS sets the width, with a floor so layouts never collapse."""
    monkeypatch.setenv("COLUMNS", "123")
    assert output.width() == 123
    monkeypatch.setenv("COLUMNS", "5")
    assert output.width() == 20


def joined(item: Renderable, width: int) -> list[str]:
    """*item*'s lines of runs, each joined, without trailing spaces (never written)."""
    return ["".join(text for text, _ in line).rstrip() for line in item.lines(width)]


def bare(item: Renderable, width: int) -> list[str]:
    """*item*'s plain lines, without trailing spaces."""
    return [line.rstrip() for line in item.plain_lines(width)]


#: Characters that take one cell, none (a combining accent) or two, spaces and a tab.
_CELL_CHARACTERS = "ab- é✓漢\u0301\t"
_cells = st.lists(
    st.tuples(st.text(alphabet=_CELL_CHARACTERS, max_size=30), st.sampled_from(["", "dim"])),
    max_size=3,
)


@given(
    st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=12)), min_size=1, max_size=5),
    st.data(),
    st.integers(min_value=1, max_value=60),
)
def test_rows_plain_lines_are_the_runs_joined(
    widths: list[int | None], data: st.DataObject, width: int
) -> None:
    """A table's plain lines, built column by column, are its lines of runs joined:
    whatever the cells hold (wide, zero-width and one-cell characters, tabs, words too long
    for the column, several lines or none) and wherever the rows align."""
    table = Rows([f"h{i}" for i in range(len(widths))], widths, heading="bold", rule="dim")
    for _ in range(data.draw(st.integers(min_value=0, max_value=6))):
        cells = [data.draw(_cells) for _ in widths]
        table.add_row(*cells, right=data.draw(st.booleans()))
    assert bare(table, width) == joined(table, width)


@given(
    st.text(alphabet=_CELL_CHARACTERS + "\n", max_size=80),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["left", "right"]),
    st.booleans(),
    st.integers(min_value=0, max_value=4),
)
def test_text_plain_lines_are_the_runs_joined(
    text: str, width: int, justify: str, no_wrap: bool, indent: int
) -> None:
    """Wrapped, right-justified, unwrapped and indented text gives the same plain lines
    as its runs joined."""
    item = Text(text, "bold")
    item.stylize("dim", 2, 5)
    assert [
        line.rstrip() for line in item.plain_lines(width, justify=justify, no_wrap=no_wrap)
    ] == [
        "".join(t for t, _ in line).rstrip()
        for line in item.lines(width, justify=justify, no_wrap=no_wrap)
    ]
    padded = Padding(item, (1, 0, 1, indent))
    assert bare(padded, width) == joined(padded, width)
