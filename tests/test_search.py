"""search: every word must match, case and accents are ignored, titles rank first, and the
snippet marks what matched."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA, run
from nato_guide.content import load_content
from nato_guide.search import fold, search


def test_fold_ignores_case_and_accents() -> None:
    """Folding lowercases and strips accents, and keeps a map back to the original."""
    folded, where = fold("Wörner, KYIV")
    assert folded == "worner, kyiv"
    assert where[1] == 1 and where[-1] == 11


@pytest.fixture(scope="module")
def content() -> Any:
    """The shipped content."""
    return load_content(DATA)


def test_titles_rank_above_passing_mentions(content: Any) -> None:
    """A word in a topic's title ranks that topic first."""
    hits = search(content, "Bucharest")
    assert hits[0].id == "bucharest-2008" and hits[0].where == "title"


def test_every_word_must_match(content: Any) -> None:
    """All words of the query must appear in a field."""
    hits = search(content, "Finland border", limit=50)
    assert hits
    fields = {(h.kind, h.id, h.where): h for h in hits}
    for hit in fields.values():
        matched = {hit.snippet[lo:hi].lower() for lo, hi in hit.spans}
        assert any(m.startswith("finland") for m in matched) or "finland" in fold(hit.title)[0]


def test_a_word_that_folds_to_nothing_is_ignored(content: Any) -> None:
    """A lone combining accent in a query is dropped, not a crash."""
    assert search(content, "NATO \u0301")


def test_accent_and_transliteration_insensitive(content: Any) -> None:
    """Wörner finds Woerner; lower case finds capitals."""
    assert search(content, "wörner")
    assert [h.id for h in search(content, "nato")] == [h.id for h in search(content, "NATO")]


def test_snippet_spans_mark_the_words(content: Any) -> None:
    """The spans point at the matched words in the snippet."""
    hit = search(content, "Hostomel")[0]
    (lo, hi), *_ = hit.spans
    assert hit.snippet[lo:hi].lower() == "hostomel"


def test_search_command(runner: CliRunner) -> None:
    """search prints results with where they are and how to open them; --json gives data."""
    out = run(runner, "search", "Founding", "Act").stdout
    assert "nato-guide doc nato-russia-founding-act-1997" in out
    data = json.loads(run(runner, "search", "Budapest", "Memorandum", "--json", "-n", "3").stdout)
    assert len(data) == 3
    assert {"kind", "id", "title", "where", "snippet", "spans", "score", "command"} <= set(data[0])
    assert data[0]["score"] >= data[-1]["score"]


def test_search_nothing_and_too_short(runner: CliRunner) -> None:
    """No match says so; a query of single letters is a usage error."""
    assert "Nothing matches 'zzyzx'." in run(runner, "search", "zzyzx").stdout
    assert json.loads(run(runner, "search", "zzyzx", "--json").stdout) == []
    result = run(runner, "search", "a", code=2)
    assert "search needs at least one word of two letters or more" in result.stderr


def test_search_shows_markup_literally(runner: CliRunner) -> None:
    """A query with Rich markup is shown literally, never interpreted."""
    result = run(runner, "search", "[bold]x[/bold]")
    assert "Nothing matches '[bold]x[/bold]'." in result.stdout
