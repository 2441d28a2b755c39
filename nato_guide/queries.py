"""Questions the guide answers about its content and the reader's progress.

Every function here returns plain data (frozen dataclasses with a ``to_json`` method); the
CLI layer decides how to show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from nato_guide.content import (
    Content,
    Document,
    Event,
    Perspective,
    Term,
    Topic,
    parse_partial_date,
)
from nato_guide.errors import UsageError
from nato_guide.progress import Change, Progress, ProgressStore, Status


@dataclass(frozen=True, slots=True)
class Count:
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


@dataclass(frozen=True, slots=True)
class DocumentStatus:
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
        }
        if detail:
            data["why"] = doc.why
            data["words"] = doc.words
            data["length_note"] = doc.length_note or None
            data["readings"] = [
                {"perspective": r.perspective, "text": r.text} for r in doc.readings
            ]
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


@dataclass(frozen=True, slots=True)
class TopicSummary:
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


@dataclass(frozen=True, slots=True)
class TopicDetail:
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


@dataclass(frozen=True, slots=True)
class PerspectiveDetail:
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


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """Read counts overall and per perspective."""

    overall: Count
    by_perspective: dict[str, Count]
    next_document: Document | None

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``progress --json``."""
        return {
            "read": self.overall.read,
            "total": self.overall.total,
            "by_perspective": {pid: c.to_json() for pid, c in self.by_perspective.items()},
            "next": self.next_document.id if self.next_document else None,
        }


def summarize(content: Content, progress: Progress) -> ProgressSummary:
    """How far the reader has got, overall and per perspective."""
    by_perspective = {
        pid: count((d.id for d in content.documents.values() if pid in d.perspectives), progress)
        for pid in content.perspectives
    }
    return ProgressSummary(
        count(content.documents, progress), by_perspective, next_unread(content, progress)
    )


def next_unread(content: Content, progress: Progress) -> Document | None:
    """The first unread document in reading order."""
    for doc in content.documents.values():
        if not progress.is_read(doc.id):
            return doc
    return None


def status_filter(*, read: bool, unread: bool) -> Status | None:
    """Turn the ``--read``/``--unread`` flags into one status filter."""
    if read and unread:
        raise UsageError("--read and --unread exclude each other; give one or neither")
    return "read" if read else "unread" if unread else None


def mark(
    content: Content, store: ProgressStore, ids: Iterable[str], status: Status
) -> list[Change]:
    """Mark documents read or unread; every id is checked before anything is written."""
    resolved = [content.document(i).id for i in ids]
    return store.mark(resolved, status)


# --- timeline and glossary ----------------------------------------------------------------


def period_bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """Turn ``--from``/``--to`` (a year, a year-month or a full date) into inclusive days."""

    def parse(value: str, *, last: bool) -> date:
        try:
            first = parse_partial_date(value.strip())
        except ValueError:
            raise UsageError(
                f"{value!r} is not a year or an ISO date (e.g. 1990, 2014-03)"
            ) from None
        if not last:
            return first
        parts = value.strip().count("-")
        if parts == 0:
            return date(first.year, 12, 31)
        if parts == 1:
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return first

    lower = parse(start, last=False) if start else None
    upper = parse(end, last=True) if end else None
    if lower and upper and lower > upper:
        raise UsageError(f"--from {start} comes after --to {end}")
    return lower, upper


def timeline(
    content: Content,
    *,
    start: str | None = None,
    end: str | None = None,
    perspective: str | None = None,
    topic: str | None = None,
) -> list[Event]:
    """The events of the timeline, optionally within a period, for a perspective or topic."""
    lower, upper = period_bounds(start, end)
    if perspective is not None:
        perspective = content.perspective(perspective).id
    if topic is not None:
        topic = content.topic(topic).id
    events = []
    for event in content.events:
        day = parse_partial_date(event.date)
        if lower and day < lower:
            continue
        if upper and day > upper:
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


@dataclass(frozen=True, slots=True)
class MembershipStep:
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
