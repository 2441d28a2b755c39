"""The library commands: reading paths, next, the balance view, citations (checked with real
parsers of BibTeX and CSL-JSON), exports and opening links."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run, run_json

pytestmark = pytest.mark.usefixtures("small_content")


# --- paths and next -----------------------------------------------------------------------


def test_paths(runner: CliRunner) -> None:
    """paths lists each path with its budget and the reader's position."""
    run(runner, "read", "doc-one")
    out = run(runner, "paths").stdout
    assert "A short path" in out and "The Kremlin in its own words" in out
    assert "1 of 2 read · 8 of 13 min left (budget 20 min)" in out
    data = run_json(runner, "paths")
    assert data[0]["id"] == "short" and data[0]["minutes_left"] == 8
    assert data[1]["perspective"] == "kremlin"


def test_path_shows_position_and_minutes_left(runner: CliRunner) -> None:
    """path NAME marks read steps, points at the next one and counts the minutes left."""
    run(runner, "read", "doc-one")
    out = run(runner, "path", "short").stdout
    assert "✓" in out and "▶" in out
    assert out.index("Document One") < out.index("Document Three")
    assert "(section 2, 8 min)" in out
    assert "1 of 2 read · 8 min left · mark a step: nato-guide read doc-three" in out
    data = run_json(runner, "path", "short")
    assert data["position"] == 1
    assert [s["status"] for s in data["steps"]] == ["read", "unread"]


def test_follow_a_path_and_next_walks_it(runner: CliRunner, progress_file: Path) -> None:
    """path --follow records the path; next then gives its next step, with why."""
    run(runner, "path", "short", "--follow")
    assert tomllib.loads(progress_file.read_text(encoding="utf-8"))["path"] == "short"
    assert run_json(runner, "next")["id"] == "doc-one"
    run(runner, "read", "doc-one")
    suggestion = run_json(runner, "next")
    assert suggestion["id"] == "doc-three"
    assert suggestion["path"] == "short"
    assert (
        suggestion["reason"] == "Step 2 of 2 of your path A short path (section 2): Its rebuttal."
    )
    out = run(runner, "next").stdout
    assert "Read next: Document Three (30 min)" in out
    result = run(runner, "path", "kremlin-own-words", "--unfollow", code=2)
    assert "you are not following kremlin-own-words but short; nothing changed" in result.stderr
    assert tomllib.loads(progress_file.read_text(encoding="utf-8"))["path"] == "short"
    run(runner, "path", "short", "--unfollow")
    assert "path" not in tomllib.loads(progress_file.read_text(encoding="utf-8"))


def test_next_for_a_new_reader_starts_the_shortest_path(runner: CliRunner) -> None:
    """With nothing read, next points at the start of the shortest reading path."""
    data = run_json(runner, "next")
    assert data["id"] == "doc-one"
    assert data["reason"].startswith("A place to start: the first text of A short path.")


def test_next_without_a_path_balances_the_sides(runner: CliRunner, small_content: Path) -> None:
    """Once reading has begun, next picks from the side read least in its own words."""
    import tomli_w

    path = small_content / "perspectives.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for p in data["perspective"]:
        p["documents"] = ["doc-two", "doc-three"] if p["id"] == "western" else ["doc-one"]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    run(runner, "read", "doc-one")
    data = run_json(runner, "next")
    assert data["id"] == "doc-two"
    assert data["reason"] == "You have read least of The western view in its own words (0 of 2)."


def test_next_when_everything_is_read(runner: CliRunner) -> None:
    """With everything read, next says so."""
    run(runner, "read", "doc-one", "doc-two", "doc-three")
    assert run_json(runner, "next")["id"] is None
    assert "You have read every document" in run(runner, "next").stdout


def test_unknown_path(runner: CliRunner) -> None:
    """An unknown path name suggests the closest."""
    result = run(runner, "path", "shrt", code=2)
    assert "unknown path 'shrt'; did you mean short?" in result.stderr


# --- balance ------------------------------------------------------------------------------


def test_balance_view_and_nudge(
    runner: CliRunner, small_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """progress shows the split across the sides' own texts and nudges when lopsided."""
    import tomli_w

    path = small_content / "perspectives.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for p in data["perspective"]:
        p["documents"] = ["doc-two", "doc-three"] if p["id"] == "western" else ["doc-one"]
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    run(runner, "read", "doc-two", "doc-three")
    out = " ".join(run(runner, "progress").stdout.split())
    assert "Balance: each side in its own words" in out
    assert "You have read 2 texts of The western view and none of The kremlin view" in out
    balance = run_json(runner, "progress")["balance"]
    assert balance["own_words"]["western"] == {"read": 2, "total": 2}
    assert balance["nudge"] == {
        "most": "western",
        "read": 2,
        "missing": ["kremlin", "mearsheimer", "applebaum", "ukraine"],
    }
    assert "Try: nato-guide docs --unread -p kremlin" in out
    run(runner, "read", "doc-one")
    assert run_json(runner, "progress")["balance"]["nudge"] is None


# --- citations ----------------------------------------------------------------------------


def test_bibtex_parses_with_a_real_parser(runner: CliRunner) -> None:
    """BibTeX output is read back by bibtexparser with every field intact."""
    import bibtexparser

    out = run(runner, "cite", "doc-one", "doc-two", "--format", "bibtex").stdout
    db = bibtexparser.loads(out)
    entries = {e["ID"]: e for e in db.entries}
    assert set(entries) == {"doc-one", "doc-two"}
    one = entries["doc-one"]
    assert one["ENTRYTYPE"] == "misc"
    assert one["title"] == "{Document One}" and one["author"] == "{Issuer One}"
    assert one["year"] == "1990" and one["day"] == "9"
    assert one["url"] == "https://example.org/one"
    assert entries["doc-two"]["month"] == "April", "the month macro resolves"


def test_bibtex_escapes_special_characters() -> None:
    """Characters special to TeX are escaped, so the file still parses."""
    import bibtexparser

    from nato_guide.cite import bibtex
    from nato_guide.content import Card, Document

    doc = Document(
        "x-1",
        "Cuts & {braces} 50% #1 a_b",
        "2020",
        "A & B",
        "study",
        "https://example.org/x",
        1,
        Card("Why."),
    )
    entry = bibtexparser.loads(bibtex([doc])).entries[0]
    assert entry["title"] == r"{Cuts \& \{braces\} 50\% \#1 a\_b}"


def test_csl_json_renders_with_citeproc(runner: CliRunner) -> None:
    """CSL-JSON output is accepted and rendered by citeproc-py."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(run(runner, "cite", "doc-one", "doc-three", "-f", "csl-json").stdout)
    assert items[0]["issued"] == {"date-parts": [[1990, 2, 9]]}
    assert items[1]["type"] == "article-magazine"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert any("Document One" in text and "1990" in text for text in rendered)


def test_chicago_and_markdown(runner: CliRunner) -> None:
    """Chicago and Markdown citations carry issuer, title, date and link."""
    chicago = run(runner, "cite", "doc-one").stdout
    assert chicago == (
        "Issuer One. “Document One.” Treaty, February 9, 1990. https://example.org/one.\n"
    )
    md = run(runner, "cite", "doc-two", "-f", "markdown").stdout
    assert md == "- [Document Two](https://example.org/two) — Issuer Two, 2008-04 (declaration)\n"


def test_cite_mistakes(runner: CliRunner) -> None:
    """An unknown format or id is one line and exit 2."""
    result = run(runner, "cite", "doc-one", "-f", "bibtx", code=2)
    assert (
        "--format must be one of bibtex, csl-json, chicago, markdown, not 'bibtx'" in result.stderr
    )
    assert "did you mean bibtex?" in result.stderr
    assert "unknown document 'doc-nine'" in run(runner, "cite", "doc-nine", code=2).stderr


# --- export and open ----------------------------------------------------------------------


def test_export_formats(runner: CliRunner, tmp_path: Path) -> None:
    """export writes the reading list with status as Markdown, CSV or JSON."""
    run(runner, "read", "doc-two")
    md = run(runner, "export").stdout
    assert "- [x] [Document Two](https://example.org/two)" in md
    assert "- [ ] [Document One](https://example.org/one)" in md
    assert "1 of 3 read." in md
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == ["doc-one", "doc-two", "doc-three"]
    assert rows[1]["status"] == "read" and rows[1]["read_at"]
    data = json.loads(run(runner, "export", "--format", "json").stdout)
    assert data[1]["status"] == "read"
    target = tmp_path / "list.md"
    result = run(runner, "export", "-o", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == md


def test_open_uses_the_browser_and_nothing_else(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open hands the https link to the browser module (no shell involved)."""
    import webbrowser

    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    out = run(runner, "open", "doc-one").stdout
    assert opened == ["https://example.org/one"]
    assert "Opening https://example.org/one" in out


def test_open_refuses_other_schemes(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link that is not http(s) is never opened."""
    import webbrowser

    from nato_guide.cli.state import Session

    real = Session.content

    def tampered(self: Session) -> Any:
        content = real.__get__(self)
        doc = content.documents["doc-one"]._replace(url="file:///etc/passwd")
        return content._replace(documents={**content.documents, "doc-one": doc})

    monkeypatch.setattr(Session, "content", property(tampered))
    monkeypatch.setattr(webbrowser, "open", lambda url: pytest.fail("opened " + url))
    result = run(runner, "open", "doc-one", code=1)
    assert "refusing to open a link that is not http or https" in result.stderr


def test_open_without_a_browser(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a browser, open says so and gives the link."""
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    result = run(runner, "open", "doc-two", code=1)
    assert "no web browser available; the link is https://example.org/two" in result.stderr


def test_doc_card_shows_provenance_and_passages(runner: CliRunner) -> None:
    """The document card gives provenance, language and the passage each reading leans on."""
    out = run(runner, "doc", "doc-one").stdout
    assert "Provenance: The official text, as published by its issuer." in out
    assert "full text; original language: English" in out
    assert "Leans on: “The first article.” (Art. 1)" in out
    data = run_json(runner, "doc", "doc-one")
    assert data["provenance"] == "The official text, as published by its issuer."
    assert data["language"] == "English" and data["translation"] is False
    assert data["readings"][0]["passage"] == "The first article."
    listed = run_json(runner, "docs")[0]
    assert {"provenance", "language", "words", "readings"} <= set(listed)
