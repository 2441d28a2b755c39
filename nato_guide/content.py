"""The guide's content: typed model, loader and validation of the TOML files in ``data/``.

Layout of a content directory::

    guide.toml          the question, the introduction, the order of the topics
    perspectives.toml   [[perspective]] tables, in display order
    documents.toml      [[document]] tables, in reading order
    topics/<id>.toml    one topic per file

Everything is checked on load; a mistake raises :class:`ContentError` naming the file and
the field, so that a contributor editing ``data/`` knows where to look.
"""

from __future__ import annotations

import os
import re
import time
import zlib
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, Generic, NamedTuple, TypeVar

from nato_guide.errors import ContentError, UnknownIdError, suggest, unknown_message

#: The perspectives every topic is shown from, in display order.
PERSPECTIVE_IDS: tuple[str, ...] = ("kremlin", "western", "mearsheimer", "applebaum", "ukraine")

DOCUMENT_KINDS: frozenset[str] = frozenset(
    {
        "accession",
        "agreement",
        "application",
        "briefing book",
        "commentary",
        "communiqué",
        "declaration",
        "diplomatic note",
        "draft treaty",
        "essay",
        "memorandum",
        "memorandum of conversation",
        "negotiating proposal",
        "policy document",
        "political agreement",
        "speech",
        "statute",
        "study",
        "treaty",
        "web page",
    }
)

EVENT_KINDS: frozenset[str] = frozenset(
    {
        "agreement",
        "annexation",
        "application",
        "declaration",
        "dispute",
        "election",
        "enlargement",
        "law",
        "meeting",
        "proposal",
        "protest",
        "publication",
        "referendum",
        "speech",
        "summit",
        "treaty",
        "war",
    }
)

LINK_TEXTS = ("full text", "excerpt", "summary", "landing page")

_T = TypeVar("_T")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Quote(NamedTuple):
    """A short verbatim passage of a document, with where to find it."""

    document: str
    pinpoint: str
    text: str


class Perspective(NamedTuple):
    """A school of thought on the question, with who holds it."""

    id: str
    name: str
    short: str
    thesis: str
    proponents: tuple[str, ...]
    assumptions: tuple[str, ...]
    weakened_by: str
    documents: tuple[str, ...]


class View(NamedTuple):
    """One perspective's case on one topic."""

    perspective: str
    position: str
    argument: str
    objection: str
    documents: tuple[str, ...]


class Fact(NamedTuple):
    """A documented fact of the record, tied to the documents that show it."""

    text: str
    documents: tuple[str, ...]


class Topic(NamedTuple):
    """A question of the debate, argued from every perspective."""

    id: str
    title: str
    question: str
    summary: str
    documents: tuple[str, ...]
    views: tuple[View, ...]
    record: tuple[Fact, ...]
    quotes: tuple[Quote, ...]
    source: str = ""

    def view(self, perspective: str) -> View:
        """The view of *perspective* on this topic."""
        for view in self.views:
            if view.perspective == perspective:
                return view
        raise KeyError(perspective)

    @property
    def all_documents(self) -> tuple[str, ...]:
        """Every document the topic refers to: its reading list first, then the views'
        and the record's, without repeats."""
        seen = dict.fromkeys(self.documents)
        for view in self.views:
            seen.update(dict.fromkeys(view.documents))
        for fact in self.record:
            seen.update(dict.fromkeys(fact.documents))
        return tuple(seen)


class Reading(NamedTuple):
    """How one perspective reads a document, and the passage it leans on."""

    perspective: str
    text: str
    passage: str = ""


class Card(NamedTuple):
    """What a document's card says beyond its line in the reading list.

    Most of a document's text is here, and listing the documents never reads it, so a
    cached model keeps the cards apart and reads them when first used (see
    :class:`Deferred`)."""

    why: str
    length_note: str = ""
    quotes: tuple[Quote, ...] = ()
    readings: tuple[Reading, ...] = ()
    #: Where the text comes from, its original language, and what the link gives.
    provenance: str = ""


class Document(NamedTuple):
    """A recommended primary document (or a named author's text)."""

    id: str
    title: str
    date: str
    issuer: str
    kind: str
    url: str
    minutes: int
    card: Card | Deferred[Card]
    words: int | None = None
    language: str = ""
    translation: bool = False
    link_text: str = ""
    archive_url: str = ""
    #: A document the reader added (my-documents.toml), not one of the guide's.
    own: bool = False
    #: Derived on load: the perspectives that lean on it (in a view or in their reading
    #: list), in display order. How others *read* it is in ``readings``.
    perspectives: tuple[str, ...] = ()
    #: Derived on load: the topics that refer to it, in topic order.
    topics: tuple[str, ...] = ()

    @property
    def why(self) -> str:
        """Why it matters."""
        return _card(self.card).why

    @property
    def length_note(self) -> str:
        """How its length was estimated."""
        return _card(self.card).length_note

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Its key passages."""
        return _card(self.card).quotes

    @property
    def readings(self) -> tuple[Reading, ...]:
        """How the perspectives read it."""
        return _card(self.card).readings

    @property
    def provenance(self) -> str:
        """Where the text comes from."""
        return _card(self.card).provenance


def _card(card: Card | Deferred[Card]) -> Card:
    return card if isinstance(card, Card) else card.get()


class Deferred(Generic[_T]):
    """A value kept in a part of the cached model that is read when first used: it stands
    in for that value and compares equal to it."""

    __slots__ = ("_key", "_part")

    def __init__(self, part: Mapping[str, _T], key: str) -> None:
        self._part = part
        self._key = key

    def get(self) -> _T:
        """The value (reading its part of the cache the first time)."""
        try:
            return self._part[self._key]
        except KeyError:
            raise ContentError(
                f"the content changed while it was being read ({self._key}): run again"
            ) from None

    def __eq__(self, other: object) -> bool:
        return self.get() == (other.get() if isinstance(other, Deferred) else other)

    def __hash__(self) -> int:
        return hash(self.get())

    def __repr__(self) -> str:
        return repr(self.get())

    def __reduce__(self) -> tuple[object, ...]:
        return (_same, (self.get(),))  # a copy holds the value itself


def _same(value: _T) -> _T:
    return value


class PathStep(NamedTuple):
    """One stop of a reading path: a document, or a part of it."""

    document: str
    minutes: int
    why: str
    part: str = ""


class ReadingPath(NamedTuple):
    """A curated order through the documents, with a time budget."""

    id: str
    title: str
    summary: str
    minutes: int
    steps: tuple[PathStep, ...]
    perspective: str = ""

    @property
    def total_minutes(self) -> int:
        """The reading time of all its steps."""
        return sum(step.minutes for step in self.steps)


class Question(NamedTuple):
    """A self-test question drawn from the record, with the document that settles it."""

    id: str
    topic: str
    kind: str  # "choice" or "short"
    text: str
    explanation: str
    document: str
    pinpoint: str
    choices: tuple[str, ...] = ()
    answer: int = 0
    answers: tuple[str, ...] = ()

    def is_right(self, reply: str) -> bool:
        """Whether *reply* answers it: a choice's number or wording, or an accepted answer."""
        given = " ".join(reply.split()).casefold()
        if self.kind == "choice":
            right = self.choices[self.answer]
            return given in (str(self.answer + 1), right.casefold())
        return given in {" ".join(a.split()).casefold() for a in self.answers}

    @property
    def right_answer(self) -> str:
        """The answer as it should be shown."""
        return self.choices[self.answer] if self.kind == "choice" else self.answers[0]


class Event(NamedTuple):
    """A dated event of the timeline."""

    date: str
    title: str
    kind: str
    text: str
    documents: tuple[str, ...]
    topics: tuple[str, ...]
    #: On enlargements (and the founding): the states that joined, and NATO's size after.
    joined: tuple[str, ...] = ()
    members: int | None = None
    #: Derived on load: the perspectives that lean on the event's documents.
    perspectives: tuple[str, ...] = ()


class Usage(NamedTuple):
    """How one perspective uses a loaded term."""

    perspective: str
    text: str


class Term(NamedTuple):
    """A loaded word that each side uses differently."""

    id: str
    term: str
    summary: str
    documents: tuple[str, ...]
    topics: tuple[str, ...]
    usages: tuple[Usage, ...]
    quotes: tuple[Quote, ...] = ()


class Content(NamedTuple):
    """All of the guide's content, validated and cross-referenced."""

    question: str
    intro: str
    perspectives: Mapping[str, Perspective]
    topics: Mapping[str, Topic]
    documents: Mapping[str, Document]
    events: tuple[Event, ...] = ()
    terms: Mapping[str, Term] = {}
    paths: Mapping[str, ReadingPath] = {}
    questions: tuple[Question, ...] = ()

    def path(self, path_id: str) -> ReadingPath:
        """The reading path with this id, or :class:`UnknownIdError` with suggestions."""
        return _lookup(self.paths, path_id, "path")

    def term(self, term_id: str) -> Term:
        """The glossary term with this id (or this wording), or :class:`UnknownIdError`."""
        wanted = term_id.strip().casefold()
        for term in self.terms.values():
            if wanted in (term.id, term.term.casefold()):
                return term
        return _lookup(self.terms, term_id, "term")

    def perspective(self, perspective_id: str) -> Perspective:
        """The perspective with this id, or :class:`UnknownIdError` with suggestions."""
        return _lookup(self.perspectives, perspective_id, "perspective")

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id, or :class:`UnknownIdError` with suggestions."""
        return _lookup(self.topics, topic_id, "topic")

    def document(self, document_id: str) -> Document:
        """The document with this id, or :class:`UnknownIdError` with suggestions."""
        return _lookup(self.documents, document_id, "document")


def _lookup(table: Mapping[str, _T], key: str, kind: str) -> _T:
    try:
        return table[key]
    except KeyError:
        normalized = key.strip().casefold()
        if normalized in table:
            return table[normalized]
        raise UnknownIdError(kind, key, table) from None


def last_day(text: str) -> date:
    """The last day a partial ISO date can mean (``2014`` -> 2014-12-31)."""
    import calendar

    first = parse_partial_date(text)
    precision = text.count("-")
    if precision == 2:
        return first
    if precision == 1:
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first.replace(month=12, day=31)


def parse_partial_date(text: str) -> date:
    """The first day a partial ISO date (``2014``, ``2014-09``, ``2014-09-05``) can mean.

    Raises :class:`ValueError` for anything else, including impossible days."""
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    return date(int(year), int(month or 1), int(day or 1))


# --- loading ---------------------------------------------------------------------------


def load_content(directory: Path | None = None) -> Content:
    """Load and validate the content directory (by default the bundled content)."""
    if directory is None:
        from nato_guide.paths import data_dir

        directory = data_dir()
    if not directory.is_dir():
        raise ContentError(f"{directory}: content directory not found")
    sources = _Sources(directory)
    cached = sources.cached()
    if cached is not None:
        return cached
    content = _build(sources, directory)
    sources.save(content)
    return content


def _build(sources: _Sources, directory: Path) -> Content:
    guide = _Table(sources.read("guide.toml"), _display(directory, "guide.toml"))
    question = guide.text("question")
    intro = guide.text("intro")
    topic_order = guide.ids("topics", nonempty=True)
    guide.finish()

    perspectives = _load_perspectives(sources)
    documents = _load_documents(sources)
    topics = {tid: _load_topic(sources, tid) for tid in topic_order}
    _check_topic_files(sources, topic_order)

    _check_references(perspectives, topics, documents, directory)
    documents = _derive_document_links(perspectives, topics, documents)
    events = _load_timeline(sources, documents, topics)
    terms = _load_glossary(sources, documents, topics)
    paths = _load_paths(sources, documents)
    questions = _load_quiz(sources, documents, topics)
    return Content(
        question, intro, perspectives, topics, documents, events, terms, paths, questions
    )


def _display(directory: Path, name: str) -> str:
    return str(directory / name)


#: Files a content directory may leave out (a teacher's own content, say).
OPTIONAL_FILES = ("timeline.toml", "glossary.toml", "paths.toml", "quiz.toml")


#: How long before its files were looked at a change must have been for their metadata
#: to stand for their contents (see :class:`_Sources`). Well above the coarsest
#: timestamps in use (two seconds on FAT).
SETTLED_NS = 3_000_000_000


class _Sources:
    """The content files of a directory, and a cache of the model built from them.

    Parsing and validating the TOML is most of a start's own work, so the validated model
    is kept in the user cache folder, keyed by the contents of every content file (size
    and CRC-32 of the bytes), the package version and this module's own stamp: any edit,
    whatever its timestamp, rebuilds it. The cache is a pickle, so it is only read from and
    written to a folder that belongs to this user and that nobody else may write, and it is
    never used where that cannot be checked. Any problem with it means building afresh.

    Reading every file to check its CRC costs more than anything else once the content is
    large, so beside the cache a record keeps each file's metadata (size, modification
    and change times, inode) with its CRC. A file whose metadata is exactly as recorded
    is taken to hold the recorded bytes, provided its last change was at least
    :data:`SETTLED_NS` before the record was made: any later write gives the file a later
    change time (which no program can set back), so it cannot go unseen. A file changed
    just before the record was made, or since, is read and checked by its CRC, and the
    record is then brought up to date. (The one case this cannot see is a file system
    whose clock runs more than that margin behind this machine's, written twice within
    one tick of its clock, same size both times, with a start in between.)
    """

    FORMAT = 6

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        topics = directory / "topics"
        try:
            self.topic_files = (
                sorted(e.name for e in os.scandir(topics) if e.name.endswith(".toml"))
                if topics.is_dir()
                else []
            )
        except OSError as exc:
            raise ContentError(f"{topics}: cannot list ({exc.strerror or exc})") from None
        #: When the files were looked at, and what they looked like (the files read later
        #: are at least as new).
        self.looked_at = time.time_ns()
        self.seen: dict[str, tuple[int, int, int, int, int]] = {}
        folder = os.fspath(directory)
        for name in [*OPTIONAL_FILES, "guide.toml", "perspectives.toml", "documents.toml"] + [
            f"topics/{n}" for n in self.topic_files
        ]:
            try:
                st = os.stat(os.path.join(folder, name))
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise ContentError(f"{directory / name}: cannot read: {exc.strerror}") from None
            self.seen[name] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)

    @cached_property
    def raw(self) -> dict[str, bytes]:
        """The bytes of every content file (read when first asked for)."""
        raw = {}
        folder = os.fspath(self.directory)
        for name in self.seen:
            try:
                raw[name] = _read_file(os.path.join(folder, name))
            except FileNotFoundError:
                continue
            except OSError as exc:
                path = self.directory / name
                raise ContentError(f"{path}: cannot read: {exc.strerror}") from None
        return raw

    @cached_property
    def stamps(self) -> dict[str, tuple[int, int]]:
        """Size and CRC-32 of every content file, from its bytes."""
        return {name: (len(b), zlib.crc32(b)) for name, b in self.raw.items()}

    def key(self, stamps: Mapping[str, tuple[int, int]]) -> tuple[object, ...]:
        """What the cached model must have been built from to be used."""
        from nato_guide import __version__

        code = os.stat(__file__)
        return (self.FORMAT, __version__, code.st_mtime_ns, code.st_size, stamps)

    def _cache_dir(self) -> Path | None:
        """The cache folder if it is safe to use: ours, and writable by nobody else."""
        if not hasattr(os, "getuid") or not hasattr(os, "O_NOFOLLOW"):
            return None  # ownership cannot be checked here: no pickle cache
        from nato_guide.paths import cache_dir

        folder = cache_dir()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.lstat(folder)
        except OSError:
            return None
        if st.st_uid != os.getuid() or st.st_mode & 0o022 or not os.path.isdir(folder):
            return None
        return folder

    def _cache_name(self, suffix: str = "pickle") -> str:
        key = zlib.crc32(os.fsencode(self.directory.resolve()))
        return f"content-{key:08x}.{suffix}"

    def cached(self) -> Content | None:
        """The cached model if it is trustworthy and current, else ``None``.

        The file holds the key and the model without its topics and its documents' cards,
        then the topics and then the cards, each pickled on its own. They are most of the
        model, and listing the documents or showing progress never looks at them, so they
        are unpickled only when first used."""
        folder = self._cache_dir()
        if folder is None:
            return None
        recorded = self._recorded(folder)
        try:
            with _open_trusted(folder / self._cache_name()) as handle:
                cards = _Pickled[Card](handle, self.directory, "cards")
                key, content, sizes = _long_lived(lambda: _load_head(handle, cards))
                topics_size, cards_size = sizes
                if not isinstance(content, Content):
                    return None
                if recorded is None or key != self.key(recorded):
                    if key != self.key(self.stamps):
                        return None
                    self._record(folder)  # the files are as cached: no need to read them next time
                end = handle.tell()
                if end + topics_size + cards_size != os.fstat(handle.fileno()).st_size:
                    return None
                topics = _Pickled[Topic](handle, self.directory, "topics")
                topics.place(end, topics_size)
                cards.place(end + topics_size, cards_size)
        except Exception:  # absent, unreadable, damaged or from another version: rebuild
            return None
        return content._replace(topics=topics)

    def _recorded(self, folder: Path) -> dict[str, tuple[int, int]] | None:
        """Size and CRC-32 of every file as the record has them, if the files are all
        still exactly as recorded, and were settled then; else ``None``."""
        import marshal

        try:
            with _open_trusted(folder / self._cache_name("files")) as handle:
                made, files = marshal.loads(handle.read())
            if files.keys() != self.seen.keys():
                return None
            stamps = {}
            for name, now in self.seen.items():
                size, mtime, ctime, inode, device, crc = files[name]
                if (size, mtime, ctime, inode, device) != now:
                    return None
                if max(mtime, ctime) > made - SETTLED_NS:
                    return None
                stamps[name] = (size, crc)
        except Exception:  # absent, damaged, from another version: read the files
            return None
        return stamps

    def _record(self, folder: Path) -> None:
        """Record the files' metadata as it was before they were read, with their CRCs."""
        import marshal

        if self.stamps.keys() != self.seen.keys() or any(
            self.seen[name][0] != size for name, (size, _) in self.stamps.items()
        ):
            return  # a file came, went or changed between looking at it and reading it
        files = {name: (*self.seen[name], crc) for name, (_, crc) in self.stamps.items()}
        _write_cache_file(
            folder / self._cache_name("files"), marshal.dumps((self.looked_at, files))
        )

    def read(self, name: str) -> dict[str, Any]:
        path = self.directory / name
        if name not in self.raw:
            if name in OPTIONAL_FILES:
                return {}
            raise ContentError(f"{path}: file not found")
        return _parse_toml(self.raw[name], path)

    def save(self, content: Content) -> None:
        """Cache *content*: the model without its topics and its documents' cards (each
        card replaced by its document's id), then the topics, then the cards."""
        import pickle

        folder = self._cache_dir()
        if folder is None:
            return
        topics = pickle.dumps(_part(content, "topics"), protocol=pickle.HIGHEST_PROTOCOL)
        cards = pickle.dumps(_part(content, "cards"), protocol=pickle.HIGHEST_PROTOCOL)
        head = (self.key(self.stamps), content._replace(topics={}), (len(topics), len(cards)))
        if _write_cache_file(folder / self._cache_name(), _dump_head(head, content), topics, cards):
            self._record(folder)


def _open_trusted(path: Path) -> BinaryIO:
    """A cache file opened for reading, if nobody but this user can have written it
    (else :class:`PermissionError`)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            raise PermissionError(f"{path}: others could have written it")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _write_cache_file(path: Path, *parts: bytes) -> bool:
    """Replace a cache file with *parts*, all or nothing; whether it was written."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".content-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                for part in parts:
                    handle.write(part)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except Exception:  # a cache is a convenience, never a failure
        return False
    return True


def _read_file(path: str) -> bytes:
    """The bytes of a file, without the layers of a file object (hundreds of topic files
    make them count)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        size = os.fstat(fd).st_size
        parts: list[bytes] = []
        while chunk := os.read(fd, size + 1 if not parts else 1 << 16):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _long_lived(load: Callable[[], _T]) -> _T:
    """Unpickle part of the model with *load*, for the rest of the run.

    The cyclic garbage collector is paused meanwhile: unpickling creates many objects and
    no garbage, and the collections their number would trigger cost about as much as the
    unpickling itself. Then what is young (the new model, mostly) joins the oldest
    generation at once, where otherwise two younger collections would walk it first
    (unless objects are frozen already: unfreezing would undo someone else's freeze)."""
    import gc

    if not gc.isenabled():
        return load()
    gc.disable()
    try:
        result = load()
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        return result
    finally:
        gc.enable()


class _Pickled(Mapping[str, _T]):
    """A part of the cached model left pickled in the cache file until first used: the
    topics, or the documents' cards (see :func:`_part`).

    It keeps its own descriptor of the file it was found in, so what it reads is what was
    checked, even if the cache has been replaced since. Should the bytes not unpickle
    (the file damaged on disk), the content is built afresh from its directory."""

    __slots__ = (
        "__weakref__",
        "_close",
        "_data",
        "_directory",
        "_fd",
        "_name",
        "_offset",
        "_size",
    )

    def __init__(self, handle: BinaryIO, directory: Path, name: str) -> None:
        import weakref

        self._offset = self._size = -1  # where it is in the file, once known (see place)
        self._directory = directory
        self._name = name
        self._data: dict[str, _T] | None = None
        self._fd = os.dup(handle.fileno())
        self._close = weakref.finalize(self, os.close, self._fd)

    def place(self, offset: int, size: int) -> None:
        """Where in the file the part's bytes are."""
        self._offset, self._size = offset, size

    @property
    def data(self) -> dict[str, _T]:
        """The unpickled mapping."""
        if self._data is None:
            import pickle

            try:
                raw = os.pread(self._fd, self._size, self._offset) if self._size >= 0 else b""
                data = _long_lived(lambda: pickle.loads(raw)) if len(raw) == self._size else None
            except Exception:
                data = None
            finally:
                self._close()
            if not isinstance(data, dict):
                sources = _Sources(self._directory)
                content = _build(sources, self._directory)
                sources.save(content)
                data = _part(content, self._name)
            self._data = data
        return self._data

    def __getitem__(self, key: str) -> _T:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def keys(self) -> KeysView[str]:
        return self.data.keys()

    def values(self) -> ValuesView[_T]:
        return self.data.values()

    def items(self) -> ItemsView[str, _T]:
        return self.data.items()

    def __eq__(self, other: object) -> bool:
        return self.data == (other.data if isinstance(other, _Pickled) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.data)

    def __reduce__(self) -> tuple[object, ...]:
        return (dict, (self.data,))


def _part(content: Content, name: str) -> dict[str, Any]:
    """The part of *content* that the cache keeps apart under *name*."""
    if name == "topics":
        return dict(content.topics)
    return {did: _card(doc.card) for did, doc in content.documents.items()}


def _dump_head(head: object, content: Content) -> bytes:
    """Pickle *head*, which holds *content*, with each document's card replaced by the
    document's id (the cards are pickled on their own)."""
    import io
    import pickle

    cards = {id(doc.card): did for did, doc in content.documents.items()}

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> str | None:
            return cards.get(id(obj)) if type(obj) is Card else None

    buffer = io.BytesIO()
    Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(head)
    return buffer.getvalue()


def _load_head(handle: BinaryIO, cards: Mapping[str, Card]) -> Any:
    """Unpickle what :func:`_dump_head` wrote, each card deferred to *cards*."""
    import pickle

    class Unpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> Deferred[Card]:
            return Deferred(cards, pid)

    return Unpickler(handle).load()


def _parse_toml(raw: bytes, path: Path) -> dict[str, Any]:
    import tomllib  # only a cold start pays for the parser

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ContentError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: invalid TOML: {exc}") from None


def _load_perspectives(sources: _Sources) -> dict[str, Perspective]:
    where = _display(sources.directory, "perspectives.toml")
    root = _Table(sources.read("perspectives.toml"), where)
    perspectives: dict[str, Perspective] = {}
    for table in root.tables("perspective"):
        pid = table.id("id")
        if pid in perspectives:
            table.fail("id", f"duplicate perspective id {pid!r}")
        perspectives[pid] = Perspective(
            id=pid,
            name=table.text("name"),
            short=table.text("short"),
            thesis=table.text("thesis"),
            proponents=table.texts("proponents"),
            assumptions=table.texts("assumptions"),
            weakened_by=table.text("weakened_by"),
            documents=table.ids("documents"),
        )
        table.finish()
    root.finish()
    if tuple(perspectives) != PERSPECTIVE_IDS:
        raise ContentError(
            f"{where}: perspectives must be {', '.join(PERSPECTIVE_IDS)} in that order, "
            f"found {', '.join(perspectives) or 'none'}"
        )
    return perspectives


def _load_documents(sources: _Sources) -> dict[str, Document]:
    where = _display(sources.directory, "documents.toml")
    return _parse_documents(sources.read("documents.toml"), where)


def _parse_documents(
    data: Mapping[str, Any], where: str, *, own: bool = False
) -> dict[str, Document]:
    """Documents from a ``[[document]]`` file; a reader's own need only id, title, date
    and url."""
    root = _Table(data, where)
    documents: dict[str, Document] = {}
    for table in root.tables("document", required=not own):
        did = table.id("id")
        if did in documents:
            table.fail("id", f"duplicate document id {did!r}")
        date_text = table.text("date")
        try:
            parse_partial_date(date_text)
        except ValueError as exc:
            table.fail("date", str(exc))
        url = table.text("url")
        if not url.startswith("https://") or " " in url:
            table.fail("url", f"expected an https:// link, got {url!r}")
        kind = _shared(table.text("kind", required=not own) or "web page")
        if kind not in DOCUMENT_KINDS:
            table.fail(
                "kind", f"unknown kind {kind!r} (one of: {', '.join(sorted(DOCUMENT_KINDS))})"
            )
        quotes = []
        for q in table.tables("quote", required=False):
            quotes.append(Quote(did, q.text("pinpoint"), q.text("text")))
            q.finish()
        readings = []
        for r in table.tables("reading", required=False):
            passage = r.text("passage", required=False)
            if passage and not any(passage in q.text for q in quotes):
                r.fail(
                    "passage", "must be (part of) one of this document's [[document.quote]] texts"
                )
            readings.append(Reading(r.perspective("perspective"), r.text("text"), passage))
            r.finish()
        archive = table.text("archive_url", required=False)
        if archive and (not archive.startswith("https://") or " " in archive):
            table.fail("archive_url", f"expected an https:// link, got {archive!r}")
        translation = table.boolean("translation")
        link_text = _shared(table.text("link_text", required=False))
        if link_text and link_text not in LINK_TEXTS:
            table.fail("link_text", f"one of: {', '.join(LINK_TEXTS)}")
        documents[did] = Document(
            id=did,
            title=table.text("title"),
            date=date_text,
            issuer=table.text("issuer", required=not own),
            kind=kind,
            url=url,
            minutes=table.integer("minutes", minimum=1, required=not own) or 10,
            card=Card(
                why=table.text("why", required=not own),
                length_note=table.text("length_note", required=False),
                quotes=tuple(quotes),
                readings=tuple(readings),
                provenance=table.text("provenance", required=False),
            ),
            words=table.integer("words", minimum=1, required=False),
            language=_shared(table.text("language", required=False)),
            translation=translation,
            link_text=link_text,
            archive_url=archive,
            own=own,
        )
        table.finish()
    root.finish()
    return documents


def with_own_documents(content: Content, path: Path) -> Content:
    """*content* with the reader's own documents from *path* (if it exists) added after
    the guide's, marked as theirs."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return content
    except OSError as exc:
        raise ContentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return add_own_documents(content, raw, path, strict=False)


def add_own_documents(content: Content, raw: bytes, path: Path, *, strict: bool) -> Content:
    """*content* with the own documents in *raw* (the bytes of *path*) validated and
    added. A new one may not reuse one of the guide's ids (*strict*); one that a later
    version of the guide has come to use is left out, so an update never breaks a run."""
    own = _parse_documents(_parse_toml(raw, path), str(path), own=True)
    for did in list(own):
        if did in content.documents:
            if strict:
                raise ContentError(
                    f"{path}: document[{did}].id: the guide already has a document {did!r}"
                )
            del own[did]
    return content._replace(documents={**content.documents, **own})


def _load_topic(sources: _Sources, topic_id: str) -> Topic:
    name = f"topics/{topic_id}.toml"
    table = _Table(sources.read(name), _display(sources.directory, name))
    tid = table.id("id")
    if tid != topic_id:
        table.fail("id", f"expected {topic_id!r} (the file name), got {tid!r}")
    quotes = []
    for q in table.tables("quote", required=False):
        quotes.append(Quote(q.id("document"), q.text("pinpoint"), q.text("text")))
        q.finish()
    views = []
    for v in table.tables("view"):
        views.append(
            View(
                perspective=v.perspective("perspective"),
                position=v.text("position"),
                argument=v.text("argument"),
                objection=v.text("objection"),
                documents=v.ids("documents"),
            )
        )
        v.finish()
    order = tuple(view.perspective for view in views)
    if order != PERSPECTIVE_IDS:
        table.fail("view", f"expected one view each for {', '.join(PERSPECTIVE_IDS)} in that order")
    record = []
    for f in table.tables("record"):
        record.append(Fact(f.text("text"), f.ids("documents", nonempty=True)))
        f.finish()
    topic = Topic(
        id=tid,
        title=table.text("title"),
        question=table.text("question"),
        summary=table.text("summary"),
        documents=table.ids("documents", nonempty=True),
        views=tuple(views),
        record=tuple(record),
        quotes=tuple(quotes),
        source=table.where,
    )
    table.finish()
    return topic


def _check_ids(
    table: _Table, key: str, known: Mapping[str, object], kind: str, *, nonempty: bool = False
) -> tuple[str, ...]:
    ids = table.ids(key, nonempty=nonempty)
    for value in ids:
        if value not in known:
            table.fail(key, unknown_message(kind, value, suggest(value, known)))
    return ids


def _load_timeline(
    sources: _Sources, documents: Mapping[str, Document], topics: Mapping[str, Topic]
) -> tuple[Event, ...]:
    root = _Table(sources.read("timeline.toml"), _display(sources.directory, "timeline.toml"))
    events: list[Event] = []
    previous = ""
    members = 0
    for table in root.tables("event", required=False):
        when = table.text("date")
        try:
            parse_partial_date(when)
        except ValueError as exc:
            table.fail("date", str(exc))
        if when < previous:
            table.fail("date", f"{when} comes before {previous}: keep events in date order")
        previous = when
        kind = table.text("kind")
        if kind not in EVENT_KINDS:
            table.fail("kind", f"unknown kind {kind!r} (one of: {', '.join(sorted(EVENT_KINDS))})")
        joined: tuple[str, ...] = ()
        size = None
        if "joined" in table.data or "members" in table.data:
            joined = table.texts("joined")
            size = table.integer("members", minimum=1)
            if size != members + len(joined):
                table.fail(
                    "members",
                    f"{members} members before and {len(joined)} joining make "
                    f"{members + len(joined)}, not {size}",
                )
            members = size
        docs = _check_ids(table, "documents", documents, "document")
        events.append(
            Event(
                date=when,
                title=table.text("title"),
                kind=kind,
                text=table.text("text", required=False),
                documents=docs,
                topics=_check_ids(table, "topics", topics, "topic", nonempty=True),
                joined=joined,
                members=size,
                perspectives=tuple(
                    p for p in PERSPECTIVE_IDS if any(p in documents[d].perspectives for d in docs)
                ),
            )
        )
        table.finish()
    root.finish()
    return tuple(events)


def _load_glossary(
    sources: _Sources, documents: Mapping[str, Document], topics: Mapping[str, Topic]
) -> dict[str, Term]:
    root = _Table(sources.read("glossary.toml"), _display(sources.directory, "glossary.toml"))
    terms: dict[str, Term] = {}
    for table in root.tables("term", required=False):
        tid = table.id("id")
        if tid in terms:
            table.fail("id", f"duplicate term id {tid!r}")
        quotes = []
        for q in table.tables("quote", required=False):
            quotes.append(Quote(q.id("document"), q.text("pinpoint"), q.text("text")))
            if quotes[-1].document not in documents:
                q.fail("document", f"unknown document {quotes[-1].document!r}")
            q.finish()
        usages = []
        for u in table.tables("usage"):
            usages.append(Usage(u.perspective("perspective"), u.text("text")))
            u.finish()
        if tuple(u.perspective for u in usages) != PERSPECTIVE_IDS:
            table.fail(
                "usage", f"expected one usage each for {', '.join(PERSPECTIVE_IDS)} in that order"
            )
        terms[tid] = Term(
            id=tid,
            term=table.text("term"),
            summary=table.text("summary"),
            documents=_check_ids(table, "documents", documents, "document"),
            topics=_check_ids(table, "topics", topics, "topic"),
            usages=tuple(usages),
            quotes=tuple(quotes),
        )
        table.finish()
    root.finish()
    return terms


def _load_paths(sources: _Sources, documents: Mapping[str, Document]) -> dict[str, ReadingPath]:
    root = _Table(sources.read("paths.toml"), _display(sources.directory, "paths.toml"))
    paths: dict[str, ReadingPath] = {}
    for table in root.tables("path", required=False):
        pid = table.id("id")
        if pid in paths:
            table.fail("id", f"duplicate path id {pid!r}")
        steps = []
        for step in table.tables("step"):
            did = step.id("document")
            if did not in documents:
                step.fail("document", unknown_message("document", did, suggest(did, documents)))
            part = step.text("part", required=False)
            minutes = step.integer("minutes", minimum=1, required=False)
            if minutes is not None and not part:
                step.fail("minutes", "give minutes only for a part of a document")
            steps.append(PathStep(did, minutes or documents[did].minutes, step.text("why"), part))
            step.finish()
        perspective = table.perspective("perspective") if "perspective" in table.data else ""
        path = ReadingPath(
            id=pid,
            title=table.text("title"),
            summary=table.text("summary"),
            minutes=table.integer("minutes", minimum=1),
            steps=tuple(steps),
            perspective=perspective,
        )
        if path.total_minutes > path.minutes:
            table.fail(
                "minutes",
                f"the steps take {path.total_minutes} minutes, over the budget of {path.minutes}",
            )
        if len({s.document for s in steps}) != len(steps):
            table.fail("step", "a document appears twice")
        paths[pid] = path
        table.finish()
    root.finish()
    return paths


def _load_quiz(
    sources: _Sources, documents: Mapping[str, Document], topics: Mapping[str, Topic]
) -> tuple[Question, ...]:
    root = _Table(sources.read("quiz.toml"), _display(sources.directory, "quiz.toml"))
    questions: list[Question] = []
    seen: set[str] = set()
    for table in root.tables("question", required=False):
        qid = table.id("id")
        if qid in seen:
            table.fail("id", f"duplicate question id {qid!r}")
        seen.add(qid)
        topic = table.id("topic")
        if topic not in topics:
            table.fail("topic", unknown_message("topic", topic, suggest(topic, topics)))
        document = table.id("document")
        if document not in documents:
            table.fail(
                "document", unknown_message("document", document, suggest(document, documents))
            )
        kind = table.text("kind")
        choices: tuple[str, ...] = ()
        answers: tuple[str, ...] = ()
        answer = 0
        if kind == "choice":
            choices = table.texts("choices")
            if not 2 <= len(choices) <= 6 or len(set(choices)) != len(choices):
                table.fail("choices", "give two to six different choices")
            answer = table.integer("answer", minimum=0)
            if answer >= len(choices):
                table.fail("answer", f"must point at one of the {len(choices)} choices (from 0)")
        elif kind == "short":
            answers = table.texts("answers")
        else:
            table.fail("kind", f"expected choice or short, got {kind!r}")
        questions.append(
            Question(
                id=qid,
                topic=topic,
                kind=kind,
                text=table.text("text"),
                explanation=table.text("explanation"),
                document=document,
                pinpoint=table.text("pinpoint"),
                choices=choices,
                answer=answer,
                answers=answers,
            )
        )
        table.finish()
    root.finish()
    return tuple(questions)


def _check_topic_files(sources: _Sources, topic_order: tuple[str, ...]) -> None:
    listed = set(topic_order)
    for name in sources.topic_files:
        if name.removesuffix(".toml") not in listed:
            path = sources.directory / "topics" / name
            raise ContentError(f"{path}: topic file not listed in guide.toml topics")


def _check_references(
    perspectives: Mapping[str, Perspective],
    topics: Mapping[str, Topic],
    documents: Mapping[str, Document],
    directory: Path,
) -> None:
    def check(where: str, ids: tuple[str, ...]) -> None:
        for did in ids:
            if did not in documents:
                message = unknown_message("document", did, suggest(did, documents))
                raise ContentError(f"{where}: {message}")

    for p in perspectives.values():
        check(f"{_display(directory, 'perspectives.toml')}: {p.id}.documents", p.documents)
    for t in topics.values():
        check(f"{t.source}: documents", t.documents)
        for i, q in enumerate(t.quotes):
            check(f"{t.source}: quote[{i}].document", (q.document,))
        for v in t.views:
            check(f"{t.source}: view {v.perspective}.documents", v.documents)
        for i, fact in enumerate(t.record):
            check(f"{t.source}: record[{i}].documents", fact.documents)


def _derive_document_links(
    perspectives: Mapping[str, Perspective],
    topics: Mapping[str, Topic],
    documents: Mapping[str, Document],
) -> dict[str, Document]:
    cited_by: dict[str, set[str]] = {did: set() for did in documents}
    in_topics: dict[str, list[str]] = {did: [] for did in documents}
    for p in perspectives.values():
        for did in p.documents:
            cited_by[did].add(p.id)
    for t in topics.values():
        for v in t.views:
            for did in v.documents:
                cited_by[did].add(v.perspective)
        for did in t.all_documents:
            in_topics[did].append(t.id)
    derived = {}
    for did, doc in documents.items():
        cited = cited_by[did]
        derived[did] = doc._replace(
            perspectives=tuple(p for p in PERSPECTIVE_IDS if p in cited),
            topics=tuple(in_topics[did]),
        )
    return derived


class _Table:
    """Typed access to one TOML table, with errors that name the file and the field."""

    def __init__(self, data: Mapping[str, Any], where: str, path: str = "") -> None:
        self.data = data
        self.where = where
        self.path = path
        self._used: set[str] = set()

    def fail(self, key: str, problem: str) -> None:
        raise ContentError(f"{self.where}: {self.path}{key}: {problem}")

    def _get(self, key: str, required: bool) -> Any:
        self._used.add(key)
        if key not in self.data:
            if required:
                self.fail(key, "missing")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, f"expected text, got {_type_name(value)}")
        from nato_guide.text import unsafe_characters

        bad = unsafe_characters(value)
        if bad:
            self.fail(key, f"contains a control character ({bad[0]!r})")
        value = value.strip()
        if required and not value:
            self.fail(key, "must not be empty")
        return str(value)

    def id(self, key: str) -> str:
        value = self.text(key)
        if not _ID.fullmatch(value):
            self.fail(key, f"{value!r} is not an id (lowercase letters, digits and hyphens)")
        return value

    def perspective(self, key: str) -> str:
        value = self.text(key)
        if value not in PERSPECTIVE_IDS:
            self.fail(key, f"unknown perspective {value!r} (one of: {', '.join(PERSPECTIVE_IDS)})")
        return _shared(value)

    def integer(self, key: str, *, minimum: int, required: bool = True) -> Any:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"expected a whole number, got {_type_name(value)}")
        if value < minimum:
            self.fail(key, f"must be at least {minimum}, got {value}")
        return value

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_type_name(value)}")
        return bool(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, True)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, "expected a list of non-empty texts")
        if not value:
            self.fail(key, "must not be empty")
        return tuple(v.strip() for v in value)

    def ids(self, key: str, *, nonempty: bool = False) -> tuple[str, ...]:
        value = self._get(key, True)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "expected a list of ids")
        for v in value:
            if not _ID.fullmatch(v):
                self.fail(key, f"{v!r} is not an id (lowercase letters, digits and hyphens)")
        if len(set(value)) != len(value):
            self.fail(key, "an id is listed twice")
        if nonempty and not value:
            self.fail(key, "must list at least one id")
        return tuple(value)

    def tables(self, key: str, *, required: bool = True) -> Iterator[_Table]:
        value = self._get(key, required)
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, f"expected [[{key}]] tables")
        if required and not value:
            self.fail(key, f"expected at least one [[{key}]] table")
        for index, item in enumerate(value):
            label = item.get("id") if isinstance(item.get("id"), str) else index
            yield _Table(item, self.where, f"{self.path}{key}[{label}].")

    def finish(self) -> None:
        """Reject fields the model does not know: most often a typo."""
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            self.fail(unknown[0], "unknown field")


def _shared(value: str) -> str:
    """One string object for a value that recurs (a perspective, a kind, a language): the
    cached model then stores and unpickles it once, not once per use."""
    import sys

    return sys.intern(value)


def _type_name(value: object) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
