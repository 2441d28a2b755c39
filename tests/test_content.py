"""The content loader: valid content becomes typed objects; every mistake is named by file
and field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from conftest import minimal_content, write_content
from nato_guide.content import PERSPECTIVE_IDS, load_content, parse_partial_date
from nato_guide.errors import ContentError, UnknownIdError


def load(tmp_path: Path, files: dict[str, Any]) -> Any:
    return load_content(write_content(tmp_path / "c", files))


def test_minimal_content_loads(tmp_path: Path) -> None:
    """A valid content set loads with its order, its views and its record."""
    content = load(tmp_path, minimal_content())
    assert content.question == "Is this a test?"
    assert list(content.topics) == ["alpha", "beta"]
    assert tuple(content.perspectives) == PERSPECTIVE_IDS
    alpha = content.topic("alpha")
    assert [v.perspective for v in alpha.views] == list(PERSPECTIVE_IDS)
    assert alpha.record[0].documents == ("doc-one",)
    assert alpha.quotes[0].pinpoint == "Art. 1"


def test_document_links_are_derived(tmp_path: Path) -> None:
    """A document knows which perspectives cite it and which topics refer to it."""
    content = load(tmp_path, minimal_content())
    assert content.document("doc-one").topics == ("alpha",)
    assert content.document("doc-two").perspectives == ("western",)
    assert content.document("doc-two").topics == ("alpha", "beta")
    assert content.document("doc-three").perspectives == ()
    assert content.document("doc-three").topics == ("beta",)


def test_topic_all_documents_keeps_reading_list_first(tmp_path: Path) -> None:
    """all_documents lists the reading list, then the views' and the record's, once each."""
    content = load(tmp_path, minimal_content())
    assert content.topic("alpha").all_documents == ("doc-one", "doc-two")
    assert content.topic("beta").all_documents == ("doc-three", "doc-two")


def test_unknown_id_suggests_close_ids(tmp_path: Path) -> None:
    """An unknown id raises with the closest known ids."""
    content = load(tmp_path, minimal_content())
    with pytest.raises(UnknownIdError) as info:
        content.document("doc-tw")
    assert info.value.suggestions == ["doc-two"]
    assert "did you mean doc-two?" in str(info.value)
    with pytest.raises(UnknownIdError, match="unknown topic 'gamma'"):
        content.topic("gamma")


def test_lookup_forgives_case_and_spaces(tmp_path: Path) -> None:
    """Ids typed in capitals or with stray spaces still resolve."""
    content = load(tmp_path, minimal_content())
    assert content.topic(" ALPHA ").id == "alpha"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1994-12-05", (1994, 12, 5)), ("2014-09", (2014, 9, 1)), ("2014", (2014, 1, 1))],
)
def test_partial_dates_parse(text: str, expected: tuple[int, int, int]) -> None:
    """ISO dates with day, month or year precision parse to their first day."""
    parsed = parse_partial_date(text)
    assert (parsed.year, parsed.month, parsed.day) == expected


@pytest.mark.parametrize("text", ["1994-13-01", "1994-02-30", "5 Dec 1994", "94-12-05", ""])
def test_bad_dates_are_rejected(text: str) -> None:
    """Impossible or non-ISO dates raise ValueError."""
    with pytest.raises(ValueError, match=r"date|month|day|ISO"):
        parse_partial_date(text)


def _edit(path: str, key_path: list[Any], value: Any) -> dict[str, Any]:
    files = copy.deepcopy(minimal_content())
    target: Any = files[path]
    for key in key_path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[key_path[-1]]
    else:
        target[key_path[-1]] = value
    return files


_DELETE = object()
REVERSED_PERSPECTIVES = minimal_content()["perspectives.toml"]["perspective"][::-1]

BROKEN = [
    pytest.param(
        _edit("documents.toml", ["document", 0, "date"], "9 Feb 1990"),
        r"documents\.toml: document\[doc-one\]\.date: '9 Feb 1990' is not an ISO date",
        id="bad-date",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 1, "url"], "http://example.org/two"),
        r"documents\.toml: document\[doc-two\]\.url: expected an https:// link",
        id="http-link",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "minutes"], "five"),
        r"document\[doc-one\]\.minutes: expected a whole number, got text",
        id="wrong-type",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "title"], _DELETE),
        r"document\[doc-one\]\.title: missing",
        id="missing-field",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "tittle"], "Typo"),
        r"document\[doc-one\]\.tittle: unknown field",
        id="unknown-field",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "kind"], "pamphlet"),
        r"document\[doc-one\]\.kind: unknown kind 'pamphlet'",
        id="unknown-kind",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 1, "id"], "doc-one"),
        r"document\[doc-one\]\.id: duplicate document id 'doc-one'",
        id="duplicate-id",
    ),
    pytest.param(
        _edit("topics/alpha.toml", ["record", 0, "documents"], ["doc-four"]),
        r"topics/alpha\.toml: record\[0\]\.documents: unknown document 'doc-four'",
        id="unknown-reference",
    ),
    pytest.param(
        _edit("topics/alpha.toml", ["record", 0, "documents"], []),
        r"topics/alpha\.toml: record\[0\]\.documents: must list at least one id",
        id="fact-without-source",
    ),
    pytest.param(
        _edit("topics/beta.toml", ["view", 4, "perspective"], "kremlin"),
        r"topics/beta\.toml: view\[4\]\.perspective|topics/beta\.toml: view: expected one view",
        id="missing-perspective",
    ),
    pytest.param(
        _edit("topics/beta.toml", ["view", 1, "perspective"], "nato"),
        r"topics/beta\.toml: view\[1\]\.perspective: unknown perspective 'nato'",
        id="unknown-perspective",
    ),
    pytest.param(
        _edit("topics/beta.toml", ["id"], "gamma"),
        r"topics/beta\.toml: id: expected 'beta' \(the file name\), got 'gamma'",
        id="id-not-file-name",
    ),
    pytest.param(
        _edit("guide.toml", ["topics"], ["alpha", "beta", "gamma"]),
        r"topics/gamma\.toml: file not found",
        id="listed-topic-missing",
    ),
    pytest.param(
        _edit("guide.toml", ["topics"], ["alpha"]),
        r"topics/beta\.toml: topic file not listed in guide\.toml",
        id="topic-not-listed",
    ),
    pytest.param(
        _edit(
            "perspectives.toml",
            ["perspective"],
            minimal_content()["perspectives.toml"]["perspective"][::-1],
        ),
        r"perspectives\.toml: perspectives must be kremlin, western, mearsheimer, applebaum, "
        r"ukraine",
        id="perspective-order",
    ),
    pytest.param(
        _edit("timeline.toml", ["event", 3, "members"], 4),
        r"timeline\.toml: event\[3\]\.members: 2 members before and 1 joining make 3, not 4",
        id="membership-arithmetic",
    ),
    pytest.param(
        _edit("timeline.toml", ["event", 1, "date"], "1948"),
        r"timeline\.toml: event\[1\]\.date: 1948 comes before 1949-04-04",
        id="events-out-of-order",
    ),
    pytest.param(
        _edit("timeline.toml", ["event", 2, "topics"], ["gamma"]),
        r"timeline\.toml: event\[2\]\.topics: unknown topic 'gamma'",
        id="event-unknown-topic",
    ),
    pytest.param(
        _edit("timeline.toml", ["event", 2, "kind"], "party"),
        r"timeline\.toml: event\[2\]\.kind: unknown kind 'party'",
        id="event-kind",
    ),
    pytest.param(
        _edit("glossary.toml", ["term", 0, "usage"], []),
        r"glossary\.toml: term\[open-door\]\.usage: expected at least one",
        id="term-without-usage",
    ),
    pytest.param(
        _edit("glossary.toml", ["term", 0, "documents"], ["doc-nine"]),
        r"glossary\.toml: term\[open-door\]\.documents: unknown document 'doc-nine'",
        id="term-unknown-document",
    ),
    pytest.param(
        _edit("paths.toml", ["path", 0, "minutes"], 10),
        r"paths\.toml: path\[short\]\.minutes: the steps take 13 minutes, over the budget of 10",
        id="path-over-budget",
    ),
    pytest.param(
        _edit("paths.toml", ["path", 0, "step", 0, "minutes"], 3),
        r"path\[short\]\.step\[0\]\.minutes: give minutes only for a part",
        id="path-minutes-without-part",
    ),
    pytest.param(
        _edit("paths.toml", ["path", 0, "step", 0, "document"], "doc-nine"),
        r"path\[short\]\.step\[0\]\.document: unknown document 'doc-nine'",
        id="path-unknown-document",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "reading", 0, "passage"], "Words never written."),
        r"document\[doc-one\]\.reading\[0\]\.passage: must be \(part of\) one of",
        id="invented-passage",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "translation"], "no"),
        r"document\[doc-one\]\.translation: expected true or false, got text",
        id="translation-type",
    ),
    pytest.param(
        _edit("documents.toml", ["document", 0, "link_text"], "the lot"),
        r"document\[doc-one\]\.link_text: one of: full text, excerpt",
        id="link-text",
    ),
    pytest.param(
        _edit("topics/alpha.toml", ["summary"], "   "),
        r"topics/alpha\.toml: summary: must not be empty",
        id="empty-text",
    ),
]


@pytest.mark.parametrize(("files", "message"), BROKEN)
def test_broken_content_names_file_and_field(
    tmp_path: Path, files: dict[str, Any], message: str
) -> None:
    """Each kind of mistake raises ContentError naming the file and the field."""
    with pytest.raises(ContentError, match=message):
        load(tmp_path, files)


def test_timeline_and_glossary_load(tmp_path: Path) -> None:
    """Events keep their order and links; terms carry five usages; event perspectives
    follow their documents."""
    content = load(tmp_path, minimal_content())
    assert [e.date for e in content.events] == ["1949-04-04", "1990-02", "2008-04-03", "2023-04-04"]
    assert content.events[0].joined == ("Atlantis", "Borduria")
    assert content.events[2].perspectives == ("western",)
    assert content.term("open-door").usages[4].perspective == "ukraine"
    assert content.term("OPEN DOOR").id == "open-door"


def test_paths_load(tmp_path: Path) -> None:
    """Paths keep their steps; a whole document counts its own minutes, a part its own."""
    content = load(tmp_path, minimal_content())
    short = content.path("short")
    assert [s.minutes for s in short.steps] == [5, 8]
    assert short.total_minutes == 13
    assert short.steps[1].part == "section 2"
    assert content.path("kremlin-own-words").perspective == "kremlin"


def test_timeline_and_glossary_are_optional(tmp_path: Path) -> None:
    """A content directory without a timeline, glossary or paths loads with none."""
    files = minimal_content()
    del files["timeline.toml"], files["glossary.toml"], files["paths.toml"]
    content = load(tmp_path, files)
    assert content.events == ()
    assert dict(content.terms) == {}
    assert dict(content.paths) == {}


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    """A syntax error in a content file names the file and the line."""
    directory = write_content(tmp_path / "c", minimal_content())
    (directory / "topics" / "alpha.toml").write_text('id = "alpha\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"alpha\.toml: invalid TOML: .*line 1"):
        load_content(directory)


def test_missing_content_directory(tmp_path: Path) -> None:
    """A content directory that does not exist is one clear error."""
    with pytest.raises(ContentError, match="content directory not found"):
        load_content(tmp_path / "nowhere")


def test_data_env_selects_content(small_content: Path) -> None:
    """NATO_GUIDE_DATA points the loader at another content directory."""
    assert list(load_content().topics) == ["alpha", "beta"]


# --- the parse cache ------------------------------------------------------------------------


def _forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the cache was fresh")

    monkeypatch.setattr(tomllib, "load", refuse)
    monkeypatch.setattr(tomllib, "loads", refuse)


def test_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once parsed, unchanged content loads without parsing TOML again, and equal."""
    directory = write_content(tmp_path / "c", minimal_content())
    first = load_content(directory)
    assert list((tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.pickle"))
    _forbid_parsing(monkeypatch)
    assert load_content(directory) == first


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    """Editing a content file invalidates the cache for it."""
    files = minimal_content()
    directory = write_content(tmp_path / "c", files)
    load_content(directory)
    files["topics/alpha.toml"]["question"] = "Alpha, edited?"
    write_content(directory, files)
    assert load_content(directory).topic("alpha").question == "Alpha, edited?"


def test_a_broken_edit_is_still_caught(tmp_path: Path) -> None:
    """Validation runs on every load, cached or not."""
    files = minimal_content()
    directory = write_content(tmp_path / "c", files)
    load_content(directory)
    files["documents.toml"]["document"][0]["url"] = "http://insecure.example"
    write_content(directory, files)
    with pytest.raises(ContentError, match="expected an https:// link"):
        load_content(directory)


def test_a_cached_model_keeps_its_topics_when_the_cache_is_rebuilt(tmp_path: Path) -> None:
    """The topics of a model read from the cache are unpickled when first used, from the
    file that was checked: a rebuild meanwhile (after an edit) does not mix them up."""
    files = minimal_content()
    directory = write_content(tmp_path / "c", files)
    load_content(directory)
    before = load_content(directory)  # from the cache, topics not unpickled yet
    files["topics/alpha.toml"]["question"] = "Alpha, edited?"
    write_content(directory, files)
    after = load_content(directory)  # rebuilt: the cache file is replaced
    assert before.topic("alpha").question == "Alpha?"
    assert after.topic("alpha").question == "Alpha, edited?"
    assert load_content(directory) == after


def test_damaged_topics_in_the_cache_are_built_afresh(tmp_path: Path) -> None:
    """When the topics part of the cache file no longer unpickles (damaged on disk), the
    topics are built from the content files instead; a cut-short file is not used."""
    directory = write_content(tmp_path / "c", minimal_content())
    fresh = load_content(directory)
    (cache,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.pickle")
    good = cache.read_bytes()
    cache.write_bytes(good[:-64] + b"\x00" * 64)
    damaged = load_content(directory)
    assert list(damaged.topics) == ["alpha", "beta"]
    assert damaged == fresh
    cache.write_bytes(good[:-64])
    assert load_content(directory) == fresh


def test_cards_from_the_cache_are_read_when_first_used(tmp_path: Path) -> None:
    """A model read from the cache leaves its documents' cards (why, quotes, readings...)
    in the file until one is used, then has them all, equal to the built ones."""
    from nato_guide.content import Card, Deferred, _Pickled

    directory = write_content(tmp_path / "c", minimal_content())
    built = load_content(directory)
    cached = load_content(directory)
    cards = [doc.card for doc in cached.documents.values()]
    deferred = [card for card in cards if isinstance(card, Deferred)]
    assert len(deferred) == len(cards) == 3
    part = deferred[0]._part
    assert isinstance(part, _Pickled)
    assert part._data is None, "listing the documents reads no card"
    assert cached.document("doc-one").quotes[0].pinpoint == "Art. 1"
    assert part._data is not None
    assert all(isinstance(card.get(), Card) for card in deferred)
    assert cached == built
    assert [d.why for d in cached.documents.values()] == [d.why for d in built.documents.values()]


def test_damaged_cards_in_the_cache_are_built_afresh(tmp_path: Path) -> None:
    """When the cards part of the cache file no longer unpickles (damaged on disk), the
    cards are built from the content files instead."""
    directory = write_content(tmp_path / "c", minimal_content())
    fresh = load_content(directory)
    (cache,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.pickle")
    good = cache.read_bytes()
    cache.write_bytes(good[:-16] + b"\x00" * 16)  # the cards are last in the file
    damaged = load_content(directory)
    assert [d.why for d in damaged.documents.values()] == [d.why for d in fresh.documents.values()]
    assert damaged == fresh


def test_a_deferred_card_copies_as_the_card_itself(tmp_path: Path) -> None:
    """Pickling or copying a model read from the cache gives real cards, not stand-ins
    tied to a cache file."""
    import copy
    import pickle

    from nato_guide.content import Card

    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    cached = load_content(directory)
    for model in (pickle.loads(pickle.dumps(cached)), copy.deepcopy(cached)):
        assert all(type(doc.card) is Card for doc in model.documents.values())
        assert model == cached


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    """Garbage in the cache file means parsing afresh, not an error."""
    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    (cache,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.pickle")
    cache.write_bytes(b"\x00garbage")
    assert list(load_content(directory).topics) == ["alpha", "beta"]


def _count_unpickling(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count what reads a pickle from a file: ``pickle.load`` and unpicklers made
    (``pickle.loads``, for a part kept apart, is only ever used on a checked file)."""
    import pickle

    calls: list[int] = []
    real = pickle.load

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    class Counting(pickle.Unpickler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            calls.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pickle, "load", counting)
    monkeypatch.setattr(pickle, "Unpickler", Counting)
    return calls


def test_a_cache_others_could_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group- or world-writable cache file is never unpickled (the content is rebuilt)."""
    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    (cache,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.pickle")
    calls = _count_unpickling(monkeypatch)
    load_content(directory)
    assert calls == [1], "a trusted cache is used"
    cache.chmod(0o666)
    assert list(load_content(directory).topics) == ["alpha", "beta"]
    assert calls == [1], "an untrusted cache file is not unpickled"


def test_a_shared_cache_folder_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder others may write is neither read nor written."""
    folder = tmp_path / "home" / ".cache" / "nato-guide"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    directory = write_content(tmp_path / "c", minimal_content())
    calls = _count_unpickling(monkeypatch)
    load_content(directory)
    load_content(directory)
    assert calls == []
    assert list(folder.iterdir()) == []


def test_a_same_size_edit_with_the_old_timestamp_is_seen(tmp_path: Path) -> None:
    """The cache is keyed by contents: an edit that keeps size and time is still seen,
    and still validated."""
    import os

    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    path = directory / "documents.toml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("https://example.org/one", "http://xexample.org/one")
    assert len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ContentError, match="expected an https:// link"):
        load_content(directory)


def _forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    from nato_guide import content as content_module

    def refuse(path: str) -> bytes:
        raise AssertionError(f"read {path} although it is as recorded")

    monkeypatch.setattr(content_module, "_read_file", refuse)


def _settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count files as settled as soon as they are written (instead of seconds later)."""
    from nato_guide import content as content_module

    monkeypatch.setattr(content_module, "SETTLED_NS", 0)


def _wait_for_a_later_change_time(path: Path) -> None:
    """Return once a file written now gets a later change time than *path* has: file
    systems stamp times in ticks of a few milliseconds."""
    probe = path.parent / "probe.tmp"
    before = path.stat().st_ctime_ns
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_ctime_ns > before:
            break
    probe.unlink()


def test_settled_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files exactly as recorded beside the cache, and settled then, are not read again."""
    _settle_at_once(monkeypatch)
    directory = write_content(tmp_path / "c", minimal_content())
    first = load_content(directory)
    _forbid_reading(monkeypatch)
    assert load_content(directory) == first


def test_files_changed_just_before_the_record_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed shortly before the record was made could change again within the
    same tick of the file system's clock: its metadata is not trusted, its bytes are."""
    directory = write_content(tmp_path / "c", minimal_content())
    first = load_content(directory)
    with monkeypatch.context() as patch, pytest.raises(AssertionError, match="as recorded"):
        _forbid_reading(patch)
        load_content(directory)
    assert load_content(directory) == first


def test_an_edit_keeping_size_and_times_is_seen_once_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring the modification time after a same-size edit does not hide it: the
    change time moves on, so the file is read and the edit validated."""
    import os

    _settle_at_once(monkeypatch)
    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    path = directory / "documents.toml"
    before = path.stat()
    _wait_for_a_later_change_time(path)
    text = path.read_text(encoding="utf-8")
    edited = text.replace("https://example.org/one", "http://xexample.org/one")
    assert len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    with pytest.raises(ContentError, match="expected an https:// link"):
        load_content(directory)


def test_a_touched_file_is_checked_then_trusted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose metadata changed but not its bytes is read once, found unchanged, and
    recorded anew: the cache stands, and the next start reads nothing."""
    import os

    _settle_at_once(monkeypatch)
    directory = write_content(tmp_path / "c", minimal_content())
    first = load_content(directory)
    path = directory / "topics" / "beta.toml"
    _wait_for_a_later_change_time(path)
    os.utime(path)
    _forbid_parsing(monkeypatch)
    assert load_content(directory) == first
    _forbid_reading(monkeypatch)
    assert load_content(directory) == first


def test_a_record_at_odds_with_the_cache_is_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record whose checksums are not those the cached model was built from (damaged,
    or left by another build) only means reading the files."""
    import marshal

    _settle_at_once(monkeypatch)
    files = minimal_content()
    directory = write_content(tmp_path / "c", files)
    first = load_content(directory)
    (record,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.files")
    made, stats = marshal.loads(record.read_bytes())
    wrong = {name: (*stat[:5], stat[5] ^ 1) for name, stat in stats.items()}
    record.write_bytes(marshal.dumps((made, wrong)))
    assert load_content(directory) == first
    assert marshal.loads(record.read_bytes())[1] == stats, "recorded anew, rightly"


def test_a_record_others_could_write_is_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group- or world-writable record is ignored: the files are read and checked."""
    _settle_at_once(monkeypatch)
    directory = write_content(tmp_path / "c", minimal_content())
    first = load_content(directory)
    (record,) = (tmp_path / "home" / ".cache" / "nato-guide").glob("content-*.files")
    record.chmod(0o666)
    with monkeypatch.context() as patch, pytest.raises(AssertionError, match="as recorded"):
        _forbid_reading(patch)
        load_content(directory)
    assert load_content(directory) == first


def test_non_utf8_content_file(tmp_path: Path) -> None:
    """A content file in another encoding is named, not a traceback."""
    directory = write_content(tmp_path / "c", minimal_content())
    (directory / "topics" / "alpha.toml").write_bytes(b'id = "caf\xe9"\n')
    with pytest.raises(ContentError, match=r"alpha\.toml: not UTF-8 text"):
        load_content(directory)


def test_a_guide_needs_a_topic(tmp_path: Path) -> None:
    """guide.toml must list at least one topic."""
    files = minimal_content()
    files["guide.toml"]["topics"] = []
    for name in ("topics/alpha.toml", "topics/beta.toml", "timeline.toml", "glossary.toml"):
        del files[name]
    with pytest.raises(ContentError, match=r"guide\.toml: topics: must list at least one id"):
        load(tmp_path, files)


def test_an_unwritable_cache_is_no_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the cache cannot be written, content still loads."""
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/nato-guide-cache")
    directory = write_content(tmp_path / "c", minimal_content())
    assert list(load_content(directory).topics) == ["alpha", "beta"]


def test_loading_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    """Reading the cache pauses the garbage collector and hurries the new model into its
    oldest generation, but leaves it running, and leaves frozen what someone froze."""
    import gc

    directory = write_content(tmp_path / "c", minimal_content())
    load_content(directory)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert list(load_content(directory).topics) == ["alpha", "beta"]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        assert list(load_content(directory).topics) == ["alpha", "beta"]
        assert not gc.isenabled()
    finally:
        gc.enable()
