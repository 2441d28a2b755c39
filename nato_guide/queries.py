"""Questions the guide answers about its content and the reader's progress.

Every function here returns plain data (named tuples with a ``to_json`` method); the
CLI layer decides how to show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from nato_guide.content import (
    Content,
    Document,
    Event,
    PathStep,
    Perspective,
    Question,
    Quote,
    ReadingPath,
    Term,
    Topic,
    last_day,
    parse_partial_date,
)
from nato_guide.progress import MarkResult, Note, Progress, ProgressStore, Stance, Status


class Count(NamedTuple):
    """How many of some documents are read."""

    read: int
    total: int

    @property
    def fraction(self) -> float:
        """Share read, from 0 to 1 (1 when there is nothing to read)."""
        return self.read / self.total if self.total else 1.0

    def to_json(self) -> dict[str, int]:
        """The JSON form: ``{read, total}``."""
        return {"read": self.read, "total": self.total}


def count(ids: Iterable[str], progress: Progress) -> Count:
    """Count how many of *ids* are read."""
    ids = list(ids)
    return Count(sum(progress.is_read(i) for i in ids), len(ids))


class DocumentStatus(NamedTuple):
    """A document together with the reader's status for it."""

    document: Document
    read_at: datetime | None

    @property
    def status(self) -> Status:
        """``read`` or ``unread``."""
        return "read" if self.read_at is not None else "unread"

    def to_json(self, *, detail: bool = False) -> dict[str, Any]:
        """The JSON form of ``docs --json`` (``detail`` adds what ``doc ID --json`` shows)."""
        doc = self.document
        data: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "date": doc.date,
            "issuer": doc.issuer,
            "kind": doc.kind,
            "url": doc.url,
            "minutes": doc.minutes,
            "perspectives": list(doc.perspectives),
            "topics": list(doc.topics),
            "status": self.status,
            "read_at": self.read_at.isoformat() if self.read_at else None,
            "provenance": doc.provenance or None,
            "language": doc.language or None,
            "translation": doc.translation,
            "link_text": doc.link_text or None,
            "archive_url": doc.archive_url or None,
            "words": doc.words,
            "commentary": doc.kind == "commentary",
            "own": doc.own,
            "readings": [
                {"perspective": r.perspective, "text": r.text, "passage": r.passage or None}
                for r in doc.readings
            ],
        }
        if detail:
            data["why"] = doc.why
            data["length_note"] = doc.length_note or None
            data["quotes"] = [{"pinpoint": q.pinpoint, "text": q.text} for q in doc.quotes]
        return data


def document_status(content: Content, progress: Progress, document_id: str) -> DocumentStatus:
    """One document with the reader's status (raises for an unknown id)."""
    doc = content.document(document_id)
    return DocumentStatus(doc, progress.read_at(doc.id))


def list_documents(
    content: Content,
    progress: Progress,
    *,
    perspective: str | None = None,
    topic: str | None = None,
    status: Status | None = None,
) -> list[DocumentStatus]:
    """The documents in reading order, optionally narrowed by perspective, topic and status."""
    if perspective is not None:
        perspective = content.perspective(perspective).id
    topic_docs: set[str] | None = None
    if topic is not None:
        topic_docs = set(content.topic(topic).all_documents)
    rows = []
    for doc in content.documents.values():
        if perspective is not None and perspective not in doc.perspectives:
            continue
        if topic_docs is not None and doc.id not in topic_docs:
            continue
        row = DocumentStatus(doc, progress.read_at(doc.id))
        if status is not None and row.status != status:
            continue
        rows.append(row)
    return rows


class TopicSummary(NamedTuple):
    """A topic with how many of its documents are read."""

    topic: Topic
    documents: Count

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``topics --json``."""
        t = self.topic
        return {
            "id": t.id,
            "title": t.title,
            "question": t.question,
            "perspectives": [v.perspective for v in t.views],
            "documents": list(t.documents),
            "read": self.documents.read,
            "total": self.documents.total,
        }


def list_topics(content: Content, progress: Progress) -> list[TopicSummary]:
    """All topics in guide order, with read counts over every document each refers to."""
    return [TopicSummary(t, count(t.all_documents, progress)) for t in content.topics.values()]


class TopicDetail(NamedTuple):
    """A topic to run in the terminal, possibly narrowed to one perspective."""

    topic: Topic
    perspectives: tuple[str, ...]
    documents: tuple[DocumentStatus, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``topic ID --json``."""
        t = self.topic
        return {
            "id": t.id,
            "title": t.title,
            "question": t.question,
            "summary": t.summary,
            "views": [
                {
                    "perspective": v.perspective,
                    "position": v.position,
                    "argument": v.argument,
                    "objection": v.objection,
                    "documents": list(v.documents),
                }
                for v in t.views
                if v.perspective in self.perspectives
            ],
            "record": [{"text": f.text, "documents": list(f.documents)} for f in t.record],
            "documents": list(t.documents),
            "quotes": [
                {"document": q.document, "pinpoint": q.pinpoint, "text": q.text} for q in t.quotes
            ],
        }


def topic_detail(
    content: Content, progress: Progress, topic_id: str, *, perspective: str | None = None
) -> TopicDetail:
    """A topic with the chosen perspectives and the status of its reading list."""
    topic = content.topic(topic_id)
    chosen = (
        (content.perspective(perspective).id,)
        if perspective is not None
        else tuple(v.perspective for v in topic.views)
    )
    docs = tuple(DocumentStatus(content.documents[d], progress.read_at(d)) for d in topic.documents)
    return TopicDetail(topic, chosen, docs)


class PerspectiveDetail(NamedTuple):
    """A perspective with its case on every topic and its reading list."""

    perspective: Perspective
    views: tuple[tuple[Topic, str, str], ...]  # (topic, position, objection)
    documents: tuple[DocumentStatus, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``perspective ID --json``."""
        data = perspective_json(self.perspective)
        data["assumptions"] = list(self.perspective.assumptions)
        data["weakened_by"] = self.perspective.weakened_by
        data["views"] = [
            {"topic": t.id, "title": t.title, "position": position, "objection": objection}
            for t, position, objection in self.views
        ]
        return data


def perspective_json(p: Perspective) -> dict[str, Any]:
    """The JSON form of one entry of ``perspectives --json``."""
    return {
        "id": p.id,
        "name": p.name,
        "thesis": p.thesis,
        "proponents": list(p.proponents),
        "documents": list(p.documents),
    }


def perspective_detail(
    content: Content, progress: Progress, perspective_id: str
) -> PerspectiveDetail:
    """A perspective's profile, its position on each topic and its key documents."""
    p = content.perspective(perspective_id)
    views = []
    for t in content.topics.values():
        v = t.view(p.id)
        views.append((t, v.position, v.objection))
    docs = tuple(DocumentStatus(content.documents[d], progress.read_at(d)) for d in p.documents)
    return PerspectiveDetail(p, tuple(views), docs)


class ProgressSummary(NamedTuple):
    """Read counts overall and per perspective."""

    overall: Count
    by_perspective: dict[str, Count]
    next_document: Document | None
    balance: Balance

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``progress --json``."""
        return {
            "read": self.overall.read,
            "total": self.overall.total,
            "by_perspective": {pid: c.to_json() for pid, c in self.by_perspective.items()},
            "next": self.next_document.id if self.next_document else None,
            "balance": self.balance.to_json(),
        }


def summarize(content: Content, progress: Progress) -> ProgressSummary:
    """How far the reader has got, overall and per perspective."""
    by_perspective = {
        pid: count((d.id for d in content.documents.values() if pid in d.perspectives), progress)
        for pid in content.perspectives
    }
    return ProgressSummary(
        count(content.documents, progress),
        by_perspective,
        next_unread(content, progress),
        reading_balance(content, progress),
    )


def next_unread(content: Content, progress: Progress) -> Document | None:
    """The first unread document in reading order."""
    for doc in content.documents.values():
        if not progress.is_read(doc.id):
            return doc
    return None


def mark(content: Content, store: ProgressStore, ids: Iterable[str], status: Status) -> MarkResult:
    """Mark documents read or unread; every id is checked before anything is written."""
    resolved = [content.document(i).id for i in ids]
    return store.mark(resolved, status)


def mark_json(result: MarkResult) -> list[dict[str, Any]]:
    """The JSON form of ``read``/``unread --json``."""
    rows = []
    for change in result.changes:
        read_at = result.progress.read_at(change.document)
        rows.append(
            {
                "id": change.document,
                "status": change.status,
                "changed": change.changed,
                "read_at": read_at.isoformat() if read_at else None,
            }
        )
    return rows


# --- timeline and glossary ----------------------------------------------------------------


def timeline(
    content: Content,
    *,
    start: date | None = None,
    end: date | None = None,
    perspective: str | None = None,
    topic: str | None = None,
) -> list[Event]:
    """The events that overlap the period from *start* to *end* (inclusive days; an event
    dated only by month or year spans all of it), for a perspective or a topic."""
    if perspective is not None:
        perspective = content.perspective(perspective).id
    if topic is not None:
        topic = content.topic(topic).id
    events = []
    for event in content.events:
        if start and last_day(event.date) < start:
            continue
        if end and parse_partial_date(event.date) > end:
            continue
        if perspective is not None and perspective not in event.perspectives:
            continue
        if topic is not None and topic not in event.topics:
            continue
        events.append(event)
    return events


def event_json(event: Event) -> dict[str, Any]:
    """The JSON form of one entry of ``timeline --json``."""
    data: dict[str, Any] = {
        "date": event.date,
        "title": event.title,
        "kind": event.kind,
        "text": event.text or None,
        "documents": list(event.documents),
        "topics": list(event.topics),
        "perspectives": list(event.perspectives),
    }
    if event.members is not None:
        data["joined"] = list(event.joined)
        data["members"] = event.members
    return data


class MembershipStep(NamedTuple):
    """NATO's size after the states that joined in one year."""

    year: int
    members: int
    joined: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON form of one entry of ``timeline --chart --json``."""
        return {"year": self.year, "members": self.members, "joined": list(self.joined)}


def membership(content: Content) -> list[MembershipStep]:
    """How NATO grew: one step per year in which states joined."""
    steps: list[MembershipStep] = []
    for event in content.events:
        if event.members is None:
            continue
        year = parse_partial_date(event.date).year
        if steps and steps[-1].year == year:
            last = steps.pop()
            steps.append(MembershipStep(year, event.members, last.joined + event.joined))
        else:
            steps.append(MembershipStep(year, event.members, event.joined))
    return steps


def term_json(term: Term, *, detail: bool = False) -> dict[str, Any]:
    """The JSON form of a glossary entry (``detail`` adds usages and quotations)."""
    data: dict[str, Any] = {
        "id": term.id,
        "term": term.term,
        "summary": term.summary,
        "documents": list(term.documents),
        "topics": list(term.topics),
    }
    if detail:
        data["usages"] = [{"perspective": u.perspective, "text": u.text} for u in term.usages]
        data["quotes"] = [
            {"document": q.document, "pinpoint": q.pinpoint, "text": q.text} for q in term.quotes
        ]
    return data


# --- reading paths, next, balance ---------------------------------------------------------


class PathProgress(NamedTuple):
    """A reading path with the reader's position in it."""

    path: ReadingPath
    steps: tuple[tuple[PathStep, Document, datetime | None], ...]
    following: bool

    @property
    def position(self) -> int | None:
        """Index of the first step not yet read, or ``None`` when all are read."""
        for index, (_, _, read_at) in enumerate(self.steps):
            if read_at is None:
                return index
        return None

    @property
    def minutes_left(self) -> int:
        """Reading time of the steps not yet read."""
        return sum(step.minutes for step, _, read_at in self.steps if read_at is None)

    @property
    def done(self) -> int:
        """How many steps are read."""
        return sum(1 for _, _, read_at in self.steps if read_at is not None)

    def to_json(self, *, detail: bool = False) -> dict[str, Any]:
        """The JSON form of ``paths --json`` (``detail`` adds the steps, as in ``path NAME``)."""
        p = self.path
        data: dict[str, Any] = {
            "id": p.id,
            "title": p.title,
            "summary": p.summary,
            "minutes": p.minutes,
            "total_minutes": p.total_minutes,
            "perspective": p.perspective or None,
            "steps_total": len(self.steps),
            "steps_read": self.done,
            "minutes_left": self.minutes_left,
            "position": self.position,
            "following": self.following,
        }
        if detail:
            data["steps"] = [
                {
                    "document": step.document,
                    "title": doc.title,
                    "part": step.part or None,
                    "minutes": step.minutes,
                    "why": step.why,
                    "status": "read" if read_at else "unread",
                }
                for step, doc, read_at in self.steps
            ]
        return data


FOLLOWED_PATH = "path"  # top-level key of the progress file naming the path being followed


def followed_path(content: Content, progress: Progress) -> str | None:
    """The id of the path the reader follows, if it still exists."""
    value = progress.extra.get(FOLLOWED_PATH)
    return value if isinstance(value, str) and value in content.paths else None


def path_progress(content: Content, progress: Progress, path_id: str) -> PathProgress:
    """One path with the status of each step (raises for an unknown id)."""
    path = content.path(path_id)
    steps = tuple(
        (step, content.documents[step.document], progress.read_at(step.document))
        for step in path.steps
    )
    return PathProgress(path, steps, followed_path(content, progress) == path.id)


def list_paths(content: Content, progress: Progress) -> list[PathProgress]:
    """Every reading path with the reader's position in it."""
    return [path_progress(content, progress, pid) for pid in content.paths]


class Suggestion(NamedTuple):
    """The next document for this reader, and why."""

    document: Document | None
    reason: str
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``next --json``."""
        doc = self.document
        return {
            "id": doc.id if doc else None,
            "title": doc.title if doc else None,
            "minutes": doc.minutes if doc else None,
            "url": doc.url if doc else None,
            "reason": self.reason,
            "path": self.path,
        }


def suggest_next(content: Content, progress: Progress) -> Suggestion:
    """The single best next document: the next step of the followed path; for a reader who
    has read nothing, the start of the shortest path; else the side read least of, in its own
    words; else the next in reading order."""
    followed = followed_path(content, progress)
    if followed is not None:
        state = path_progress(content, progress, followed)
        if state.position is not None:
            step, doc, _ = state.steps[state.position]
            part = f" ({step.part})" if step.part else ""
            return Suggestion(
                doc,
                f"Step {state.position + 1} of {len(state.steps)} of your path "
                f"{state.path.title}{part}: {' '.join(step.why.split())}",
                followed,
            )
    if content.paths and not any(progress.is_read(d) for d in content.documents):
        first = min(content.paths.values(), key=lambda p: p.minutes)
        step = first.steps[0]
        part = f" ({step.part})" if step.part else ""
        return Suggestion(
            content.documents[step.document],
            f"A place to start: the first text of {first.title}{part}. "
            f"Follow the whole path with: nato-guide path {first.id} --follow",
        )
    balance = reading_balance(content, progress)
    candidates = sorted(
        (c.fraction, order, pid)
        for order, (pid, c) in enumerate(balance.own_words.items())
        if c.read < c.total
    )
    if candidates:
        _, _, pid = candidates[0]
        p = content.perspectives[pid]
        own = next(content.documents[d] for d in p.documents if not progress.is_read(d))
        c = balance.own_words[pid]
        return Suggestion(
            own,
            f"You have read least of {p.name} in its own words ({c.read} of {c.total}).",
        )
    unread = next_unread(content, progress)
    if unread is not None:
        return Suggestion(unread, "The next unread document in reading order.")
    return Suggestion(None, "You have read every document in the guide.")


class Lopsided(NamedTuple):
    """A lopsided reading: much of one side's own texts, none of others'."""

    most: str
    read: int
    missing: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the nudge."""
        return {"most": self.most, "read": self.read, "missing": list(self.missing)}


class Balance(NamedTuple):
    """How the reader's reading splits across the perspectives' own texts."""

    own_words: dict[str, Count]
    lopsided: Lopsided | None

    def to_json(self) -> dict[str, Any]:
        """The JSON form of the ``balance`` part of ``progress --json``."""
        return {
            "own_words": {pid: c.to_json() for pid, c in self.own_words.items()},
            "nudge": self.lopsided.to_json() if self.lopsided else None,
        }


def reading_balance(content: Content, progress: Progress) -> Balance:
    """Reads per perspective among the texts it speaks through, flagging a lopsided
    reading (one side read twice or more, another not at all)."""
    own = {pid: count(p.documents, progress) for pid, p in content.perspectives.items()}
    most = max(own.items(), key=lambda item: item[1].read, default=None)
    lopsided = None
    if most is not None and most[1].read >= 2:
        missing = tuple(pid for pid, c in own.items() if c.read == 0 and c.total)
        if missing:
            lopsided = Lopsided(most[0], most[1].read, missing)
    return Balance(own, lopsided)


def start_topic(content: Content, progress: Progress) -> Topic | None:
    """Where to start: the first topic with unread documents, else the first topic."""
    for row in list_topics(content, progress):
        if row.documents.read < row.documents.total:
            return row.topic
    return next(iter(content.topics.values()), None)


# --- the reader's notes, stances and self-test ------------------------------------------------


def note_target(content: Content, target: str) -> tuple[str, str]:
    """The kind and title of what a note is about: a document, topic or perspective id."""
    key = target.strip().casefold()
    if key in content.documents:
        return "document", content.documents[key].title
    if key in content.topics:
        return "topic", content.topics[key].title
    if key in content.perspectives:
        return "perspective", content.perspectives[key].name
    from nato_guide.errors import UnknownIdError

    known = [*content.documents, *content.topics, *content.perspectives]
    raise UnknownIdError("document, topic or perspective", target, known)


def notes_on(progress: Progress, target: str | None = None) -> list[Note]:
    """The live notes, on one target or on all, oldest first."""
    return [n for n in progress.live_notes if target is None or n.target == target]


def note_json(note: Note, content: Content) -> dict[str, Any]:
    """The JSON form of one entry of ``notes --json``."""
    kind, title = note_target(content, note.target) if _known(content, note.target) else ("", "")
    return {
        "id": note.id,
        "target": note.target,
        "target_kind": kind or None,
        "target_title": title or None,
        "perspective": note.perspective or None,
        "text": note.text,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
    }


def _known(content: Content, target: str) -> bool:
    return target in content.documents or target in content.topics or target in content.perspectives


def pick_questions(
    content: Content, progress: Progress, *, topic: str | None = None, count: int = 5
) -> list[Question]:
    """Questions to ask next: those not yet answered right first, in guide order."""
    if topic is not None:
        topic = content.topic(topic).id
    right = {r.question for r in progress.quiz if r.correct}
    pool = [q for q in content.questions if topic is None or q.topic == topic]
    fresh = [q for q in pool if q.id not in right]
    return (fresh or pool)[:count]


def question_json(q: Question, content: Content) -> dict[str, Any]:
    """The JSON form of one question of ``quiz --json``."""
    return {
        "id": q.id,
        "topic": q.topic,
        "kind": q.kind,
        "text": q.text,
        "choices": list(q.choices) or None,
        "answer": q.right_answer,
        "explanation": q.explanation,
        "document": q.document,
        "pinpoint": q.pinpoint,
    }


class QuizStats(NamedTuple):
    """How the reader has done in the self-test."""

    answered: int
    correct: int
    questions_right: int
    questions_total: int

    def to_json(self) -> dict[str, int]:
        """The JSON form of the ``quiz`` part of ``progress --json``."""
        return {
            "answered": self.answered,
            "correct": self.correct,
            "questions_right": self.questions_right,
            "questions_total": self.questions_total,
        }


def quiz_stats(content: Content, progress: Progress) -> QuizStats:
    """Answers given, answers right, and distinct questions answered right at least once."""
    right = {r.question for r in progress.quiz if r.correct}
    return QuizStats(
        len(progress.quiz),
        sum(r.correct for r in progress.quiz),
        len(right & {q.id for q in content.questions}),
        len(content.questions),
    )


def stance_json(stance: Stance) -> dict[str, Any]:
    """The JSON form of one entry of ``stance --history --json``."""
    return {
        "at": stance.at.isoformat(),
        "value": stance.value,
        "text": stance.text or None,
        "read": stance.read,
    }


TOUR_POSITION = "tour"  # top-level key of the progress file: the topic where the tour stopped


def tour_start(content: Content, progress: Progress) -> int:
    """Where the tour resumes: the topic it stopped at, else the first."""
    stopped = progress.extra.get(TOUR_POSITION)
    order = list(content.topics)
    return order.index(stopped) if isinstance(stopped, str) and stopped in order else 0


def quoted_sources(content: Content, topic: Topic, *texts: str) -> list[Quote]:
    """The registered quotations that the double-quoted passages of *texts* come from, in
    order of appearance, so a reader can check each one (document and pinpoint)."""
    import re

    quoted = re.compile(r'"([^"]+)"|“([^”]+)”')
    pool = list(topic.quotes) + [
        q for d in topic.all_documents for q in content.documents[d].quotes
    ]
    found: list[Quote] = []
    for text in texts:
        for a, b in quoted.findall(" ".join(text.split())):
            passage = (a or b).replace("\u2019", "'")
            quote = next(
                (q for q in pool if passage in " ".join(q.text.split()).replace("\u2019", "'")),
                None,
            )
            if quote is not None and quote not in found:
                found.append(quote)
    return found
