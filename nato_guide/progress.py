"""The reader's progress: a small TOML file that is never lost or corrupted.

The file is meant to be read, diffed and synced by people::

    # nato-guide reading progress ...
    schema_version = 1

    [documents.bucharest-summit-declaration-2008]
    status = "read"
    updated_at = 2026-11-22T07:01:02+00:00

Guarantees:

* every change is a read-modify-write under an exclusive lock (``progress.toml.lock``
  beside the file), so concurrent processes never lose each other's marks;
* the new version is written to a temporary file in the same folder, flushed and fsynced,
  then moved over the old one with :func:`os.replace`: a crash leaves the old file or the
  new one, never a mix;
* a file that cannot be understood (bad TOML, wrong types, a newer schema, no permission)
  is reported with :class:`ProgressError` and left exactly as it is;
* an entry is kept when a document is marked unread (``status = "unread"``) and entries for
  documents the guide no longer ships are kept too, so no upgrade of the content drops
  anything a reader recorded.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

from nato_guide.errors import ProgressError

SCHEMA_VERSION = 2
#: A progress file is a few kilobytes; refuse to parse anything absurdly large.
MAX_BYTES = 8 * 1024 * 1024
#: How long a writer waits for another nato-guide to finish its write.
LOCK_TIMEOUT = 10.0

HEADER = (
    "# nato-guide reading progress: the documents you have marked, and when.\n"
    "# Plain TOML: safe to read, diff and sync. nato-guide rewrites it on every change.\n"
)

Status = Literal["read", "unread"]


class Entry(NamedTuple):
    """What the reader last recorded about one document."""

    status: Status
    updated_at: datetime
    #: Keys of the entry this version does not know (a hand-written note, say), kept as they are.
    extra: Mapping[str, Any] = {}


class Note(NamedTuple):
    """A reader's note on a document, topic or perspective. Deleting keeps a dated
    tombstone, so that merging with another machine's file does not bring it back."""

    id: str
    target: str
    text: str
    created_at: datetime
    updated_at: datetime
    perspective: str = ""
    deleted: bool = False
    extra: Mapping[str, Any] = {}


class Stance(NamedTuple):
    """Where the reader stood (0-100: how far enlargement was the main cause), and when."""

    at: datetime
    value: int
    text: str = ""
    read: int = 0  # documents read at the time
    extra: Mapping[str, Any] = {}


class QuizResult(NamedTuple):
    """One answered self-test question."""

    question: str
    correct: bool
    at: datetime
    extra: Mapping[str, Any] = {}


class Progress(NamedTuple):
    """A snapshot of the progress file."""

    entries: Mapping[str, Entry] = {}
    #: Top-level tables this version does not know, written back untouched.
    extra: Mapping[str, Any] = {}
    notes: tuple[Note, ...] = ()
    stances: tuple[Stance, ...] = ()
    quiz: tuple[QuizResult, ...] = ()

    @property
    def live_notes(self) -> tuple[Note, ...]:
        """The notes not deleted, oldest first."""
        return tuple(n for n in self.notes if not n.deleted)

    def is_read(self, document_id: str) -> bool:
        """Whether the reader has marked the document read."""
        entry = self.entries.get(document_id)
        return entry is not None and entry.status == "read"

    def read_at(self, document_id: str) -> datetime | None:
        """When the document was marked read, or ``None`` if it is unread."""
        entry = self.entries.get(document_id)
        return entry.updated_at if entry is not None and entry.status == "read" else None


class Change(NamedTuple):
    """The outcome of marking one document."""

    document: str
    status: Status
    changed: bool
    at: datetime | None


class MarkResult(NamedTuple):
    """What marking did, and the progress as it was written (read under the same lock)."""

    changes: list[Change]
    progress: Progress


class ProgressStore:
    """Reads and atomically rewrites one progress file."""

    def __init__(self, path: Path) -> None:
        #: The path as the reader gave it (used in messages).
        self.path = path
        #: The file actually read and replaced: a symlinked progress file (into a synced
        #: folder, say) is updated where it lives, and every alias shares one lock.
        self.target = Path(os.path.realpath(path))

    @property
    def lock_path(self) -> Path:
        """The lock file that serializes writers, beside the real file."""
        return self.target.with_name(self.target.name + ".lock")

    # --- reading ----------------------------------------------------------------------

    def load(self) -> Progress:
        """The current progress; an absent file means nothing read yet."""
        try:
            with self.target.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return Progress()
        except IsADirectoryError:
            raise self._error("is a folder, not a file") from None
        except PermissionError:
            raise self._error("permission denied while reading") from None
        except OSError as exc:
            raise self._error(f"cannot read: {exc.strerror or exc}") from None
        return parse(raw, self.path)

    # --- writing ----------------------------------------------------------------------

    def mark(
        self, document_ids: Iterable[str], status: Status, *, now: datetime | None = None
    ) -> MarkResult:
        """Mark documents read or unread, keeping the first time a document was read."""
        at = (now or datetime.now(UTC)).replace(microsecond=0)
        ids = list(dict.fromkeys(document_ids))
        changes: list[Change] = []

        def change(current: Progress) -> Progress:
            entries = dict(current.entries)
            for did in ids:
                before = entries.get(did)
                if (before is None and status == "unread") or (
                    before is not None and before.status == status
                ):
                    kept = before.updated_at if before is not None else None
                    changes.append(Change(did, status, False, kept))
                    continue
                entries[did] = Entry(status, at, before.extra if before else {})
                changes.append(Change(did, status, True, at))
            return current._replace(entries=entries)

        return MarkResult(changes, self.update(change))

    def update(self, change: Callable[[Progress], Progress]) -> Progress:
        """Apply *change* to the current progress under the lock, and write the result if
        it differs; returns the progress as it now is."""
        with self._locked():
            current = self.load()
            updated = change(current)
            if updated != current:
                self._write(updated)
        return updated

    def replace_all(self, new: Progress, *, now: datetime | None = None) -> Path | None:
        """Replace the whole file with *new* under the lock, first copying the current file
        (if it holds anything) to a dated backup beside it; returns the backup's path."""
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
        with self._locked():
            self.load()  # a damaged file is reported, not replaced
            backup = None
            try:
                raw = self.target.read_bytes()
            except FileNotFoundError:
                raw = b""
            if raw.strip():
                backup = self.target.with_name(f"{self.target.name}.{stamp}.bak")
                try:
                    write_atomic(backup, raw)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise self._error(f"cannot keep a backup ({reason}); nothing changed") from None
            self._write(new)
        return backup

    def set_setting(self, key: str, value: str | None) -> None:
        """Set (or, with ``None``, remove) a top-level setting such as the followed path."""
        if key in ("documents", "schema_version", "notes", "stances", "quiz"):
            raise ValueError(f"{key} is not a setting")

        def change(current: Progress) -> Progress:
            extra = {k: v for k, v in current.extra.items() if k != key}
            if value is not None:
                extra[key] = value
            return current._replace(extra=extra)

        self.update(change)

    def _write(self, progress: Progress) -> None:
        data = dump(progress)
        # Under the lock no other writer is mid-write: any temporary file left beside the
        # target was left by a writer that was killed, and can go.
        for stale in self.target.parent.glob(f".{self.target.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        try:
            write_atomic(self.target, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise self._error(f"cannot write ({reason}); the previous version is intact") from None

    def lock(self) -> AbstractContextManager[None]:
        """Hold the writers' lock (for files kept beside the progress file)."""
        return self._locked()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise self._error(f"cannot be written here ({reason})") from None
        try:
            _acquire(fd, self.path)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _error(self, problem: str) -> ProgressError:
        return ProgressError(f"progress file {self.path}: {problem}")


# --- the file format --------------------------------------------------------------------


def parse(raw: bytes, path: Path | str = "progress file") -> Progress:
    """Parse and validate the bytes of a progress file."""

    def fail(problem: str) -> ProgressError:
        return ProgressError(f"progress file {path}: {problem}; the file was left as it is")

    if len(raw) > MAX_BYTES:
        raise fail(f"larger than {MAX_BYTES // (1024 * 1024)} MiB, not a progress file")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from an old editor is harmless
    except UnicodeDecodeError:
        raise fail("not UTF-8 text") from None
    import tomllib

    try:
        data = _loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"not valid TOML ({exc})") from None
    if not data:  # empty, or only comments: nothing recorded yet
        return Progress()

    version = data.pop("schema_version", None)
    if version is None:
        raise fail("no schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("schema_version must be a whole number")
    if version > SCHEMA_VERSION:
        raise fail(
            f"written by a newer nato-guide (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade nato-guide"
        )
    if version < 1:
        raise fail(f"unknown schema_version {version}")
    data = migrate(data, version)

    notes = tuple(_parse_notes(data.pop("notes", []), fail))
    stances = tuple(_parse_stances(data.pop("stances", []), fail))
    quiz = tuple(_parse_quiz(data.pop("quiz", []), fail))
    documents = data.pop("documents", {})
    if not isinstance(documents, dict):
        raise fail("documents must be a table")
    entries: dict[str, Entry] = {}
    for did, value in documents.items():
        if not isinstance(value, dict):
            raise fail(f"documents.{did} must be a table")
        status = value.get("status")
        if status not in ("read", "unread"):
            raise fail(f'documents.{did}.status must be "read" or "unread"')
        stamp = value.get("updated_at")
        if not isinstance(stamp, datetime):
            raise fail(f"documents.{did}.updated_at must be a date and time")
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        # Most entries hold only these two keys: no need to look for others.
        rest = (
            {k: v for k, v in value.items() if k not in ("status", "updated_at")}
            if len(value) > 2
            else {}
        )
        entries[did] = Entry(status, stamp, rest)
    return Progress(entries, data, notes, stances, quiz)


def _loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, with a shortcut for the bulk of a large file.

    A file holds one ``[documents.ID]`` table per document ever marked, three lines each
    as :func:`dump` writes them, and TOML's general parser spends most of its time on
    them. So those tables are read with one regular expression, and only the rest of the
    file goes through tomllib. The result is tomllib's, or the shortcut is not taken and
    the whole file is parsed as before."""
    import tomllib

    fast = _loads_entries(text)
    return fast if fast is not None else tomllib.loads(text)


#: One document entry exactly as :func:`dump` writes it: a bare key, a status and a
#: date-time with an offset (the ranges are TOML's), then blank lines up to the next
#: table or the end.
_ENTRY_PATTERN = (
    r"\[documents\.([A-Za-z0-9_-]+)\]\n"
    r'status = "(read|unread)"\n'
    r"updated_at = ("
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
    r")\n+(?=\[|\Z)"
)


def _loads_entries(text: str) -> dict[str, Any] | None:
    """The parsed file if its document entries come as one run of tables, else ``None``.

    The run starts at the first line that opens a ``[documents.`` table and goes on while
    tables of that kind follow. An entry in the common shape is read by the pattern; any
    other (with a key of its own, say) is read alone by tomllib, up to the next line that
    opens a table. The result equals tomllib's because:

    1. the text before the run parses on its own, so the run starts a statement of its
       own and is not inside a string or an array;
    2. an entry read alone parses on its own and defines one ``documents`` table and
       nothing else, and no table is defined twice (tomllib would refuse it);
    3. what follows the run starts a table header (the pattern looks ahead for one, and
       an entry read alone ends before one), so none of its lines belongs to the run's
       last table;
    4. the text around the run parses without the run and defines nothing called
       ``documents``, so nothing there can clash with the run's tables."""
    import re
    import tomllib

    start = re.search(r"^\[documents\.", text, re.MULTILINE)
    if start is None:
        return None
    entry = re.compile(_ENTRY_PATTERN).match
    documents: dict[str, Any] = {}
    stamps: dict[str, datetime] = {}
    pos = start.start()
    while text.startswith("[documents.", pos):
        found = entry(text, pos)
        if found is not None:
            key, status, stamp = found.groups()
            when = stamps.get(stamp)
            if when is None:
                try:
                    when = stamps[stamp] = datetime.fromisoformat(stamp)
                except ValueError:  # a day the month does not have
                    return None
            value: object = {"status": status, "updated_at": when}
            pos = found.end()
        else:
            end = text.find("\n[", pos) + 1 or len(text)
            try:
                alone = tomllib.loads(text[pos:end])
            except tomllib.TOMLDecodeError:
                return None
            table = alone.get("documents")
            if len(alone) != 1 or not isinstance(table, dict) or len(table) != 1:
                return None
            ((key, value),) = table.items()
            pos = end
        if key in documents:
            return None
        documents[key] = value
    before, after = text[: start.start()], text[pos:]
    try:
        head = tomllib.loads(before)
        data = tomllib.loads(before + after)
    except tomllib.TOMLDecodeError:
        return None
    if "documents" in data:
        return None
    # In tomllib's order: the keys defined before the run, the run, then the others.
    result = {key: data.pop(key) for key in head}
    result["documents"] = documents
    result.update(data)
    return result


def _stamp(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _tables(value: object, name: str, fail: Callable[[str], ProgressError]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail(f"{name} must be [[{name}]] tables")
    return value


def _parse_notes(value: object, fail: Callable[[str], ProgressError]) -> Iterator[Note]:
    for i, item in enumerate(_tables(value, "notes", fail)):
        created, updated = _stamp(item.get("created_at")), _stamp(item.get("updated_at"))
        text, target, nid = item.get("text"), item.get("target"), item.get("id")
        perspective, deleted = item.get("perspective", ""), item.get("deleted", False)
        if not (isinstance(nid, str) and nid and isinstance(target, str) and target):
            raise fail(f"notes[{i}] needs an id and a target")
        if not isinstance(text, str) or not isinstance(perspective, str):
            raise fail(f"notes[{i}].text must be text")
        if created is None or updated is None or not isinstance(deleted, bool):
            raise fail(f"notes[{i}] needs created_at and updated_at dates and times")
        known = ("id", "target", "text", "created_at", "updated_at", "perspective", "deleted")
        rest = {k: v for k, v in item.items() if k not in known}
        yield Note(nid, target, text, created, updated, perspective, deleted, rest)


def _parse_stances(value: object, fail: Callable[[str], ProgressError]) -> Iterator[Stance]:
    for i, item in enumerate(_tables(value, "stances", fail)):
        at, number, text, read = (
            _stamp(item.get("at")),
            item.get("value"),
            item.get("text", ""),
            item.get("read", 0),
        )
        if at is None or isinstance(number, bool) or not isinstance(number, int):
            raise fail(f"stances[{i}] needs a date and time and a value")
        if not 0 <= number <= 100 or not isinstance(text, str) or not isinstance(read, int):
            raise fail(f"stances[{i}].value must be 0 to 100")
        rest = {k: v for k, v in item.items() if k not in ("at", "value", "text", "read")}
        yield Stance(at, number, text, read, rest)


def _parse_quiz(value: object, fail: Callable[[str], ProgressError]) -> Iterator[QuizResult]:
    for i, item in enumerate(_tables(value, "quiz", fail)):
        at, question, correct = _stamp(item.get("at")), item.get("question"), item.get("correct")
        if at is None or not isinstance(question, str) or not isinstance(correct, bool):
            raise fail(f"quiz[{i}] needs a question, correct = true or false, and a date and time")
        rest = {k: v for k, v in item.items() if k not in ("question", "correct", "at")}
        yield QuizResult(question, correct, at, rest)


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring the tables of an older schema up to :data:`SCHEMA_VERSION`, one step per
    version, each tested against a file of the version it upgrades.

    1 -> 2: notes, stances and quiz results arrive. A schema 1 file could hold tables of the
    reader's own under those names; they are kept, renamed with a ``_v1`` suffix."""
    if version == 1:
        for key in ("notes", "stances", "quiz"):
            if key in data:
                data[f"{key}_v1"] = data.pop(key)
    return data


def dump(progress: Progress) -> bytes:
    """Serialize progress: schema first, then entries sorted by id, for stable diffs."""
    import tomli_w

    documents = {
        did: {"status": entry.status, "updated_at": entry.updated_at, **entry.extra}
        for did, entry in sorted(progress.entries.items())
    }
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    body.update(progress.extra)
    body["documents"] = documents
    if progress.notes:
        body["notes"] = [_note_table(n) for n in progress.notes]
    if progress.stances:
        body["stances"] = [
            {
                "at": s.at,
                "value": s.value,
                "read": s.read,
                **({"text": s.text} if s.text else {}),
                **s.extra,
            }
            for s in progress.stances
        ]
    if progress.quiz:
        body["quiz"] = [
            {"question": q.question, "correct": q.correct, "at": q.at, **q.extra}
            for q in progress.quiz
        ]
    return (HEADER + "\n" + tomli_w.dumps(body)).encode("utf-8")


def _note_table(note: Note) -> dict[str, Any]:
    table: dict[str, Any] = {"id": note.id, "target": note.target}
    if note.perspective:
        table["perspective"] = note.perspective
    table.update(text=note.text, created_at=note.created_at, updated_at=note.updated_at)
    if note.deleted:
        table["deleted"] = True
    table.update(note.extra)
    return table


def _entry_rank(entry: Entry) -> tuple[datetime, str, str]:
    """Later wins; on the same second the order is still the same both ways round."""
    return (entry.updated_at, entry.status, repr(sorted(entry.extra.items())))


def _note_rank(note: Note) -> tuple[datetime, bool, str]:
    """Later wins; on the same second a deletion wins, then the text decides."""
    return (note.updated_at, note.deleted, note.text)


def merge(mine: Progress, theirs: Progress) -> Progress:
    """Two machines' progress as one, losing nothing: for each document and note the later
    change wins (a deletion is a change); stances and quiz results are united; settings
    stay as they are here."""
    entries = dict(mine.entries)
    for did, entry in theirs.entries.items():
        if did not in entries or _entry_rank(entry) > _entry_rank(entries[did]):
            entries[did] = entry
    notes = {n.id: n for n in mine.notes}
    for note in theirs.notes:
        if note.id not in notes or _note_rank(note) > _note_rank(notes[note.id]):
            notes[note.id] = note
    stances = {(s.at, s.value, s.text): s for s in (*mine.stances, *theirs.stances)}
    quiz = {(q.question, q.at): q for q in (*mine.quiz, *theirs.quiz)}
    extra = {**theirs.extra, **mine.extra}
    return Progress(
        entries,
        extra,
        tuple(sorted(notes.values(), key=lambda n: (n.created_at, n.id))),
        tuple(sorted(stances.values(), key=lambda s: s.at)),
        tuple(sorted(quiz.values(), key=lambda q: (q.at, q.question))),
    )


# --- atomic replacement and locking -----------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Replace *path* with *data* so that readers see the old file or the new, never a mix.

    Write a temporary file in the same folder, fsync it, ``os.replace`` it over the target,
    then fsync the folder so the rename itself survives a power cut."""
    import tempfile  # only writes pay for it

    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    # A fresh, unpredictable name created exclusively: nothing planted there can be followed.
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable where the filesystem allows it. The new file is already in
    place, so a filesystem that cannot sync a folder (EINVAL on some) is no failure."""
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            _try_lock(fd)
            return
        except (BlockingIOError, PermissionError):
            if time.monotonic() > deadline:
                raise ProgressError(
                    f"progress file {path}: another nato-guide is still writing it; try again"
                ) from None
            time.sleep(0.005)
        except OSError as exc:  # e.g. no locks on this network filesystem
            reason = exc.strerror or str(exc)
            raise ProgressError(f"progress file {path}: cannot lock it ({reason})") from None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only

    def _try_lock(fd: int) -> None:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:

    def _try_lock(fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
