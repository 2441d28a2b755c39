"""The progress store: a readable, versioned TOML file that is never lost or corrupted."""

from __future__ import annotations

import os
import re
import tomllib
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nato_guide import progress as progress_module
from nato_guide.errors import ProgressError
from nato_guide.progress import SCHEMA_VERSION, ProgressStore, parse

T1 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
T2 = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_absent_file_means_nothing_read(tmp_path: Path) -> None:
    """Before the first mark there is no file and nothing is read."""
    store = ProgressStore(tmp_path / "progress.toml")
    assert store.load().entries == {}
    assert not store.path.exists()


def test_mark_read_records_when(tmp_path: Path) -> None:
    """Marking a document read writes its status and time to a readable TOML file."""
    store = ProgressStore(tmp_path / "sub" / "progress.toml")
    changes = store.mark(["b-doc", "a-doc"], "read", now=T1).changes
    assert [(c.document, c.changed) for c in changes] == [("b-doc", True), ("a-doc", True)]
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("# nato-guide reading progress")
    data = tomllib.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert list(data["documents"]) == ["a-doc", "b-doc"], "entries are sorted for stable diffs"
    assert data["documents"]["a-doc"] == {"status": "read", "updated_at": T1}
    assert store.load().read_at("a-doc") == T1


def test_marking_again_keeps_the_first_read_time(tmp_path: Path) -> None:
    """A document already read keeps the time it was first read, and the file is untouched."""
    store = ProgressStore(tmp_path / "progress.toml")
    store.mark(["a-doc"], "read", now=T1)
    before = store.path.read_bytes()
    (change,) = store.mark(["a-doc"], "read", now=T2).changes
    assert not change.changed
    assert change.at == T1
    assert store.path.read_bytes() == before


def test_unread_keeps_an_entry(tmp_path: Path) -> None:
    """Unread is recorded with its time (so two machines can be merged later)."""
    store = ProgressStore(tmp_path / "progress.toml")
    store.mark(["a-doc"], "read", now=T1)
    store.mark(["a-doc"], "unread", now=T2)
    progress = store.load()
    assert not progress.is_read("a-doc")
    assert progress.read_at("a-doc") is None
    assert progress.entries["a-doc"].updated_at == T2
    assert progress.entries["a-doc"].status == "unread"


def test_unread_of_never_read_writes_nothing(tmp_path: Path) -> None:
    """Marking unread what was never read changes nothing and creates no file."""
    store = ProgressStore(tmp_path / "progress.toml")
    (change,) = store.mark(["a-doc"], "unread").changes
    assert not change.changed
    assert not store.path.exists()


def test_unknown_tables_and_entries_survive_a_write(tmp_path: Path) -> None:
    """Entries for documents the guide no longer ships, and tables it does not know, are kept."""
    path = tmp_path / "progress.toml"
    path.write_text(
        "schema_version = 1\n"
        "[bookmarks]\nfirst = 'mine'\n"
        "[documents.retired-doc]\nstatus = 'read'\nupdated_at = 2025-01-01T00:00:00Z\n",
        encoding="utf-8",
    )
    ProgressStore(path).mark(["a-doc"], "read", now=T1)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["bookmarks"] == {"first": "mine"}
    assert set(data["documents"]) == {"a-doc", "retired-doc"}


def test_round_trip_is_stable(tmp_path: Path) -> None:
    """Loading and writing the same progress gives byte-identical files."""
    store = ProgressStore(tmp_path / "progress.toml")
    store.mark(["z", "a", "m"], "read", now=T1)
    first = store.path.read_bytes()
    assert progress_module.dump(parse(first)) == first


def test_naive_times_are_taken_as_utc() -> None:
    """A hand-edited time without a zone is read as UTC."""
    progress = parse(
        b"schema_version = 1\n[documents.a]\nstatus='read'\nupdated_at=2025-01-01T10:00:00\n"
    )
    assert progress.read_at("a") == datetime(2025, 1, 1, 10, tzinfo=UTC)


def test_empty_file_is_no_progress() -> None:
    """An empty or blank file holds nothing to lose and reads as no progress."""
    assert parse(b"").entries == {}
    assert parse(b"  \n\n").entries == {}


DAMAGED = [
    pytest.param(b"schema_version = 1\n[documents\n", "not valid TOML", id="bad-toml"),
    pytest.param(b"\xff\xfe\x00binary\x00", "not UTF-8 text", id="binary"),
    pytest.param(
        b"schema_version = 1\n[documents.a]\nstatus = 'done'\n",
        'must be "read" or "unread"',
        id="bad-status",
    ),
    pytest.param(
        b"schema_version = 1\n[documents.a]\nstatus = 'read'\nupdated_at = 'yesterday'\n",
        "must be a date and time",
        id="bad-time",
    ),
    pytest.param(
        b"schema_version = 1\ndocuments = 3\n", "documents must be a table", id="wrong-type"
    ),
    pytest.param(
        b"schema_version = 1\n[documents]\na = 'read'\n",
        "documents.a must be a table",
        id="entry-not-table",
    ),
    pytest.param(
        b"schema_version = 'one'\n", "schema_version must be a whole number", id="schema-type"
    ),
    pytest.param(b"schema_version = 99\n", "newer nato-guide (schema 99", id="newer-schema"),
    pytest.param(b"schema_version = 0\n", "unknown schema_version 0", id="old-schema"),
    pytest.param(b"[documents]\n", "no schema_version", id="no-schema"),
]


@pytest.mark.parametrize(("raw", "problem"), DAMAGED)
def test_damaged_file_is_reported_and_kept(tmp_path: Path, raw: bytes, problem: str) -> None:
    """A damaged file raises a one-line error naming the file; a write leaves it byte-for-byte."""
    (tmp_path / "p").mkdir()
    path = tmp_path / "p" / "progress.toml"
    path.write_bytes(raw)
    store = ProgressStore(path)
    with pytest.raises(ProgressError) as info:
        store.load()
    message = str(info.value)
    assert str(path) in message
    assert problem in message
    assert "\n" not in message
    with pytest.raises(ProgressError):
        store.mark(["a-doc"], "read")
    assert path.read_bytes() == raw
    assert sorted(p.name for p in path.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    """A file far larger than any progress file is refused without parsing it."""
    path = tmp_path / "progress.toml"
    path.write_bytes(b"#" * (progress_module.MAX_BYTES + 10))
    with pytest.raises(ProgressError, match="not a progress file"):
        ProgressStore(path).load()


def test_directory_in_place_of_the_file(tmp_path: Path) -> None:
    """A folder where the file should be is reported, not replaced."""
    path = tmp_path / "progress.toml"
    path.mkdir()
    with pytest.raises(ProgressError, match="is a folder"):
        ProgressStore(path).load()
    with pytest.raises(ProgressError):
        ProgressStore(path).mark(["a"], "read")
    assert path.is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    """A file the reader may not read is reported and left alone."""
    path = tmp_path / "progress.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ProgressError, match="permission denied"):
            ProgressStore(path).load()
    finally:
        path.chmod(0o644)


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission errors on read become a one-line ProgressError (simulated: tests may run
    as root, who can read anything)."""

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "progress.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ProgressError, match="permission denied while reading"):
        ProgressStore(path).load()


def test_unwritable_location_still_reads(tmp_path: Path) -> None:
    """Where no file can be created, reading works (nothing read) and writing says why."""
    store = ProgressStore(Path("/proc/nato-guide-test/progress.toml"))
    assert store.load().entries == {}
    with pytest.raises(ProgressError, match="cannot be written here"):
        store.mark(["a"], "read")


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_write_failing_midway_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A write that fails part way (disk full, I/O error) leaves the previous file intact
    and no temporary file behind."""
    store = ProgressStore(tmp_path / "p" / "progress.toml")
    store.mark(["a-doc"], "read", now=T1)
    before = store.path.read_bytes()

    real_write = os.write

    def half_write(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    replacement = {"write": half_write, "fsync": broken, "replace": broken}[failing]
    monkeypatch.setattr(os, failing, replacement)
    with pytest.raises(ProgressError, match=r"cannot write .* previous version is intact"):
        store.mark(["b-doc"], "read", now=T2)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    names = sorted(p.name for p in store.path.parent.iterdir())
    assert names == ["progress.toml", "progress.toml.lock"]


def test_file_mode_is_kept(tmp_path: Path) -> None:
    """Rewriting keeps the permissions the reader gave the file."""
    store = ProgressStore(tmp_path / "progress.toml")
    store.mark(["a"], "read")
    store.path.chmod(0o600)
    store.mark(["b"], "read")
    assert store.path.stat().st_mode & 0o777 == 0o600


def test_lock_timeout_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that cannot get the lock in time gives up with a clear message."""
    import fcntl

    store = ProgressStore(tmp_path / "progress.toml")
    tmp_path.mkdir(exist_ok=True)
    holder = os.open(store.lock_path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.05)
    try:
        with pytest.raises(ProgressError, match="another nato-guide is still writing"):
            store.mark(["a"], "read")
    finally:
        os.close(holder)
    assert not store.path.exists()


def test_unknown_keys_in_an_entry_survive(tmp_path: Path) -> None:
    """A key the reader wrote inside an entry is kept through later writes."""
    path = tmp_path / "progress.toml"
    path.write_text(
        "schema_version = 1\n[documents.a]\nstatus = 'read'\nupdated_at = 2025-01-01T00:00:00Z\n"
        "note = 're-read Art. 2'\n",
        encoding="utf-8",
    )
    store = ProgressStore(path)
    store.mark(["b"], "read", now=T1)
    store.mark(["a"], "unread", now=T2)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["documents"]["a"] == {
        "status": "unread",
        "updated_at": T2,
        "note": "re-read Art. 2",
    }


def test_symlinked_file_is_updated_where_it_lives(tmp_path: Path) -> None:
    """A progress file that is a symlink (into a synced folder) stays a symlink, and the
    real file gets the change."""
    synced = tmp_path / "sync" / "progress.toml"
    synced.parent.mkdir()
    ProgressStore(synced).mark(["a"], "read", now=T1)
    link = tmp_path / "home" / "progress.toml"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(synced)
    result = ProgressStore(link).mark(["b"], "read", now=T2)
    assert link.is_symlink()
    assert set(ProgressStore(synced).load().entries) == {"a", "b"}
    assert result.progress.is_read("b")
    assert ProgressStore(link).lock_path == ProgressStore(synced).lock_path


def test_a_folder_that_cannot_be_synced_is_no_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the new file is in place, a filesystem refusing to fsync a folder is ignored."""
    store = ProgressStore(tmp_path / "p" / "progress.toml")
    store.mark(["a"], "read", now=T1)
    real_fsync = os.fsync

    def picky(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", picky)
    store.mark(["b"], "read", now=T2)
    assert store.load().is_read("b")


@pytest.mark.parametrize(
    "raw",
    [b"# nato-guide reading progress\n# nothing yet\n", b"\xef\xbb\xbfschema_version = 1\n"],
    ids=["comments-only", "byte-order-mark"],
)
def test_harmless_files_read_as_valid(tmp_path: Path, raw: bytes) -> None:
    """A file with only comments, or with a byte-order mark, is not damage."""
    path = tmp_path / "progress.toml"
    path.write_bytes(raw)
    assert ProgressStore(path).load().entries == {}
    ProgressStore(path).mark(["a"], "read")
    assert ProgressStore(path).load().is_read("a")


def test_mark_returns_what_it_wrote(tmp_path: Path) -> None:
    """mark reports the progress read under its own lock, with the new marks in it."""
    store = ProgressStore(tmp_path / "progress.toml")
    result = store.mark(["a", "b"], "read", now=T1)
    assert result.progress.read_at("a") == T1
    again = store.mark(["a"], "read", now=T2)
    assert again.progress.read_at("a") == T1


# --- schema 2: notes, stances, quiz; migration and merging -------------------------------


def test_schema_1_file_is_read_and_upgraded(tmp_path: Path) -> None:
    """A file written by the first version loads, and the next write upgrades it to
    schema 2 with every entry and setting kept."""
    path = tmp_path / "progress.toml"
    path.write_text(
        "schema_version = 1\npath = 'primer'\n"
        "[documents.a]\nstatus = 'read'\nupdated_at = 2025-01-01T00:00:00Z\n",
        encoding="utf-8",
    )
    store = ProgressStore(path)
    assert store.load().is_read("a")
    store.mark(["b"], "read", now=T1)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["path"] == "primer"
    assert set(data["documents"]) == {"a", "b"}


def test_notes_stances_and_quiz_round_trip(tmp_path: Path) -> None:
    """Notes (with tombstones), stances and quiz results are written and read back."""
    from nato_guide.progress import Note, QuizResult, Stance

    note = Note("n1", "bucharest-2008", "Para. 23: no date.", T1, T1, "western")
    gone = Note("n2", "crimea-2014", "old", T1, T2, deleted=True)
    store = ProgressStore(tmp_path / "progress.toml")
    store.update(
        lambda p: p._replace(
            notes=(note, gone),
            stances=(Stance(T1, 40, "unsure", 3),),
            quiz=(QuizResult("q1", True, T2),),
        )
    )
    loaded = store.load()
    assert loaded.notes == (note, gone)
    assert loaded.live_notes == (note,)
    assert loaded.stances == (Stance(T1, 40, "unsure", 3),)
    assert loaded.quiz == (QuizResult("q1", True, T2),)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"schema_version = 2\nnotes = 3\n", "notes must be [[notes]] tables"),
        (b"schema_version = 2\n[[stances]]\nat = 2025-01-01T00:00:00Z\nvalue = 140\n", "0 to 100"),
        (
            b"schema_version = 2\n[[quiz]]\nquestion = 'q'\ncorrect = 'yes'\n",
            "correct = true or false",
        ),
        (b"schema_version = 2\n[[notes]]\nid = 'n'\ntarget = 't'\ntext = 'x'\n", "created_at"),
    ],
)
def test_damaged_schema_2_tables(tmp_path: Path, raw: bytes, problem: str) -> None:
    """Wrong shapes in the new tables are reported like any damage."""
    path = tmp_path / "progress.toml"
    path.write_bytes(raw)
    with pytest.raises(ProgressError, match=re.escape(problem)):
        ProgressStore(path).load()


def test_merge_two_machines() -> None:
    """Merging keeps the later change per document and note (a deletion counts), unites
    stances and quiz results, and keeps this machine's settings."""
    from nato_guide.progress import Entry, Note, Progress, QuizResult, Stance, merge

    laptop = Progress(
        {"a": Entry("read", T1), "b": Entry("read", T2)},
        {"path": "primer"},
        (Note("n1", "x", "laptop edit", T1, T2), Note("n2", "y", "keep", T1, T1)),
        (Stance(T1, 30),),
        (QuizResult("q1", False, T1),),
    )
    desktop = Progress(
        {"a": Entry("unread", T2), "b": Entry("unread", T1), "c": Entry("read", T1)},
        {"path": "weekend", "other": 1},
        (
            Note("n1", "x", "desktop edit", T1, T1),
            Note("n2", "y", "deleted", T1, T2, deleted=True),
            Note("n3", "z", "new", T2, T2),
        ),
        (Stance(T1, 30), Stance(T2, 60)),
        (QuizResult("q1", False, T1), QuizResult("q1", True, T2)),
    )
    merged = merge(laptop, desktop)
    assert {k: v.status for k, v in merged.entries.items()} == {
        "a": "unread",
        "b": "read",
        "c": "read",
    }
    texts = {n.id: (n.text, n.deleted) for n in merged.notes}
    assert texts == {"n1": ("laptop edit", False), "n2": ("deleted", True), "n3": ("new", False)}
    assert [s.value for s in merged.stances] == [30, 60]
    assert [q.correct for q in merged.quiz] == [False, True]
    assert merged.extra == {"path": "primer", "other": 1}
    assert merge(merged, desktop) == merged, "merging again changes nothing"


def test_merge_is_the_same_both_ways_and_deletion_wins_ties() -> None:
    """On the same second, merging gives one answer whichever side merges, and a deletion
    is never undone by a live copy of the same age."""
    from nato_guide.progress import Entry, Note, Progress, merge

    a = Progress({"x": Entry("read", T1)}, notes=(Note("n", "t", "live", T1, T1),))
    b = Progress({"x": Entry("unread", T1)}, notes=(Note("n", "t", "", T1, T1, deleted=True),))
    assert merge(a, b).entries == merge(b, a).entries
    assert merge(a, b).notes == merge(b, a).notes
    assert merge(a, b).notes[0].deleted


def test_unknown_keys_in_new_tables_survive(tmp_path: Path) -> None:
    """Keys this version does not know, inside notes, stances and quiz results, are kept."""
    path = tmp_path / "progress.toml"
    path.write_text(
        "schema_version = 2\n"
        "[[notes]]\nid = 'n'\ntarget = 't'\ntext = 'x'\ntags = ['a']\n"
        "created_at = 2025-01-01T00:00:00Z\nupdated_at = 2025-01-01T00:00:00Z\n"
        "[[stances]]\nat = 2025-01-01T00:00:00Z\nvalue = 5\nmood = 'calm'\n"
        "[[quiz]]\nquestion = 'q'\ncorrect = true\nat = 2025-01-01T00:00:00Z\nseconds = 7\n",
        encoding="utf-8",
    )
    ProgressStore(path).mark(["a"], "read")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["notes"][0]["tags"] == ["a"]
    assert data["stances"][0]["mood"] == "calm"
    assert data["quiz"][0]["seconds"] == 7


def test_schema_1_tables_of_the_readers_own_are_kept_aside(tmp_path: Path) -> None:
    """A schema 1 file with its own [notes] table still loads; the table is kept as notes_v1."""
    path = tmp_path / "progress.toml"
    path.write_text("schema_version = 1\n[notes]\nmine = 'keep'\n", encoding="utf-8")
    ProgressStore(path).mark(["a"], "read")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["notes_v1"] == {"mine": "keep"}
    assert data["schema_version"] == 2


# --- the shortcut for the document entries of a large file -------------------------------


def _loads_like_tomllib(text: str) -> dict[str, object] | None:
    """Parse *text* with the progress module and with tomllib: the same value (same types,
    time zones and key order) or the same error. Returns the value, or None on an error."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomllib.TOMLDecodeError) as info:
            progress_module._loads(text)
        assert str(info.value) == str(exc)
        return None
    got = progress_module._loads(text)
    assert got == expected
    assert repr(got) == repr(expected)
    return got


def _big_progress(entries: int) -> progress_module.Progress:
    from nato_guide.progress import Entry, Note, Progress, QuizResult, Stance

    at = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    marks = {
        f"doc-{n:04d}": Entry("read" if n % 3 else "unread", at.replace(minute=n % 60))
        for n in range(entries)
    }
    marks["doc-0007"] = Entry("read", at, {"note": "kept"})  # an entry with a key of its own
    return Progress(
        marks,
        {"path": "short", "tour": "alpha"},
        (Note("n1", "doc-0001", "A note.", at, at),),
        (Stance(at, 40, "Undecided.", 3),),
        (QuizResult("q1", True, at),),
    )


def test_a_large_file_reads_the_same_through_the_shortcut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file as nato-guide writes it, with hundreds of entries, settings, notes, stances
    and quiz results, takes the shortcut and loads exactly as through tomllib alone."""
    raw = progress_module.dump(_big_progress(400))
    text = raw.decode("utf-8")
    assert progress_module._loads_entries(text) is not None, "the shortcut is taken"
    data = _loads_like_tomllib(text)
    assert data is not None and len(data["documents"]) == 400  # type: ignore[arg-type]
    path = tmp_path / "progress.toml"
    path.write_bytes(raw)
    fast = ProgressStore(path).load()
    monkeypatch.setattr(progress_module, "_loads_entries", lambda text: None)
    assert ProgressStore(path).load() == fast == _big_progress(400)
    assert fast.entries["doc-0007"].extra == {"note": "kept"}


SHORTCUT_TRAPS = [
    pytest.param('x = """\n[documents.a]\nstatus = "read"\n', id="inside-a-string"),
    pytest.param(
        'x = """\n[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n"""\n',
        id="inside-a-closed-string",
    ),
    pytest.param(
        'x = [\n[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n]\n',
        id="inside-an-array",
    ),
    pytest.param(
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n\n'
        '[documents.a]\nstatus = "unread"\nupdated_at = 2026-01-02 00:00:00Z\n',
        id="defined-twice",
    ),
    pytest.param(
        'documents = 3\n[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n',
        id="documents-not-a-table",
    ),
    pytest.param(
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n\n[documents]\nb = 1\n',
        id="super-table-after",
    ),
    pytest.param(
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n\n[[documents]]\n',
        id="array-after",
    ),
    pytest.param(
        "[documents.a]\nstatus = \"read\"\nupdated_at = 2026-01-01 00:00:00Z\nnote = 'x'\n",
        id="key-after-the-run",
    ),
    pytest.param(
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-02-30 00:00:00Z\n',
        id="no-such-day",
    ),
    pytest.param(
        "[documents.a]\nstatus = 'read'\n  [other]\nx = 1\n", id="an-indented-table-within"
    ),
    pytest.param(
        "[documents.a]\nstatus = 'read'\n  [documents.b]\nx = 1\n",
        id="an-indented-entry-within",
    ),
    pytest.param(
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00+05:30\n\n'
        '[documents.b]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00.25-00:00\n',
        id="offsets-and-fractions",
    ),
    pytest.param(
        "schema_version = 2\n[other]\nx = 1\n"
        '[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n\n'
        "[other.deeper]\ny = 2\n[[notes]]\nid = 'n'\n",
        id="tables-around-the-run",
    ),
    pytest.param(
        '[other]\n[documents.a]\nstatus = "read"\nupdated_at = 2026-01-01 00:00:00Z\n\n[other]\n',
        id="a-table-defined-twice-around-the-run",
    ),
]


@pytest.mark.parametrize("text", SHORTCUT_TRAPS)
def test_the_shortcut_reads_like_tomllib_where_it_could_go_wrong(text: str) -> None:
    """Entries hidden in a string or an array, tables defined twice, a clash with another
    definition of documents, an impossible day: the same value or error as tomllib."""
    _loads_like_tomllib(text)


def _stamp_text(when: datetime, sep: str, timespec: str, zulu: bool) -> str:
    text = when.isoformat(sep=sep, timespec=timespec)
    return text.replace("+00:00", "Z") if zulu else text


_ZONES: list[tzinfo | None] = [
    UTC,
    timezone(timedelta(hours=5, minutes=30)),
    timezone(-timedelta(hours=23, minutes=59)),
    None,
]
#: Date-times as TOML may write them: either separator, with or without fractions, with
#: an offset, as Z, or none (a local time).
_GOOD_STAMPS = st.builds(
    _stamp_text,
    st.datetimes(min_value=datetime(1000, 1, 1), timezones=st.sampled_from(_ZONES)),
    st.sampled_from(["T", " "]),
    st.sampled_from(["seconds", "milliseconds", "microseconds"]),
    st.booleans(),
)
#: And as no valid file writes them.
_ODD_STAMPS = st.builds(
    "{}-{}-{}{}{}:{}:{}{}{}".format,
    st.sampled_from(["2026", "0000"]),
    st.sampled_from(["01", "02", "13", "00"]),
    st.sampled_from(["01", "29", "30", "32"]),
    st.sampled_from(["T", "t"]),
    st.sampled_from(["00", "24"]),
    st.sampled_from(["59", "60"]),
    st.sampled_from(["00", "60"]),
    st.sampled_from(["", ".1234567", "."]),
    st.sampled_from(["Z", "z", "-00:00", "+24:00", "+0530"]),
)
_GOOD_ENTRIES = st.builds(
    '[documents.{}]\nstatus = "{}"\nupdated_at = {}\n{}'.format,
    st.sampled_from(["a", "b", "c", "doc-1", "x_Y", '"q r"', "d.e"]),
    st.sampled_from(["read", "unread"]),
    _GOOD_STAMPS,
    st.sampled_from(["", "\n", "\n\n", "# a comment\n", "note = 'x'\n"]),
)
_ODD_ENTRIES = st.builds(
    '[documents.{}]\nstatus = "{}"\nupdated_at = {}\n{}'.format,
    st.sampled_from(["a", "é", ""]),
    st.sampled_from(["read", "done"]),
    _GOOD_STAMPS | _ODD_STAMPS,
    st.sampled_from(["", " \n", "\r\n", "garbage\n"]),
)
#: Statements that can come before the entries, and tables that can follow them.
_BEFORE = st.sampled_from(
    [
        "# nato-guide reading progress\n",
        "schema_version = 2\n",
        'path = "short"\n',
        "\n",
        'quiz = [\n    { question = "q1" },\n]\n',
        "[other]\nx = 1\n",
    ]
)
_AFTER = st.sampled_from(["[[notes]]\nid = 'n1'\n", "[[notes]]\nid = 'n2'\n", "[more]\ny = 2\n"])
_GOOD_PIECES = _BEFORE | _AFTER
_ODD_PIECES = st.sampled_from(
    [
        "[documents]\n",
        "documents = 3\n",
        "documents.z = 1\n",
        "[documents.a.b]\n",
        "[[documents]]\n",
        '["documents".c]\n',
        "x = 1\n",
        'x = """\n',
        '"""\n',
        "x = [\n",
        "]\n",
        "garbage\n",
        "[",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(_BEFORE, max_size=4, unique=True),
    entries=st.lists(_GOOD_ENTRIES, min_size=1, max_size=8, unique_by=lambda e: e.split("]")[0]),
    after=st.lists(_AFTER, max_size=3, unique=True),
)
def test_the_shortcut_reads_entries_like_tomllib(
    before: list[str], entries: list[str], after: list[str]
) -> None:
    """Entries in the common shape and in others (other time formats, keys of their own,
    comments, quoted ids, ids given twice), among other tables: the same value as
    through tomllib, or the same error."""
    _loads_like_tomllib("".join(before + entries + after))


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_GOOD_ENTRIES | _ODD_ENTRIES | _GOOD_PIECES | _ODD_PIECES, max_size=10))
def test_the_shortcut_reads_damaged_files_like_tomllib(pieces: list[str]) -> None:
    """Any mix of entries (well-formed or not) and other TOML (valid or not) reads to the
    same value as through tomllib, or fails with the same error."""
    _loads_like_tomllib("".join(pieces))
