"""The real guide through the command line: every topic, document and term renders with
its substance, and the JSON contract holds on the shipped content."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA
from nato_guide.cli import app
from nato_guide.content import load_content

CONTENT = load_content(DATA)
NAMES = [p.name for p in CONTENT.perspectives.values()]


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def run_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(run(runner, *args, "--json"))


@pytest.mark.parametrize("topic_id", list(CONTENT.topics))
def test_every_topic_runs(runner: CliRunner, topic_id: str) -> None:
    """Each topic shows its question, all five perspectives with position and objection,
    and the record, in that order."""
    topic = CONTENT.topics[topic_id]
    out = " ".join(run(runner, "topic", topic_id).split())
    assert " ".join(topic.question.split()) in out
    positions = [out.index(name) for name in NAMES]
    assert positions == sorted(positions)
    assert out.count("Strongest objection") == 5
    assert out.index("What the record shows") > positions[-1]
    first_fact = " ".join(topic.record[0].text.split())[:60]
    assert first_fact in out


@pytest.mark.parametrize("document_id", list(CONTENT.documents))
def test_every_document_card(runner: CliRunner, document_id: str) -> None:
    """Each document card shows its title, date, link and why it matters."""
    doc = CONTENT.documents[document_id]
    out = run(runner, "doc", document_id)
    flat = "".join(out.split())
    assert "".join(doc.title.split()) in flat
    assert doc.date in out
    assert "".join(doc.url.split()) in flat
    assert "Why it matters" in out


@pytest.mark.parametrize("term_id", list(CONTENT.terms))
def test_every_glossary_term(runner: CliRunner, term_id: str) -> None:
    """Each term shows how all five perspectives use it."""
    out = run(runner, "glossary", term_id)
    for name in NAMES:
        assert name in out


def test_json_contract_on_real_content(runner: CliRunner) -> None:
    """The documented JSON keys are present on the shipped content."""
    topics = run_json(runner, "topics")
    assert len(topics) == len(CONTENT.topics)
    assert {"id", "title", "question", "perspectives", "documents"} <= set(topics[0])
    topic = run_json(runner, "topic", "bucharest-2008")
    assert {"id", "title", "question", "summary", "views", "record", "documents"} <= set(topic)
    assert {"perspective", "position", "argument", "objection", "documents"} <= set(
        topic["views"][0]
    )
    docs = run_json(runner, "docs")
    assert {
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
    } <= set(docs[0])
    doc = run_json(runner, "doc", "budapest-memorandum-1994")
    assert doc["date"] == "1994-12-05" and doc["why"] and doc["readings"]
    events = run_json(runner, "timeline")
    assert {"date", "title", "documents", "topics"} <= set(events[0])
    progress = run_json(runner, "progress")
    assert progress["total"] == len(CONTENT.documents)
    assert set(progress["by_perspective"]) == set(CONTENT.perspectives)


def test_timeline_chart_ends_at_32(runner: CliRunner) -> None:
    """The membership chart runs from the 12 founders to Sweden, the 32nd member."""
    out = run(runner, "timeline", "--chart")
    assert "1949" in out and "12" in out
    assert out.rstrip().splitlines()[-1].strip() == "Sweden"
    assert "2024" in out and " 32" in out


def test_every_quotation_in_a_topic_shows_its_source(runner: CliRunner) -> None:
    """Each view and the record list where their quoted passages come from, by pinpoint."""
    from nato_guide.queries import quoted_sources

    for topic in CONTENT.topics.values():
        for view in topic.views:
            texts = (view.position, view.argument, view.objection)
            quoted = sum(text.count('"') // 2 + text.count("“") for text in texts)
            if quoted:
                assert quoted_sources(CONTENT, topic, *texts), (topic.id, view.perspective)
    out = " ".join(run(runner, "topic", "bucharest-2008").split())
    assert "Quoted from" in out and "para. 23 bucharest-summit-declaration-2008" in out


def test_every_screen_lays_out_the_same_plain_or_styled(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without styles, screens are laid out as bare strings rather than styled runs: on
    every screen of the guide, at a narrow, a usual and a wide width, the two give the same
    text (and at least one screen was checked)."""
    from nato_guide.cli import layout

    real = layout.render
    checked: list[int] = []

    def render(items: Any, width: int, *, styled: bool) -> str:
        items = list(items)
        for item in items:
            bare = [line.rstrip() for line in item.plain_lines(width)]
            runs = ["".join(t for t, _ in line).rstrip() for line in item.lines(width)]
            assert bare == runs
            checked.append(width)
        return real(items, width, styled=styled)

    monkeypatch.setattr(layout, "render", render)
    run(runner, "read", *list(CONTENT.documents)[::3])
    screens = [
        [],
        ["topics"],
        ["docs"],
        ["docs", "--unread"],
        ["progress"],
        ["perspectives"],
        ["paths"],
        ["timeline"],
        ["glossary"],
        ["notes"],
        ["search", "Bucharest"],
        ["next"],
        *(["topic", t] for t in CONTENT.topics),
        *(["doc", d] for d in CONTENT.documents),
        *(["perspective", p] for p in CONTENT.perspectives),
        *(["glossary", t] for t in CONTENT.terms),
    ]
    for columns in ("30", "100", "200"):
        monkeypatch.setenv("COLUMNS", columns)
        for args in screens:
            run(runner, *args)
    assert {30, 100, 200} <= set(checked)
