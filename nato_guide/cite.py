"""Citations and exports of the reading list, as text in standard formats.

BibTeX and CSL-JSON are written to import cleanly into reference managers (Zotero, JabRef,
citeproc); the tests parse them with real parsers of each format.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from nato_guide.content import Content, Document
from nato_guide.progress import Note
from nato_guide.queries import DocumentStatus
from nato_guide.text import printable

FORMATS = ("bibtex", "csl-json", "chicago", "markdown")
EXPORT_FORMATS = ("markdown", "csv", "json")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: CSL item types (CSL 1.0.2) for the guide's kinds of document.
_CSL_TYPES = {
    "accession": "treaty",
    "agreement": "treaty",
    "application": "document",
    "briefing book": "report",
    "commentary": "article-magazine",
    "communiqué": "document",
    "declaration": "document",
    "diplomatic note": "document",
    "draft treaty": "treaty",
    "essay": "article-magazine",
    "memorandum": "document",
    "memorandum of conversation": "document",
    "negotiating proposal": "document",
    "policy document": "report",
    "political agreement": "document",
    "speech": "speech",
    "statute": "legislation",
    "study": "report",
    "treaty": "treaty",
    "web page": "webpage",
}


def _date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


def _human_date(iso: str) -> str:
    """``1994-12-05`` as ``December 5, 1994`` (Chicago style), partial dates as far as known."""
    parts = _date_parts(iso)
    if len(parts) == 3:
        return f"{_MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _bibtex_escape(text: str) -> str:
    replacements = {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
    return "".join(replacements.get(char, char) for char in " ".join(text.split()))


def bibtex(documents: Iterable[Document]) -> str:
    """BibTeX ``@misc`` entries (corporate authors braced so they are not split)."""
    entries = []
    for doc in documents:
        parts = _date_parts(doc.date)
        fields = [
            ("author", "{" + _bibtex_escape(doc.issuer) + "}"),
            ("title", "{" + _bibtex_escape(doc.title) + "}"),
            ("year", str(parts[0])),
        ]
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1][:3].lower()))
        if len(parts) > 2:
            fields.append(("day", str(parts[2])))
        fields += [
            ("howpublished", "\\url{" + doc.url + "}"),
            ("url", doc.url),
            ("note", _bibtex_escape(doc.kind.capitalize())),
        ]
        if doc.language:
            fields.append(("language", _bibtex_escape(doc.language)))
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        entries.append(f"@misc{{{doc.id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def csl_items(documents: Iterable[Document]) -> list[dict[str, Any]]:
    """CSL-JSON items (the format Zotero, Mendeley and citeproc read)."""
    items = []
    for doc in documents:
        item: dict[str, Any] = {
            "id": doc.id,
            "type": _CSL_TYPES.get(doc.kind, "document"),
            "title": " ".join(doc.title.split()),
            "author": [{"literal": " ".join(doc.issuer.split())}],
            "issued": {"date-parts": [_date_parts(doc.date)]},
            "URL": doc.url,
            "genre": doc.kind,
        }
        if doc.language:
            item["language"] = doc.language
        items.append(item)
    return items


def csl_json(documents: Iterable[Document]) -> str:
    """CSL-JSON as text."""
    return json.dumps(csl_items(documents), ensure_ascii=False, indent=2) + "\n"


def chicago(documents: Iterable[Document]) -> str:
    """Chicago-style bibliography entries, one per line."""
    lines = []
    for doc in documents:
        issuer = " ".join(doc.issuer.split()).rstrip(".")
        title = " ".join(doc.title.split()).rstrip(".")
        lines.append(
            f"{issuer}. “{title}.” {doc.kind.capitalize()}, {_human_date(doc.date)}. {doc.url}."
        )
    return "\n".join(lines) + "\n"


def markdown(documents: Iterable[Document]) -> str:
    """A Markdown list of links with issuer and date."""
    return (
        "\n".join(
            f"- [{' '.join(d.title.split())}]({d.url}) — {' '.join(d.issuer.split())}, "
            f"{d.date} ({d.kind})"
            for d in documents
        )
        + "\n"
    )


def cite(documents: Sequence[Document], fmt: str) -> str:
    """Citations of *documents* in one of :data:`FORMATS`."""
    writers = {"bibtex": bibtex, "csl-json": csl_json, "chicago": chicago, "markdown": markdown}
    return writers[fmt](documents)


def export(rows: Sequence[DocumentStatus], fmt: str, *, question: str = "") -> str:
    """The reading list with the reader's status in one of :data:`EXPORT_FORMATS`."""
    if fmt == "json":
        return json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(
            ["id", "title", "date", "issuer", "kind", "minutes", "url", "status", "read_at"]
        )
        for row in rows:
            d = row.document
            writer.writerow(
                [
                    d.id,
                    " ".join(d.title.split()),
                    d.date,
                    " ".join(d.issuer.split()),
                    d.kind,
                    d.minutes,
                    d.url,
                    row.status,
                    row.read_at.isoformat() if row.read_at else "",
                ]
            )
        return buffer.getvalue()
    read = sum(1 for r in rows if r.read_at)
    lines = [
        f"# Reading list: {question}" if question else "# Reading list",
        "",
        f"{read} of {len(rows)} read.",
        "",
    ]
    for row in rows:
        d = row.document
        mark = "x" if row.read_at else " "
        when = f", read {row.read_at:%Y-%m-%d}" if row.read_at else ""
        lines.append(
            f"- [{mark}] [{' '.join(d.title.split())}]({d.url}) — "
            f"{' '.join(d.issuer.split())}, {d.date}; {d.kind}, {d.minutes} min{when}"
        )
    return "\n".join(lines) + "\n"


def brief(content: Content, notes: Sequence[Note], *, today: str) -> str:
    """A Markdown position brief: the reader's notes under each perspective, each with
    citations of the documents it concerns, and the works cited at the end."""

    def concerns(note: Note) -> list[Document]:
        if note.target in content.documents:
            return [content.documents[note.target]]
        if note.target in content.topics:
            return [content.documents[d] for d in content.topics[note.target].documents[:3]]
        if note.target in content.perspectives:
            ids = content.perspectives[note.target].documents[:3]
            return [content.documents[d] for d in ids]
        return []

    def about(note: Note) -> str:
        for table in (content.documents, content.topics):
            if note.target in table:
                item = table[note.target]
                return " ".join(item.title.split())
        if note.target in content.perspectives:
            return content.perspectives[note.target].name
        return note.target

    sections: dict[str, list[Note]] = {pid: [] for pid in content.perspectives}
    other: list[Note] = []
    for note in notes:
        side = note.perspective or (note.target if note.target in content.perspectives else "")
        sections.get(side, other).append(note)
    lines = [f"# Position brief: {content.question}", "", f"From my notes, {today}.", ""]
    cited: dict[str, Document] = {}
    groups = [(content.perspectives[pid].name, items) for pid, items in sections.items()]
    groups.append(("Other notes", other))
    for heading, items in groups:
        if not items:
            continue
        lines += [f"## {heading}", ""]
        for note in items:
            text = " ".join(printable(note.text).split())
            lines.append(f"- {text} (on {about(note)})")
            for doc in concerns(note):
                cited[doc.id] = doc
                lines.append(f"  - Source: {chicago([doc]).strip()}")
        lines.append("")
    if cited:
        lines += ["## Works cited", ""]
        lines += [
            f"- {line}"
            for line in chicago(sorted(cited.values(), key=lambda d: d.date)).splitlines()
        ]
        lines.append("")
    if len(lines) == 4:
        lines.append('No notes yet: add some with nato-guide note ID "text".')
    return "\n".join(lines).rstrip() + "\n"
