"""Full-text search over the guide: topics, the perspectives' arguments, the record,
documents, the timeline and the glossary.

Matching ignores case and accents ("Kyiv" finds "KYIV", "Wörner" finds "Worner"); every word
of the query must appear in a field; hits are ranked by where the words appear (a title counts
more than a paragraph) and how often, with a bonus when the query appears as a phrase.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from nato_guide.content import Content
from nato_guide.errors import UsageError

SNIPPET = 160  # characters of context shown around a match

# Weights by kind of field: a hit in a title says more than one in a long argument.
TITLE, HEADLINE, SUMMARY, BODY = 6.0, 3.0, 2.0, 1.0


class Hit(NamedTuple):
    """One matching field, with a snippet and where to open it."""

    kind: str
    id: str
    title: str
    where: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    score: float
    command: str

    def to_json(self) -> dict[str, Any]:
        """The JSON form of one entry of ``search --json``."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "where": self.where,
            "snippet": self.snippet,
            "spans": [list(span) for span in self.spans],
            "score": round(self.score, 3),
            "command": self.command,
        }


def fold(text: str) -> tuple[str, list[int]]:
    """Case- and accent-folded text, with the index in *text* of every folded character."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                where.append(index)
    return "".join(out), where


class _Field(NamedTuple):
    kind: str
    id: str
    title: str
    where: str
    text: str
    weight: float
    command: str


def _fields(content: Content) -> Iterator[_Field]:
    for t in content.topics.values():
        cmd = f"nato-guide topic {t.id}"
        yield _Field("topic", t.id, t.title, "title", t.title, TITLE, cmd)
        yield _Field("topic", t.id, t.title, "question", t.question, HEADLINE, cmd)
        yield _Field("topic", t.id, t.title, "summary", t.summary, SUMMARY, cmd)
        for v in t.views:
            name = content.perspectives[v.perspective].name
            vcmd = f"{cmd} -p {v.perspective}"
            yield _Field("view", t.id, t.title, f"{name}: position", v.position, HEADLINE, vcmd)
            yield _Field("view", t.id, t.title, f"{name}: argument", v.argument, BODY, vcmd)
            yield _Field("view", t.id, t.title, f"{name}: objection", v.objection, BODY, vcmd)
        for fact in t.record:
            yield _Field("record", t.id, t.title, "what the record shows", fact.text, SUMMARY, cmd)
    for p in content.perspectives.values():
        cmd = f"nato-guide perspective {p.id}"
        yield _Field("perspective", p.id, p.name, "name", p.name, TITLE, cmd)
        yield _Field("perspective", p.id, p.name, "thesis", p.thesis, SUMMARY, cmd)
        yield _Field(
            "perspective", p.id, p.name, "who holds it", "; ".join(p.proponents), BODY, cmd
        )
    for d in content.documents.values():
        cmd = f"nato-guide doc {d.id}"
        yield _Field("document", d.id, d.title, "title", d.title, TITLE, cmd)
        yield _Field("document", d.id, d.title, "issuer", d.issuer, HEADLINE, cmd)
        yield _Field("document", d.id, d.title, "why it matters", d.why, SUMMARY, cmd)
        for r in d.readings:
            name = content.perspectives[r.perspective].name
            yield _Field("reading", d.id, d.title, f"as {name} reads it", r.text, BODY, cmd)
        for q in d.quotes:
            yield _Field("document", d.id, d.title, f"passage ({q.pinpoint})", q.text, SUMMARY, cmd)
    for e in content.events:
        cmd = f"nato-guide timeline --from {e.date} --to {e.date}"
        text = " ".join([e.title, e.text, ", ".join(e.joined)]).strip()
        yield _Field("event", e.date, e.title, e.date, text, HEADLINE, cmd)
    for term in content.terms.values():
        cmd = f"nato-guide glossary {term.id}"
        yield _Field("term", term.id, term.term, "term", term.term, TITLE, cmd)
        yield _Field("term", term.id, term.term, "summary", term.summary, SUMMARY, cmd)
        for u in term.usages:
            name = content.perspectives[u.perspective].name
            yield _Field("term", term.id, term.term, f"as {name} uses it", u.text, BODY, cmd)


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _spellings(word: str) -> tuple[str, ...]:
    """A query word folded, and its German transliteration (Wörner, Woerner) if different."""
    plain = fold(word)[0]
    german = fold(word.lower().translate(_TRANSLITERATION))[0]
    return (plain,) if german == plain else (plain, german)


def search(content: Content, query: str, *, limit: int = 20) -> list[Hit]:
    """The fields matching every word of *query*, best first."""
    raw = [w for w in query.split() if fold(w)[0]]  # a lone accent folds to nothing
    words = [_spellings(w) for w in raw]
    if not words or all(len(w[0]) < 2 for w in words):
        raise UsageError("search needs at least one word of two letters or more")
    phrase = fold(" ".join(raw))[0]
    hits: list[Hit] = []
    for field in _fields(content):
        flat = " ".join(field.text.split())
        folded, where = fold(flat)
        found = [next((s for s in spellings if s in folded), None) for spellings in words]
        if any(s is None for s in found):
            continue
        matched = [s for s in found if s is not None]
        score = field.weight * sum(folded.count(w) for w in matched)
        if len(matched) > 1 and phrase in folded:
            score *= 2
        snippet, spans = _snippet(flat, folded, where, matched)
        hits.append(
            Hit(
                field.kind, field.id, field.title, field.where, snippet, spans, score, field.command
            )
        )
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def _snippet(
    text: str, folded: str, where: list[int], words: list[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About :data:`SNIPPET` characters around the first match, with the match spans."""
    first = min(where[folded.index(w)] for w in words)
    start = max(0, first - SNIPPET // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    spans = []
    for w in words:
        at = folded.find(w)
        while at != -1:
            lo, hi = where[at], where[at + len(w) - 1] + 1
            if start <= lo and hi <= end:
                spans.append((lo - start + len(prefix), hi - start + len(prefix)))
            at = folded.find(w, at + 1)
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return prefix + text[start:end] + suffix, tuple(merged)
