"""Every command through Typer's CliRunner, for people and for scripts, on a small content
set (the real content has its own tests in test_guide.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run, run_json
from nato_guide import __version__
from nato_guide.cli import app

pytestmark = pytest.mark.usefixtures("small_content")


# --- welcome, version, help -------------------------------------------------------------


def test_welcome_screen(runner: CliRunner) -> None:
    """No arguments: the question, the perspectives, progress and what to do next."""
    result = run(runner)
    out = result.stdout
    assert "Is this a test?" in out
    for name in ("The kremlin view", "The ukraine view"):
        assert name in out
    assert "0 of 3 documents read" in out
    assert "nato-guide doc doc-one" in out
    assert "nato-guide topic alpha" in out
    assert "Usage" not in out


def test_welcome_follows_progress(runner: CliRunner) -> None:
    """After reading, the welcome screen counts it and suggests the next unread document."""
    run(runner, "read", "doc-one")
    out = run(runner).stdout
    assert "1 of 3 documents read" in out
    assert "nato-guide doc doc-two" in out


def test_version(runner: CliRunner) -> None:
    """--version prints the version alone."""
    assert run(runner, "--version").stdout == f"nato-guide {__version__}\n"


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["topics"],
        ["topic"],
        ["perspectives"],
        ["perspective"],
        ["docs"],
        ["doc"],
        ["read"],
        ["unread"],
        ["progress"],
        ["timeline"],
        ["glossary"],
        ["paths"],
        ["path"],
        ["next"],
        ["cite"],
        ["export"],
        ["open"],
        ["search"],
        ["note"],
        ["notes"],
        ["quiz"],
        ["stance"],
        ["tour"],
        ["progress", "export"],
        ["progress", "import"],
        ["docs", "add"],
    ],
)
def test_help_on_every_command(runner: CliRunner, command: list[str]) -> None:
    """Every command has --help (and -h) with a usage line."""
    for flag in ("--help", "-h"):
        out = run(runner, *command, flag).stdout
        assert "Usage" in out
        assert "nato-guide" in out


def test_help_lists_every_command(runner: CliRunner) -> None:
    """The top-level help names every command."""
    out = run(runner, "--help").stdout
    for command in (
        "topics",
        "topic",
        "perspectives",
        "perspective",
        "docs",
        "doc",
        "read",
        "unread",
        "progress",
        "timeline",
        "glossary",
        "paths",
        "path",
        "next",
        "cite",
        "export",
        "open",
        "search",
        "note",
        "notes",
        "quiz",
        "stance",
        "tour",
    ):
        assert f" {command} " in out


# --- topics ----------------------------------------------------------------------------


def test_topics(runner: CliRunner) -> None:
    """topics lists each topic with its question and read count."""
    run(runner, "read", "doc-two")
    out = run(runner, "topics").stdout
    assert "Alpha" in out and "Alpha?" in out and "1/2" in out
    assert "Beta" in out and "Beta?" in out


def test_topics_json(runner: CliRunner) -> None:
    """topics --json: id, title, question, perspectives, documents."""
    data = run_json(runner, "topics")
    assert [t["id"] for t in data] == ["alpha", "beta"]
    alpha = data[0]
    assert alpha["question"] == "Alpha?"
    assert alpha["perspectives"] == ["kremlin", "western", "mearsheimer", "applebaum", "ukraine"]
    assert alpha["documents"] == ["doc-one", "doc-two"]
    assert {"id", "title", "question", "perspectives", "documents"} <= set(alpha)


def test_topic(runner: CliRunner) -> None:
    """topic ID runs the topic: framing, each perspective's case and objection, the record."""
    out = run(runner, "topic", "alpha").stdout
    assert out.index("About alpha.") < out.index("The kremlin view") < out.index("The ukraine view")
    assert "Position: The western position." in out
    assert "Strongest objection" in out and "Critics object." in out
    assert "What the record shows" in out and "A fact." in out
    assert "Leans on" in out and "Document One" in out


def test_topic_narrowed_to_one_perspective(runner: CliRunner) -> None:
    """--perspective/-p shows one perspective only."""
    for flag in ("--perspective", "-p"):
        out = run(runner, "topic", "alpha", flag, "mearsheimer").stdout
        assert "The mearsheimer view" in out
        assert "The kremlin view" not in out
        assert "What the record shows" in out


def test_topic_json(runner: CliRunner) -> None:
    """topic ID --json carries the views, the record and the reading list."""
    data = run_json(runner, "topic", "alpha")
    assert data["id"] == "alpha" and data["summary"] == "About alpha."
    assert [v["perspective"] for v in data["views"]] == [
        "kremlin",
        "western",
        "mearsheimer",
        "applebaum",
        "ukraine",
    ]
    view = data["views"][0]
    assert set(view) >= {"perspective", "position", "argument", "objection", "documents"}
    assert data["record"] == [{"text": "A fact.", "documents": ["doc-one"]}]
    assert data["documents"] == ["doc-one", "doc-two"]
    narrowed = run_json(runner, "topic", "alpha", "-p", "ukraine")
    assert [v["perspective"] for v in narrowed["views"]] == ["ukraine"]


# --- perspectives ----------------------------------------------------------------------


def test_perspectives(runner: CliRunner) -> None:
    """perspectives lists each view with its thesis and who holds it."""
    out = run(runner, "perspectives").stdout
    assert "The applebaum view" in out
    assert "What applebaum holds." in out
    assert "A applebaum scholar" in out


def test_perspectives_json(runner: CliRunner) -> None:
    """perspectives --json: id, name, thesis, proponents, documents."""
    data = run_json(runner, "perspectives")
    assert [p["id"] for p in data] == ["kremlin", "western", "mearsheimer", "applebaum", "ukraine"]
    assert data[0] == {
        "id": "kremlin",
        "name": "The kremlin view",
        "thesis": "What kremlin holds.",
        "proponents": ["A kremlin scholar"],
        "documents": ["doc-one"],
    }


def test_perspective(runner: CliRunner) -> None:
    """perspective ID: profile, its position on every topic, its documents."""
    out = run(runner, "perspective", "western").stdout
    assert "What western holds." in out
    assert "An assumption." in out and "Some evidence." in out
    assert "Alpha" in out and "Beta" in out
    assert "nato-guide topic beta -p western" in out
    assert "Document One" in out


def test_perspective_json(runner: CliRunner) -> None:
    """perspective ID --json adds the assumptions and the views across topics."""
    data = run_json(runner, "perspective", "western")
    assert data["id"] == "western"
    assert [v["topic"] for v in data["views"]] == ["alpha", "beta"]
    assert data["views"][0]["position"] == "The western position."


# --- documents -------------------------------------------------------------------------


def test_docs(runner: CliRunner) -> None:
    """docs lists documents in reading order with date, kind, issuer, time and status."""
    run(runner, "read", "doc-two")
    out = run(runner, "docs").stdout
    assert out.index("Document One") < out.index("Document Two") < out.index("Document Three")
    assert "1990-02-09" in out and "treaty" in out and "Issuer One" in out
    assert "3 documents · 1 read · about 35 min of reading left" in out


def test_docs_json(runner: CliRunner) -> None:
    """docs --json has the contract's keys, ISO dates and read status."""
    run(runner, "read", "doc-two")
    data = run_json(runner, "docs")
    assert [d["id"] for d in data] == ["doc-one", "doc-two", "doc-three"]
    one, two, three = data
    assert set(one) >= {
        "id",
        "title",
        "date",
        "issuer",
        "kind",
        "url",
        "minutes",
        "perspectives",
        "topics",
        "status",
        "read_at",
    }
    assert (one["date"], two["date"], three["date"]) == ("1990-02-09", "2008-04", "2021")
    assert one["status"] == "unread" and one["read_at"] is None
    assert two["status"] == "read" and two["read_at"].endswith("+00:00")
    assert two["perspectives"] == ["western"]
    assert two["topics"] == ["alpha", "beta"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--perspective", "western"], ["doc-one", "doc-two"]),
        (["-p", "kremlin"], ["doc-one"]),
        (["--topic", "beta"], ["doc-two", "doc-three"]),
        (["-t", "alpha"], ["doc-one", "doc-two"]),
        (["--unread"], ["doc-one", "doc-three"]),
        (["--read"], ["doc-two"]),
        (["--read", "--topic", "alpha"], ["doc-two"]),
    ],
)
def test_docs_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    """docs filters by perspective, topic and status (and combinations)."""
    run(runner, "read", "doc-two")
    assert [d["id"] for d in run_json(runner, "docs", *args)] == expected


def test_docs_read_and_unread_together_is_an_error(runner: CliRunner) -> None:
    """--read with --unread is a usage error on one line."""
    result = run(runner, "docs", "--read", "--unread", code=2)
    assert result.stdout == ""
    assert result.stderr == (
        "nato-guide: error: --read and --unread exclude each other; give one or neither\n"
    )


def test_docs_no_match(runner: CliRunner) -> None:
    """An empty selection says so."""
    assert "No documents match." in run(runner, "docs", "--read").stdout
    assert run_json(runner, "docs", "--read") == []


def test_doc(runner: CliRunner) -> None:
    """doc ID shows the card: facts, link, why, passages, readings, status."""
    out = run(runner, "doc", "doc-one").stdout
    for text in (
        "Document One",
        "1990-02-09",
        "Issuer One",
        "treaty",
        "https://example.org/one",
        "about 5 min",
        "It matters.",
        "“The first article.”",
        "(Art. 1)",
        "Moscow reads it so.",
        "unread · mark it: nato-guide read doc-one",
    ):
        assert text in out
    run(runner, "read", "doc-one")
    assert "✓ read on" in run(runner, "doc", "doc-one").stdout


def test_doc_json(runner: CliRunner) -> None:
    """doc ID --json adds why and the readings to the docs --json object."""
    data = run_json(runner, "doc", "doc-one")
    assert data["why"] == "It matters."
    assert data["readings"] == [
        {"perspective": "kremlin", "text": "Moscow reads it so.", "passage": "The first article."}
    ]
    assert data["status"] == "unread"
    listed = run_json(runner, "docs")[0]
    assert {k: data[k] for k in listed} == listed


# --- read, unread, progress ------------------------------------------------------------


def test_read_and_unread(runner: CliRunner, progress_file: Path) -> None:
    """read and unread mark documents and record when, in the progress file."""
    out = run(runner, "read", "doc-one", "doc-three").stdout
    assert "✓ marked read: Document One" in out
    assert "✓ marked read: Document Three" in out
    assert "2 of 3 documents read." in out
    data = tomllib.loads(progress_file.read_text(encoding="utf-8"))
    assert data["documents"]["doc-one"]["status"] == "read"
    out = run(runner, "read", "doc-one").stdout
    assert "already read on" in out
    out = run(runner, "unread", "doc-one").stdout
    assert "marked unread: Document One" in out
    assert "1 of 3 documents read." in out


def test_read_json(runner: CliRunner) -> None:
    """read --json reports each document's status and time."""
    data = run_json(runner, "read", "doc-one")
    assert data[0]["id"] == "doc-one" and data[0]["changed"] is True
    assert data[0]["read_at"] is not None


def test_progress_file_option(runner: CliRunner, tmp_path: Path, progress_file: Path) -> None:
    """--progress-file overrides the environment variable."""
    other = tmp_path / "elsewhere" / "mine.toml"
    run(runner, "--progress-file", str(other), "read", "doc-one")
    assert other.exists()
    assert not progress_file.exists()


def test_default_progress_path_honours_xdg(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without overrides the file goes to $XDG_DATA_HOME/nato-guide/progress.toml."""
    monkeypatch.delenv("NATO_GUIDE_PROGRESS")
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    run(runner, "read", "doc-one")
    assert (xdg / "nato-guide" / "progress.toml").exists()


def test_progress(runner: CliRunner) -> None:
    """progress shows counts overall and per perspective, with bars."""
    run(runner, "read", "doc-two")
    out = run(runner, "progress").stdout
    assert "Your reading: 1 of 3 documents" in out
    assert "The western view" in out and "1/2" in out
    assert "█" in out and "░" in out


def test_progress_json(runner: CliRunner) -> None:
    """progress --json: read, total and per-perspective counts."""
    run(runner, "read", "doc-two")
    data = run_json(runner, "progress")
    assert data["read"] == 1 and data["total"] == 3
    assert data["by_perspective"]["western"] == {"read": 1, "total": 2}
    assert data["by_perspective"]["kremlin"] == {"read": 0, "total": 1}


# --- mistakes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["topic", "alfa"], "unknown topic 'alfa'; did you mean alpha?"),
        (["doc", "doc-for"], "unknown document 'doc-for'"),
        (
            ["topic", "alpha", "-p", "mearshimer"],
            "unknown perspective 'mearshimer'; did you mean mearsheimer?",
        ),
        (["perspective", "nato"], "unknown perspective 'nato'"),
        (["docs", "--topic", "gamma"], "unknown topic 'gamma'"),
        (["docs", "-p", "russia"], "unknown perspective 'russia'"),
    ],
)
def test_unknown_ids(runner: CliRunner, args: list[str], message: str) -> None:
    """An unknown id: one line on stderr with suggestions, nothing on stdout, exit 2."""
    result = run(runner, *args, code=2)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_id_writes_nothing(runner: CliRunner, progress_file: Path) -> None:
    """read with one bad id among good ones marks nothing."""
    result = run(runner, "read", "doc-one", "doc-nine", code=2)
    assert "unknown document 'doc-nine'" in result.stderr
    assert not progress_file.exists()
    run(runner, "read", "doc-one")
    before = progress_file.read_bytes()
    run(runner, "unread", "doc-one", "nope", code=2)
    assert progress_file.read_bytes() == before


def test_damaged_progress_file(runner: CliRunner, progress_file: Path) -> None:
    """A damaged progress file: one line naming the file, non-zero exit, file unchanged."""
    progress_file.write_text("schema_version = 1\n[documents\n", encoding="utf-8")
    before = progress_file.read_bytes()
    for args in (["progress"], ["read", "doc-one"], ["docs"], []):
        result = run(runner, *args, code=1)
        assert result.stderr.startswith(f"nato-guide: error: progress file {progress_file}:")
        assert "not valid TOML" in result.stderr
        assert result.stderr.count("\n") == 1
    assert progress_file.read_bytes() == before


def test_newer_schema(runner: CliRunner, progress_file: Path) -> None:
    """A file from a newer nato-guide is refused with a hint, not rewritten."""
    progress_file.write_text("schema_version = 7\n", encoding="utf-8")
    result = run(runner, "read", "doc-one", code=1)
    assert "written by a newer nato-guide" in result.stderr
    assert progress_file.read_text(encoding="utf-8") == "schema_version = 7\n"


def test_reading_commands_work_without_a_writable_place(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-only commands work where the progress file cannot be written; writes say why."""
    monkeypatch.setenv("NATO_GUIDE_PROGRESS", "/proc/nato-guide/progress.toml")
    assert "0 of 3" in run(runner, "progress").stdout
    result = run(runner, "read", "doc-one", code=1)
    assert "cannot be written here" in result.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["doc"], "nato-guide: error: Missing argument 'ID' (see: nato-guide doc --help)\n"),
        (
            ["tpoics"],
            "nato-guide: error: No such command 'tpoics'; did you mean topics, topic, docs? "
            "(see: nato-guide --help)\n",
        ),
        (
            ["docs", "--bogus"],
            "nato-guide: error: No such option: --bogus (see: nato-guide docs --help)\n",
        ),
    ],
)
def test_usage_errors_are_one_line(runner: CliRunner, args: list[str], line: str) -> None:
    """A usage mistake is one line on stderr, exit 2, nothing on stdout, no box."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == line


def test_broken_content_is_one_line(runner: CliRunner, small_content: Path) -> None:
    """Invalid content: one line naming the file and field."""
    beta = small_content / "topics" / "beta.toml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace('title = "Beta"', ""), encoding="utf-8"
    )
    result = run(runner, "topics", code=1)
    assert result.stderr.startswith("nato-guide: error: ")
    assert result.stderr.endswith("topics/beta.toml: title: missing\n")


# --- completion -------------------------------------------------------------------------


def test_completion_functions() -> None:
    """Ids complete by prefix, with titles as help."""
    from nato_guide.cli.options import (
        complete_document,
        complete_perspective,
        complete_term,
        complete_topic,
    )

    assert list(complete_document("doc-t")) == [
        ("doc-two", "Document Two"),
        ("doc-three", "Document Three"),
    ]
    assert [k for k, _ in complete_topic("")] == ["alpha", "beta"]
    assert [k for k, _ in complete_perspective("m")] == ["mearsheimer"]
    assert list(complete_term("open")) == [("open-door", "Open door")]


# --- timeline and glossary --------------------------------------------------------------


def test_timeline(runner: CliRunner) -> None:
    """timeline lists dated events with their links, then the membership chart."""
    out = run(runner, "timeline").stdout
    assert out.index("1949-04-04") < out.index("1990-02") < out.index("2023-04-04")
    assert "Joined: Atlantis, Borduria (2 members)" in out
    assert "docs: doc-one" in out and "topics: alpha" in out
    assert "NATO members by year" in out
    assert "2023  ███ 3" in out


def test_timeline_json(runner: CliRunner) -> None:
    """timeline --json: date, title, documents, topics for each event."""
    data = run_json(runner, "timeline")
    assert [e["date"] for e in data] == ["1949-04-04", "1990-02", "2008-04-03", "2023-04-04"]
    assert data[1] == {
        "date": "1990-02",
        "title": "A conversation",
        "kind": "speech",
        "text": "Words were said.",
        "documents": ["doc-one"],
        "topics": ["alpha"],
        "perspectives": ["kremlin", "western", "mearsheimer", "applebaum", "ukraine"],
    }
    assert data[3]["joined"] == ["Carpania"] and data[3]["members"] == 3


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--from", "1990"], ["1990-02", "2008-04-03", "2023-04-04"]),
        (["--to", "1990-02"], ["1949-04-04", "1990-02"]),
        (["--from", "1990-03", "--to", "2008"], ["2008-04-03"]),
        (["--from", "1990-02-15"], ["1990-02", "2008-04-03", "2023-04-04"]),
        (["--to", "9999-12"], ["1949-04-04", "1990-02", "2008-04-03", "2023-04-04"]),
        (["-p", "kremlin"], ["1949-04-04", "1990-02"]),
        (["--perspective", "western"], ["1949-04-04", "1990-02", "2008-04-03"]),
        (["--topic", "beta"], ["2008-04-03", "2023-04-04"]),
    ],
)
def test_timeline_filters(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    """timeline filters by period (years, months or days), perspective and topic."""
    assert [e["date"] for e in run_json(runner, "timeline", *args)] == expected


def test_timeline_chart(runner: CliRunner) -> None:
    """timeline --chart shows (or gives as JSON) NATO's size by year."""
    out = run(runner, "timeline", "--chart").stdout
    assert "Founding" not in out
    assert "1949  ██ 2" in out and "Atlantis, Borduria" in out
    assert run_json(runner, "timeline", "--chart") == [
        {"year": 1949, "members": 2, "joined": ["Atlantis", "Borduria"]},
        {"year": 2023, "members": 3, "joined": ["Carpania"]},
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "last year"], "--from 'last year' is not a year or an ISO date"),
        (["--from", ""], "--from '' is not a year or an ISO date"),
        (["--from", "2010", "--to", "2000"], "--from 2010 comes after --to 2000"),
        (["-p", "nato"], "unknown perspective 'nato'"),
    ],
)
def test_timeline_bad_options(runner: CliRunner, args: list[str], message: str) -> None:
    """Bad periods or ids: one line, exit 2."""
    result = run(runner, "timeline", *args, code=2)
    assert message in result.stderr
    assert result.stdout == ""


def test_glossary(runner: CliRunner) -> None:
    """glossary lists the terms; glossary TERM explains one, by id or wording."""
    out = run(runner, "glossary").stdout
    assert "Open door" in out and "nato-guide glossary open-door" in out
    for key in ("open-door", "Open door"):
        out = run(runner, "glossary", key).stdout
        assert "How each side uses it" in out
        assert "How ukraine uses it." in out and "The ukraine view" in out
        assert "“The first article.”" in out


def test_glossary_json(runner: CliRunner) -> None:
    """glossary --json lists terms; with a term it adds the usages and quotations."""
    (entry,) = run_json(runner, "glossary")
    assert entry["id"] == "open-door" and entry["documents"] == ["doc-one"]
    detail = run_json(runner, "glossary", "open-door")
    assert [u["perspective"] for u in detail["usages"]] == [
        "kremlin",
        "western",
        "mearsheimer",
        "applebaum",
        "ukraine",
    ]
    assert detail["quotes"][0]["pinpoint"] == "Art. 1"


def test_glossary_unknown_term(runner: CliRunner) -> None:
    """An unknown term suggests the closest."""
    result = run(runner, "glossary", "open-dor", code=2)
    assert "unknown term 'open-dor'; did you mean open-door?" in result.stderr
