"""Integrity of the shipped content in data/: references, dates, links, quotations,
balance between the perspectives, and our own words."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import DATA, REPO
from nato_guide.content import PERSPECTIVE_IDS, Content, load_content, parse_partial_date

REQUIRED_TOPICS = {
    "not-one-inch",
    "enlargement-open-door",
    "founding-act-1990s",
    "bucharest-2008",
    "security-dilemma",
    "crimea-2014",
    "democracy-threat",
    "putin-2021-essay",
    "december-2021-drafts",
    "war-aims-2022",
    "finland-sweden",
    "nuclear-budapest",
    "grey-zone",
    "weighing-causes",
}
REQUIRED_TERMS = {
    "expansion",
    "sphere of influence",
    "special military operation",
    "denazification",
    "security guarantees",
    "open door",
    "russkiy mir",
    "indivisible security",
}

#: Official sites and reputable archives or publishers; nothing else may be linked.
ALLOWED_HOSTS = {
    "www.nato.int",
    "en.kremlin.ru",
    "www.mid.ru",
    "mid.ru",
    "www.osce.org",
    "www.un.org",
    "undocs.org",
    "digitallibrary.un.org",
    "treaties.un.org",
    "nsarchive.gwu.edu",
    "en.wikisource.org",
    "zakon.rada.gov.ua",
    "www.president.gov.ua",
    "www.foreignaffairs.com",
    "www.theatlantic.com",
    "www.economist.com",
    "elpais.com",
    "english.elpais.com",
    "www.state.gov",
    "history.state.gov",
    "2009-2017.state.gov",
    "digitalarchive.wilsoncenter.org",
    "www.securityconference.org",
    "securityconference.org",
    "www.congress.gov",
    "um.fi",
    "mfa.gov.ua",
    "www.nytimes.com",
    "www.youtube.com",
    "war.ukraine.ua",
    "www.government.se",
    "www.regeringen.se",
}

QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
MAX_QUOTE_WORDS = 40


@pytest.fixture(scope="module")
def content() -> Content:
    """The shipped content, loaded and validated."""
    return load_content(DATA)


def words(text: str) -> int:
    return len(text.split())


def norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def quoted_passages(text: str) -> list[str]:
    return [norm(a or b) for a, b in QUOTED.findall(text)]


def prose_fields(content: Content) -> Iterator[tuple[str, str, list[str]]]:
    """Every piece of prose, where it is, and the registered quotations it may use."""
    for doc in content.documents.values():
        own = [q.text for q in doc.quotes]
        yield f"documents.toml {doc.id}.why", doc.why, own
        for r in doc.readings:
            yield f"documents.toml {doc.id}.reading.{r.perspective}", r.text, own
    for t in content.topics.values():
        own = [q.text for q in t.quotes]
        for doc_id in t.all_documents:
            own += [q.text for q in content.documents[doc_id].quotes]
        for name in ("title", "question", "summary"):
            yield f"{t.id}.{name}", getattr(t, name), own
        for v in t.views:
            for name in ("position", "argument", "objection"):
                yield f"{t.id} {v.perspective}.{name}", getattr(v, name), own
        for i, fact in enumerate(t.record):
            yield f"{t.id} record[{i}]", fact.text, own
    for term in content.terms.values():
        own = [q.text for q in term.quotes]
        yield f"glossary.toml {term.id}.term", term.term, own
        yield f"glossary.toml {term.id}.summary", term.summary, own
        for u in term.usages:
            yield f"glossary.toml {term.id}.usage.{u.perspective}", u.text, own
    for event in content.events:
        yield f"timeline.toml {event.date}", f"{event.title} {event.text}", []
    for q in content.questions:
        own = [x.text for x in content.documents[q.document].quotes]
        own += [x.text for x in content.topics[q.topic].quotes]
        for text in (q.text, q.explanation, *q.choices, *q.answers):
            yield f"quiz.toml {q.id}", text, own
    for p in content.perspectives.values():
        texts = [p.name, p.thesis, p.weakened_by, *p.proponents, *p.assumptions]
        for text in texts:
            yield f"perspectives.toml {p.id}", text, []
    yield "guide.toml intro", content.intro, []


# --- shape and references ----------------------------------------------------------------


def test_enough_real_content(content: Content) -> None:
    """At least six topics (the five named ones among them) and fifteen documents."""
    assert len(content.topics) >= 6
    assert set(content.topics) >= REQUIRED_TOPICS
    assert len(content.documents) >= 15


def test_every_topic_has_every_perspective(content: Content) -> None:
    """Each topic argues all five perspectives, in order, with position, argument, objection."""
    for t in content.topics.values():
        assert tuple(v.perspective for v in t.views) == PERSPECTIVE_IDS, t.id
        for v in t.views:
            assert v.position and v.argument and v.objection, (t.id, v.perspective)
            assert v.documents, f"{t.id} {v.perspective}: leans on no document"


def test_every_reference_exists(content: Content) -> None:
    """Every document id used anywhere names a shipped document."""
    for p in content.perspectives.values():
        assert set(p.documents) <= set(content.documents), p.id
    for t in content.topics.values():
        assert set(t.all_documents) <= set(content.documents), t.id
        assert {q.document for q in t.quotes} <= set(content.documents), t.id


def test_no_document_is_orphaned(content: Content) -> None:
    """Every document belongs to at least one topic; every primary document is cited by a
    perspective (commentary is read alongside, not argued from)."""
    for doc in content.documents.values():
        assert doc.topics, f"{doc.id} belongs to no topic"
        if doc.kind != "commentary":
            assert doc.perspectives, f"{doc.id} is cited by no perspective"


def test_dates_parse(content: Content) -> None:
    """Dates are ISO, with day, month or year precision, and none lies in the future."""
    for doc in content.documents.values():
        assert parse_partial_date(doc.date).year in range(1949, 2027), doc.id


def test_links_are_https_to_official_or_archival_sites(content: Content) -> None:
    """Every link is https and goes to an official or reputable archival host."""
    for doc in content.documents.values():
        url = urlparse(doc.url)
        assert url.scheme == "https", doc.id
        assert url.hostname in ALLOWED_HOSTS, f"{doc.id}: {url.hostname} is not an allowed host"


def test_reading_times_follow_from_length(content: Content) -> None:
    """Where a word count is given, minutes are words at 200 a minute, rounded up."""
    for doc in content.documents.values():
        if doc.words is not None:
            assert doc.minutes == max(1, math.ceil(doc.words / 200)), doc.id
            assert doc.length_note, f"{doc.id}: say how the length was estimated"


def test_every_document_explains_why_it_matters(content: Content) -> None:
    """Each document has a why of a few sentences, and readings by known perspectives."""
    for doc in content.documents.values():
        assert 15 <= words(doc.why) <= 120, doc.id
        assert len({r.perspective for r in doc.readings}) == len(doc.readings), doc.id


# --- quotations ---------------------------------------------------------------------------


def test_quotations_are_short_and_pinpointed(content: Content) -> None:
    """Every registered quotation has a source document, a pinpoint and at most 40 words."""
    quotes = [q for d in content.documents.values() for q in d.quotes]
    quotes += [q for t in content.topics.values() for q in t.quotes]
    quotes += [q for t in content.terms.values() for q in t.quotes]
    assert quotes
    for q in quotes:
        assert q.document in content.documents
        assert q.pinpoint.strip(), q
        assert words(q.text) <= MAX_QUOTE_WORDS, q


def test_every_quoted_passage_is_registered(content: Content) -> None:
    """A double-quoted passage anywhere in the prose is a registered, pinpointed quotation
    (verbatim, or a verbatim fragment of one)."""
    problems = []
    for where, text, registered in prose_fields(content):
        pool = [norm(r) for r in registered]
        for passage in quoted_passages(text):
            if not any(passage in r for r in pool):
                problems.append(f"{where}: {passage!r}")
    assert problems == []


def test_quote_rule_catches_an_unregistered_quotation() -> None:
    """The quotation check itself fails on an invented quotation."""
    assert quoted_passages('Baker said "not one inch" and “more”.') == ["not one inch", "more"]


# --- balance and length ---------------------------------------------------------------------


def test_arguments_and_objections_have_their_length(content: Content) -> None:
    """Arguments run 120-300 words and objections 40-120, for every perspective."""
    for t in content.topics.values():
        for v in t.views:
            assert 120 <= words(v.argument) <= 300, (t.id, v.perspective, words(v.argument))
            assert 40 <= words(v.objection) <= 120, (t.id, v.perspective, words(v.objection))
            assert words(v.position) <= 30, (t.id, v.perspective)


def test_no_perspective_is_shortchanged(content: Content) -> None:
    """Within a topic no argument is less than half as long as the longest."""
    for t in content.topics.values():
        lengths = [words(v.argument) for v in t.views]
        assert min(lengths) * 2 >= max(lengths), (t.id, lengths)


def test_the_record_is_documented(content: Content) -> None:
    """Each topic's record has at least three facts, each tied to documents."""
    for t in content.topics.values():
        assert len(t.record) >= 3, t.id
        for fact in t.record:
            assert fact.documents, (t.id, fact.text[:40])


def test_prose_is_plain_text(content: Content) -> None:
    """No markup or control characters in the prose."""
    for where, text, _ in prose_fields(content):
        assert not re.search(r"[\[\]\x00-\x08\x0b-\x1f\x7f]", text), where
        assert "**" not in text and "`" not in text, where


# --- our own words --------------------------------------------------------------------------

SEEDS = REPO.parent / "shared" / "seeds"


def quoted_titles(title: str) -> list[str]:
    """Titles quoted inside a document title (an essay's own name, say)."""
    return [a or b for a, b in QUOTED.findall(title)]


def shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    """Runs of *size* words, leaving out quotations (which are verbatim by design)."""
    text = QUOTED.sub(" ", text)
    tokens = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the repo")
def test_no_sentence_is_copied_from_the_source_articles(content: Content) -> None:
    """No run of eight words in data/ repeats the source articles (quotations and the
    titles of documents aside)."""
    seeds = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in SEEDS.iterdir()))
    titles = [d.title for d in content.documents.values()]
    titles += [q for d in content.documents.values() for q in quoted_titles(d.title)]
    for path in sorted(DATA.rglob("*.toml")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        for title in titles:
            text = text.replace(title, " ")
        copied = shingles(text) & seeds
        assert not copied, f"{path.name}: {' '.join(sorted(copied)[0])}"


def test_shingles_detect_copying() -> None:
    """The copy check finds an eight-word run shared by two texts."""
    a = shingles("It is the question that has launched a thousand screaming matches")
    b = shingles("Truly it is the question that has launched a thousand debates")
    assert a & b


def test_data_files_are_all_loaded() -> None:
    """Every TOML file in data/ is one the loader reads (no stray content)."""
    names = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*.toml")}
    expected = {
        "guide.toml",
        "perspectives.toml",
        "documents.toml",
        "timeline.toml",
        "glossary.toml",
        "paths.toml",
        "quiz.toml",
    }
    expected |= {f"topics/{p.stem}.toml" for p in (DATA / "topics").glob("*.toml")}
    assert names == expected
    assert Path(DATA / "guide.toml").is_file()


# --- timeline, glossary, perspectives -------------------------------------------------------


def test_timeline_spans_1949_to_2024(content: Content) -> None:
    """At least 45 dated events from 1949 to 2024, each linked to a topic."""
    years = [parse_partial_date(e.date).year for e in content.events]
    assert len(years) >= 45
    assert min(years) == 1949 and max(years) == 2024
    for event in content.events:
        assert event.topics, event.title
        assert '"' not in event.title + event.text and "\u201c" not in event.title + event.text


def test_timeline_counts_every_enlargement(content: Content) -> None:
    """NATO grows from 12 founders to 32 members through every enlargement."""
    from nato_guide.queries import membership

    steps = membership(content)
    assert [(s.year, s.members) for s in steps] == [
        (1949, 12),
        (1952, 14),
        (1955, 15),
        (1982, 16),
        (1999, 19),
        (2004, 26),
        (2009, 28),
        (2017, 29),
        (2020, 30),
        (2023, 31),
        (2024, 32),
    ]
    joined = {state for s in steps for state in s.joined}
    assert {"Finland", "Sweden", "Poland", "Estonia", "North Macedonia"} <= joined


def test_glossary_covers_the_loaded_terms(content: Content) -> None:
    """The glossary explains the loaded words the debate turns on, from every perspective."""
    assert len(content.terms) >= 10
    wording = " | ".join(t.term.lower() for t in content.terms.values())
    for required in REQUIRED_TERMS:
        assert required in wording, required
    for term in content.terms.values():
        assert len(term.usages) == 5, term.id
        assert term.documents or term.topics, term.id


def test_perspective_profiles_are_complete(content: Content) -> None:
    """Each perspective says who holds it, what it assumes, what would weaken it, and
    lists texts in its own words."""
    for p in content.perspectives.values():
        assert len(p.proponents) >= 2, p.id
        assert len(p.assumptions) >= 2, p.id
        assert len(p.weakened_by.split()) >= 10, p.id
        assert len(p.documents) >= 3, p.id


# --- the library ----------------------------------------------------------------------------

REQUIRED_PATHS = {
    "primer": (1, 30),
    "evening": (60, 180),
    "weekend": (240, 600),
}


def test_reading_paths(content: Content) -> None:
    """A primer, an evening, a weekend and one path per perspective, each within its budget."""
    for pid, (low, high) in REQUIRED_PATHS.items():
        path = content.path(pid)
        assert path.minutes <= high, pid
        assert low <= path.total_minutes <= path.minutes, pid
    for perspective in PERSPECTIVE_IDS:
        path = content.path(f"{perspective}-own-words")
        assert path.perspective == perspective
        assert path.total_minutes <= path.minutes


def test_general_paths_alternate_perspectives(content: Content) -> None:
    """In the general paths, consecutive steps mostly come from different sides."""
    for pid in REQUIRED_PATHS:
        path = content.path(pid)
        sides = [content.documents[s.document].perspectives for s in path.steps]
        changes = sum(1 for a, b in pairwise(sides) if a != b)
        assert changes >= (len(sides) - 1) // 2, pid


def test_documents_state_their_provenance(content: Content) -> None:
    """Every document says where its text comes from, its language and what the link gives."""
    for doc in content.documents.values():
        assert doc.provenance, doc.id
        assert doc.language, doc.id
        assert doc.link_text, doc.id


def test_commentary_is_marked(content: Content) -> None:
    """The further voices are commentary, beside at least thirty primary documents."""
    commentary = [d for d in content.documents.values() if d.kind == "commentary"]
    assert len(commentary) >= 3
    assert len(content.documents) - len(commentary) >= 30


def test_path_parts_are_pinpoints(content: Content) -> None:
    """A step that reads only part of a document names that part."""
    for path in content.paths.values():
        for step in path.steps:
            if step.minutes != content.documents[step.document].minutes:
                assert step.part, (path.id, step.document)


def test_quiz_covers_every_topic(content: Content) -> None:
    """At least 40 questions, every topic asked about, each settled by a document."""
    assert len(content.questions) >= 40
    asked = {q.topic for q in content.questions}
    assert asked == set(content.topics)
    for q in content.questions:
        assert q.pinpoint and q.document in content.documents, q.id
        assert q.is_right(q.right_answer), q.id
        if q.kind == "choice":
            assert q.is_right(str(q.answer + 1)), q.id
            wrong = (q.answer + 1) % len(q.choices)
            assert not q.is_right(q.choices[wrong]), q.id
