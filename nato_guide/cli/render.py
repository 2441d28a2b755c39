"""Turn the core's answers into renderables for people (see :mod:`nato_guide.cli.layout`).

Renderers return renderables and print nothing. Every piece of text is a
:class:`~nato_guide.cli.layout.Text`, never markup, so content and reader input are shown
literally. Layout uses no colour to carry meaning: read status is a mark (``✓``), progress
is a bar of characters, so the output reads the same on a colourless terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from nato_guide.cli.layout import (
    ByWidth,
    Grid,
    Group,
    Lines,
    Padding,
    Renderable,
    Rows,
    Rule,
    Text,
)
from nato_guide.content import Content, Document, Event, Question, Quote, Term, Topic
from nato_guide.progress import Change, Note, Progress, Stance
from nato_guide.queries import (
    Count,
    DocumentStatus,
    MembershipStep,
    PathProgress,
    PerspectiveDetail,
    ProgressSummary,
    QuizStats,
    Suggestion,
    TopicDetail,
    TopicSummary,
    quoted_sources,
)
from nato_guide.text import printable

if TYPE_CHECKING:
    from nato_guide.search import Hit

READ_MARK = "✓"
HEADING = "bold"
DIM = "dim"
ACCENT = "cyan"
BAR_WIDTH = 20


#: Below this width, tables give way to stacked lists so that nothing is cut short.
NARROW = 72


def _by_width(
    wide: Callable[[], Renderable], narrow: Callable[[], Renderable], at: int = NARROW
) -> ByWidth:
    """A table when there is room, a list when there is not (so ids and links are never
    cut on a narrow terminal)."""
    return ByWidth(wide, narrow, at)


def _rows(headers: Sequence[str], widths: Sequence[int | None]) -> Rows:
    return Rows(headers, widths, heading=HEADING, rule=DIM)


def paragraphs(text: str) -> list[str]:
    """Split content prose into paragraphs, re-flowing the lines of each."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def prose(text: str, *, style: str = "") -> Group:
    """Paragraphs separated by blank lines."""
    blocks: list[Renderable] = []
    for i, para in enumerate(paragraphs(text)):
        if i:
            blocks.append(Text(""))
        blocks.append(Text(para, style=style))
    return Group(*blocks)


def bar(count: Count, width: int = BAR_WIDTH) -> Text:
    """A progress bar made of characters, readable without colour."""
    filled = round(count.fraction * width) if count.total else 0
    text = Text()
    text.append("█" * filled, style="green")
    text.append("░" * (width - filled), style=DIM)
    return text


def _mark(status: DocumentStatus) -> Text:
    return Text(READ_MARK if status.read_at else " ", style="green")


def _doc_line(status: DocumentStatus) -> Text:
    doc = status.document
    line = Text()
    line.append(
        f"{READ_MARK if status.read_at else '·'} ", style="green" if status.read_at else DIM
    )
    line.append(doc.title)
    line.append(f"  ({doc.date}, {doc.minutes} min)", style=DIM)
    line.append(f"\n  {doc.id}", style=ACCENT)
    return line


def bullets(rows: Iterable[tuple[Text, Text]], *, indent: int = 0) -> Renderable:
    """A list whose wrapped lines hang under their text, not under the mark."""
    grid = Grid(gap=1)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, body in rows:
        grid.add_row(mark, body)
    return Padding(grid, (0, 0, 0, indent)) if indent else grid


def _heading(text: str) -> Rule:
    return Rule(Text(text, style=HEADING), style=DIM)


# --- welcome ---------------------------------------------------------------------------


def welcome(
    content: Content,
    summary: ProgressSummary,
    start_topic: Topic | None,
    version: str,
    suggestion: Suggestion | None = None,
) -> Renderable:
    """The screen shown by ``nato-guide`` with no arguments."""
    parts: list[Renderable] = []
    parts.append(Text.assemble(("nato-guide ", DIM), (f"{version}", DIM)))
    parts.append(Text(content.question, style="bold"))
    parts.append(Text(""))
    parts.append(prose(content.intro))
    parts.append(Text(""))

    grid = Grid(gap=2)
    grid.add_column(style=ACCENT, no_wrap=True)
    grid.add_column()
    for p in content.perspectives.values():
        grid.add_row(p.id, Text(p.name))
    parts.append(Text("Five perspectives", style=HEADING))
    parts.append(Padding(grid, (0, 0, 0, 2)))
    parts.append(Text(""))

    overall = summary.overall
    line = Text.assemble(
        ("Your progress  ", HEADING),
        bar(overall),
        f"  {overall.read} of {overall.total} documents read",
    )
    parts.append(line)
    doc = suggestion.document if suggestion is not None else summary.next_document
    if doc is not None:
        parts.append(
            Text.assemble(
                ("Read next      ", HEADING),
                doc.title,
                (f" ({doc.minutes} min): ", DIM),
                (f"nato-guide doc {doc.id}", ACCENT),
            )
        )
        if suggestion is not None:
            parts.append(
                Padding(Text(" ".join(suggestion.reason.split()), style=DIM), (0, 0, 0, 15))
            )
    else:
        parts.append(Text("You have read every document in the guide.", style="green"))
    parts.append(Text(""))

    steps = Grid(gap=2)
    steps.add_column(style=ACCENT, no_wrap=True)
    steps.add_column(style=DIM)
    steps.add_row("nato-guide topics", "the questions, with your progress")
    if start_topic is not None:
        steps.add_row(f"nato-guide topic {start_topic.id}", "a topic argued from every side")
    steps.add_row("nato-guide perspectives", "who argues what")
    steps.add_row("nato-guide tour", "the topics one screen at a time")
    steps.add_row("nato-guide next", "the best next document for you, and why")
    steps.add_row("nato-guide paths", "reading paths from 30 minutes to a weekend")
    steps.add_row("nato-guide docs --unread", "the primary documents you have not read")
    steps.add_row("nato-guide read ID", "mark a document read")
    steps.add_row("nato-guide timeline", "1949 to 2024, and NATO's growth by year")
    steps.add_row("nato-guide glossary", "the loaded words each side uses differently")
    steps.add_row("nato-guide search WORDS", "find anything in the guide")
    steps.add_row("nato-guide quiz", "test yourself on the record")
    steps.add_row("nato-guide --help", "every command")
    parts.append(Text("What to do next", style=HEADING))
    parts.append(Padding(steps, (0, 0, 0, 2)))
    return Group(*parts)


# --- topics ----------------------------------------------------------------------------


def topics(rows: Sequence[TopicSummary]) -> Renderable:
    """The list of topics with their questions and read counts."""
    width = max(len(str(len(rows))), 1)
    count_width = max(4, max(len(f"{r.documents.read}/{r.documents.total}") for r in rows))
    table = _rows(["#", "Topic", "Read"], [width, None, count_width])
    for n, row in enumerate(rows, 1):
        t = row.topic
        table.add_row(
            [(str(n), DIM)],
            [(t.title, HEADING), (t.question, ""), (f"nato-guide topic {t.id}", ACCENT)],
            [(f"{row.documents.read}/{row.documents.total}", "")],
            right=True,
        )
    footer = Text(
        "Read counts cover every document a topic refers to. "
        "Narrow a topic to one side with --perspective.",
        style=DIM,
    )

    def stacked() -> Group:
        items: list[Renderable] = []
        for n, row in enumerate(rows, 1):
            t = row.topic
            item = Text(f"{n}. {t.title}", style=HEADING)
            item.append(f"\n{t.question}")
            item.append(f"\n{row.documents.read}/{row.documents.total} read · ", style=DIM)
            item.append(f"nato-guide topic {t.id}", style=ACCENT)
            items.append(Padding(item, (0, 0, 1, 0)))
        return Group(*items)

    return Group(_by_width(lambda: table, stacked, at=40), Text(""), footer)


def topic(detail: TopicDetail, content: Content) -> Renderable:
    """A topic run in the terminal: framing, each perspective's case, the record."""
    t = detail.topic
    parts: list[Renderable] = [
        Text(t.title, style="bold"),
        Text(t.question, style="italic"),
        Text(""),
        prose(t.summary),
        Text(""),
    ]
    read = {s.document.id for s in detail.documents if s.read_at}
    for view in t.views:
        if view.perspective not in detail.perspectives:
            continue
        p = content.perspectives[view.perspective]
        parts.append(_heading(p.name))
        parts.append(Text.assemble(("Position: ", HEADING), view.position))
        parts.append(Text(""))
        parts.append(prose(view.argument))
        parts.append(Text(""))
        parts.append(Text("Leans on", style=HEADING))
        parts.append(_document_refs(view.documents, content, read))
        parts.append(Text(""))
        parts.append(Text("Strongest objection", style=HEADING))
        parts.append(Padding(prose(view.objection), (0, 0, 0, 2)))
        parts.append(Text(""))
        sources = quoted_sources(content, t, view.position, view.argument, view.objection)
        if sources:
            parts.append(Text("Quoted from", style=DIM))
            parts.append(_quote_refs(sources, content))
            parts.append(Text(""))
    parts.append(_heading("What the record shows"))
    rows = []
    for fact in t.record:
        body = Text(" ".join(fact.text.split()))
        body.append(f"  [{', '.join(fact.documents)}]", style=DIM)
        rows.append((Text("•"), body))
    parts.append(bullets(rows))
    record_sources = quoted_sources(content, t, *(f.text for f in t.record))
    if record_sources:
        parts.append(Text("Quoted from", style=DIM))
        parts.append(_quote_refs(record_sources, content))
    parts.append(Text(""))
    parts.append(_heading("Read next"))
    for status in detail.documents:
        parts.append(Padding(_doc_line(status), (0, 0, 0, 2)))
    if len(detail.perspectives) == 1:
        parts.append(Text(""))
        parts.append(Text(f"All five perspectives: nato-guide topic {t.id}", style=DIM))
    return Group(*parts)


def _quote_refs(quotes: Sequence[Quote], content: Content) -> Renderable:
    """Where each quoted passage is: the document, the pinpoint, the id to open."""
    rows = []
    for q in quotes:
        body = Text(content.documents[q.document].title)
        body.append(f", {q.pinpoint} ", style=DIM)
        body.append(q.document, style=ACCENT)
        rows.append((Text("·", style=DIM), body))
    return bullets(rows, indent=2)


def _document_refs(ids: Iterable[str], content: Content, read: set[str]) -> Renderable:
    rows = []
    for did in ids:
        doc = content.documents[did]
        mark = Text(READ_MARK if did in read else "·", style="green" if did in read else DIM)
        body = Text(doc.title)
        body.append(f" ({doc.date}) ", style=DIM)
        body.append(did, style=ACCENT)
        rows.append((mark, body))
    return bullets(rows, indent=2)


# --- perspectives ----------------------------------------------------------------------


def perspectives(content: Content) -> Renderable:
    """The five perspectives with who holds them and their theses."""
    parts: list[Renderable] = []
    for p in content.perspectives.values():
        parts.append(_heading(f"{p.name}  ({p.id})"))
        parts.append(prose(p.thesis))
        parts.append(Text.assemble(("Held by: ", HEADING), ("; ".join(p.proponents), DIM)))
        parts.append(Text(""))
    parts.append(Text("More: nato-guide perspective ID", style=DIM))
    return Group(*parts)


def perspective(detail: PerspectiveDetail) -> Renderable:
    """One perspective's profile and its case across the topics."""
    p = detail.perspective
    parts: list[Renderable] = [Text(p.name, style="bold"), Text("")]
    parts.append(prose(p.thesis))
    parts.append(Text(""))
    parts.append(Text("Who holds it", style=HEADING))
    for who in p.proponents:
        parts.append(Padding(Text(f"• {who}"), (0, 0, 0, 2)))
    parts.append(Text(""))
    parts.append(Text("What it assumes", style=HEADING))
    for a in p.assumptions:
        parts.append(Padding(Text(f"• {' '.join(a.split())}"), (0, 0, 0, 2)))
    parts.append(Text(""))
    parts.append(Text("What would weaken it", style=HEADING))
    parts.append(Padding(prose(p.weakened_by), (0, 0, 0, 2)))
    parts.append(Text(""))
    parts.append(_heading("Across the topics"))
    for t, position, _objection in detail.views:
        item = Text()
        item.append(t.title, style=HEADING)
        item.append(f"\n{' '.join(position.split())}")
        item.append(f"\nnato-guide topic {t.id} -p {p.id}", style=ACCENT)
        parts.append(Padding(item, (0, 0, 1, 2)))
    parts.append(_heading("In its own words"))
    for status in detail.documents:
        parts.append(Padding(_doc_line(status), (0, 0, 0, 2)))
    return Group(*parts)


# --- documents -------------------------------------------------------------------------


def documents(rows: Sequence[DocumentStatus], *, total: int) -> Renderable:
    """The reading list in reading order."""
    if not rows:
        return Text("No documents match.", style=DIM)
    read = sum(1 for r in rows if r.read_at)
    minutes_left = sum(r.document.minutes for r in rows if not r.read_at)
    shown = f"{len(rows)} of {total} documents" if len(rows) != total else f"{total} documents"
    footer = Text(
        f"{shown} · {read} read · about {minutes_left} min of reading left · "
        "details: nato-guide doc ID",
        style=DIM,
    )
    return Group(_by_width(lambda: _documents_table(rows), lambda: _documents_list(rows)), footer)


def _documents_table(rows: Sequence[DocumentStatus]) -> Rows:
    kind_width = min(16, max(len(r.document.kind) for r in rows))
    table = _rows([READ_MARK, "Date", "Document", "Kind", "Min"], [1, 10, None, kind_width, 3])
    for row in rows:
        doc = row.document
        table.add_row(
            [(READ_MARK if row.read_at else "", "green")],
            [(doc.date, DIM)],
            [
                (doc.title + ("  (yours)" if doc.own else ""), ""),
                (doc.issuer, DIM),
                (doc.id, ACCENT),
            ],
            [(doc.kind, DIM)],
            [(str(doc.minutes), "")],
            right=True,
        )
    return table


def _documents_list(rows: Sequence[DocumentStatus]) -> Group:
    items: list[Renderable] = []
    for row in rows:
        doc = row.document
        item = Text()
        item.append(f"{READ_MARK if row.read_at else '·'} ", style="green" if row.read_at else DIM)
        item.append(f"{doc.date} · {doc.kind} · {doc.minutes} min", style=DIM)
        item.append(f"\n{doc.title}" + ("  (yours)" if doc.own else ""))
        item.append(f"\n{doc.id}", style=ACCENT)
        items.append(Padding(item, (0, 0, 1, 0)))
    return Group(*items)


def document(status: DocumentStatus, content: Content) -> Renderable:
    """One document's card."""
    doc = status.document
    facts = Grid(gap=2)
    facts.add_column(style=HEADING, no_wrap=True)
    facts.add_column()
    facts.add_row("Date", doc.date)
    facts.add_row("Issuer", doc.issuer)
    facts.add_row("Kind", doc.kind)
    facts.add_row("Link", Text(doc.url, style=f"link {doc.url}"))
    if doc.archive_url:
        facts.add_row("Archive", Text(doc.archive_url, style=f"link {doc.archive_url}"))
    if doc.link_text or doc.language:
        what = doc.link_text or "text"
        if doc.language:
            what += f"; original language: {doc.language}"
            if doc.translation:
                what += "; linked in translation"
        facts.add_row("The link gives", what)
    facts.add_row("Reading time", f"about {doc.minutes} min")
    if doc.length_note:
        facts.add_row("Length", Text(" ".join(doc.length_note.split()), style=DIM))
    if status.read_at:
        facts.add_row(
            "Status", Text(f"{READ_MARK} read on {status.read_at:%Y-%m-%d}", style="green")
        )
    else:
        facts.add_row("Status", Text(f"unread · mark it: nato-guide read {doc.id}"))
    if doc.topics:
        facts.add_row("Topics", Text(", ".join(doc.topics), style=ACCENT))
    parts: list[Renderable] = [Text(doc.title, style="bold"), Text(""), facts, Text("")]
    parts.append(_heading("Why it matters"))
    parts.append(prose(doc.why))
    if doc.provenance:
        parts.append(Text(""))
        parts.append(Text.assemble(("Provenance: ", HEADING), " ".join(doc.provenance.split())))
    if doc.kind == "commentary":
        parts.append(Text("Commentary, not a primary document.", style=DIM))
    if doc.quotes:
        parts.append(Text(""))
        parts.append(_heading("Key passages"))
        for q in doc.quotes:
            parts.append(
                Padding(Text.assemble(f"“{q.text}”", (f"  ({q.pinpoint})", DIM)), (0, 0, 0, 2))
            )
    if doc.readings:
        parts.append(Text(""))
        parts.append(_heading("How the perspectives read it"))
        for r in doc.readings:
            name = content.perspectives[r.perspective].name
            parts.append(Text(name, style=HEADING))
            reading: list[Renderable] = [prose(r.text)]
            if r.passage:
                pinpoint = next((q.pinpoint for q in doc.quotes if r.passage in q.text), "")
                reading.append(
                    Text.assemble(("Leans on: ", DIM), f"“{r.passage}”", (f" ({pinpoint})", DIM))
                )
            parts.append(Padding(Group(*reading), (0, 0, 1, 2)))
    elif doc.perspectives:
        parts.append(Text(""))
        names = ", ".join(content.perspectives[p].name for p in doc.perspectives)
        parts.append(Text.assemble(("Cited by: ", HEADING), names))
    return Group(*parts)


def changes(results: Sequence[Change], content: Content, *, total_read: int) -> Renderable:
    """What ``read``/``unread`` did, one line per document."""
    lines = Text()
    for n, change in enumerate(results):
        if n:
            lines.append("\n")
        title = content.documents[change.document].title
        if change.status == "read":
            if change.changed:
                lines.append(f"{READ_MARK} marked read: ", style="green")
            else:
                when = f" on {change.at:%Y-%m-%d}" if change.at else ""
                lines.append(f"{READ_MARK} already read{when}: ", style=DIM)
        else:
            lines.append("· marked unread: " if change.changed else "· already unread: ", style=DIM)
        lines.append(title)
    lines.append(f"\n{total_read} of {len(content.documents)} documents read.", style=DIM)
    return lines


# --- progress --------------------------------------------------------------------------


def _balance(summary: ProgressSummary, content: Content) -> Renderable:
    """How reading splits across the sides' own texts, with a nudge when lopsided."""
    lines: list[Renderable] = [Text("Balance: each side in its own words", style=HEADING)]
    rows = []
    for pid, c in summary.balance.own_words.items():
        body = Text(f"{content.perspectives[pid].short:<12} ")
        body.append_text(bar(c, width=10))
        body.append(f" {c.read}/{c.total}")
        rows.append((Text(""), body))
    lines.append(bullets(rows, indent=0))
    lopsided = summary.balance.lopsided
    if lopsided is not None:
        names = content.perspectives
        missing = " or ".join(names[pid].name for pid in lopsided.missing)
        lines.append(
            Text(
                f"You have read {lopsided.read} texts of {names[lopsided.most].name} and none "
                f"of {missing}. Try: nato-guide docs --unread -p {lopsided.missing[0]}",
                style="yellow",
            )
        )
    return Group(*lines)


def progress(
    summary: ProgressSummary,
    content: Content,
    *,
    quiz: QuizStats | None = None,
    stance: Stance | None = None,
) -> Renderable:
    """Read counts overall and per perspective, with bars."""
    overall = summary.overall
    rows = [("All documents", overall)] + [
        (content.perspectives[pid].name, c) for pid, c in summary.by_perspective.items()
    ]

    def wide() -> Grid:
        table = Grid(gap=2)
        table.add_column(style=HEADING, no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for name, c in rows:
            table.add_row(name, bar(c), f"{c.read}/{c.total}")
        return table

    def narrow() -> Group:
        lines: list[Renderable] = []
        for name, c in rows:
            lines.append(Text(name, style=HEADING))
            lines.append(Text.assemble(bar(c, width=12), f"  {c.read}/{c.total}"))
        return Group(*lines)

    parts: list[Renderable] = [
        Text(f"Your reading: {overall.read} of {overall.total} documents", style="bold"),
        Text(""),
        _by_width(wide, narrow),
        Text(""),
        Text(
            "A perspective's count covers the documents it leans on: its reading list and "
            "the sources of its arguments.",
            style=DIM,
        ),
        Text(""),
        _balance(summary, content),
    ]
    if quiz is not None and quiz.answered:
        parts.append(Text(""))
        parts.append(
            Text.assemble(
                ("Self-test: ", HEADING),
                f"{quiz.correct} of {quiz.answered} answers right; "
                f"{quiz.questions_right} of {quiz.questions_total} questions answered right once",
            )
        )
    if stance is not None:
        parts.append(
            Text.assemble(
                ("Your stance: ", HEADING),
                f"{stance.value}/100 on {stance.at:%Y-%m-%d}",
                (" (nato-guide stance --history)", DIM),
            )
        )
    if summary.next_document is not None:
        doc: Document = summary.next_document
        parts.append(
            Text.assemble(
                ("Read next: ", HEADING),
                doc.title,
                (f" ({doc.minutes} min) ", DIM),
                (f"nato-guide doc {doc.id}", ACCENT),
            )
        )
    return Group(*parts)


# --- timeline and glossary ---------------------------------------------------------------


def timeline(events: Sequence[Event], *, chart: Sequence[MembershipStep] = ()) -> Renderable:
    """Dated events, each with what it links to; then, if given, the membership chart."""
    if not events and not chart:
        return Text("No events match.", style=DIM)
    parts: list[Renderable] = []
    if events:
        grid = Grid(gap=2)
        grid.add_column(style=DIM, no_wrap=True)
        grid.add_column()
        for event in events:
            body = Text(event.title, style=HEADING)
            if event.text:
                body.append(f"\n{' '.join(event.text.split())}")
            if event.joined:
                body.append(f"\nJoined: {', '.join(event.joined)} ({event.members} members)")
            if event.documents:
                body.append(f"\ndocs: {', '.join(event.documents)}", style=ACCENT)
            body.append(f"\ntopics: {', '.join(event.topics)}", style=ACCENT)
            grid.add_row(event.date, body)
            grid.add_row("", "")
        parts.append(grid)
        parts.append(
            Text(
                f"{len(events)} events · details: nato-guide doc ID, nato-guide topic ID", style=DIM
            )
        )
    if chart:
        if events:
            parts.append(Text(""))
        parts.append(membership_chart(chart))
    return Group(*parts)


def membership_chart(steps: Sequence[MembershipStep]) -> Renderable:
    """NATO's membership by year as bars of characters, scaled to the terminal width."""

    def draw(width: int) -> list[Renderable]:
        largest = max(step.members for step in steps)
        scale = min(1.0, max(8, width - 12) / largest)
        lines: list[Renderable] = [Text("NATO members by year", style="bold")]
        for step in steps:
            line = Text(f"{step.year}  ")
            line.append("█" * max(1, round(step.members * scale)), style="blue")
            line.append(f" {step.members}")
            lines.append(line)
            lines.append(Padding(Text(", ".join(step.joined), style=DIM), (0, 0, 0, 6)))
        return lines

    return Lines(draw)


def glossary(terms: Sequence[Term]) -> Renderable:
    """The loaded terms, each with why the word matters."""
    if not terms:
        return Text("The glossary is empty.", style=DIM)
    parts: list[Renderable] = []
    for term in terms:
        item = Text(term.term, style=HEADING)
        item.append(f"  nato-guide glossary {term.id}", style=ACCENT)
        item.append(f"\n{' '.join(term.summary.split())}")
        parts.append(Padding(item, (0, 0, 1, 0)))
    return Group(*parts)


def term(entry: Term, content: Content) -> Renderable:
    """One loaded term: why it matters and how each perspective uses it."""
    parts: list[Renderable] = [Text(entry.term, style="bold"), Text(""), prose(entry.summary)]
    parts.append(Text(""))
    parts.append(_heading("How each side uses it"))
    for usage in entry.usages:
        parts.append(Text(content.perspectives[usage.perspective].name, style=HEADING))
        parts.append(Padding(prose(usage.text), (0, 0, 1, 2)))
    if entry.quotes:
        parts.append(_heading("In the documents"))
        for q in entry.quotes:
            parts.append(
                Padding(
                    Text.assemble(f"“{q.text}”", (f"  ({q.document}, {q.pinpoint})", DIM)),
                    (0, 0, 0, 2),
                )
            )
        parts.append(Text(""))
    if entry.documents:
        parts.append(Text("Documents", style=HEADING))
        parts.append(_document_refs(entry.documents, content, set()))
    if entry.topics:
        parts.append(Text.assemble(("Topics: ", HEADING), (", ".join(entry.topics), ACCENT)))
    return Group(*parts)


# --- reading paths and suggestions --------------------------------------------------------


def paths(rows: Sequence[PathProgress]) -> Renderable:
    """The reading paths with budgets and the reader's position."""
    if not rows:
        return Text("No reading paths.", style=DIM)
    parts: list[Renderable] = []
    for row in rows:
        p = row.path
        item = Text()
        item.append(p.title, style=HEADING)
        if row.following:
            item.append("  (following)", style="green")
        item.append(f"\n{' '.join(p.summary.split())}")
        item.append(
            f"\n{row.done} of {len(row.steps)} read · {row.minutes_left} of "
            f"{p.total_minutes} min left (budget {p.minutes} min)",
            style=DIM,
        )
        item.append(f"\nnato-guide path {p.id}", style=ACCENT)
        parts.append(Padding(item, (0, 0, 1, 0)))
    parts.append(
        Text("Follow one with: nato-guide path NAME --follow; then: nato-guide next", style=DIM)
    )
    return Group(*parts)


def path(state: PathProgress) -> Renderable:
    """One path, step by step, with a marker at the reader's position."""
    p = state.path
    parts: list[Renderable] = [Text(p.title, style="bold"), prose(p.summary), Text("")]
    position = state.position
    rows = []
    for index, (step, doc, read_at) in enumerate(state.steps):
        if read_at is not None:
            mark = Text(READ_MARK, style="green")
        elif index == position:
            mark = Text("▶", style="bold")
        else:
            mark = Text("·", style=DIM)
        body = Text(f"{index + 1}. {doc.title}", style=HEADING if index == position else "")
        part = f"{step.part}, " if step.part else ""
        body.append(f"  ({part}{step.minutes} min)", style=DIM)
        body.append(f"\n{' '.join(step.why.split())}")
        body.append(f"\n{doc.id}", style=ACCENT)
        rows.append((mark, body))
    parts.append(bullets(rows))
    parts.append(Text(""))
    if position is None:
        parts.append(Text("You have read every step of this path.", style="green"))
    else:
        parts.append(
            Text(
                f"{state.done} of {len(state.steps)} read · {state.minutes_left} min left · "
                f"mark a step: nato-guide read {state.steps[position][1].id}",
                style=DIM,
            )
        )
    if state.following:
        parts.append(
            Text("You are following this path: nato-guide next shows its next step.", style=DIM)
        )
    return Group(*parts)


def suggestion(s: Suggestion) -> Renderable:
    """The next document and why."""
    if s.document is None:
        return Text(s.reason, style="green")
    doc = s.document
    return Group(
        Text.assemble(
            ("Read next: ", HEADING), (doc.title, "bold"), (f" ({doc.minutes} min)", DIM)
        ),
        Text(" ".join(s.reason.split())),
        Text.assemble(
            ("Details: ", DIM),
            (f"nato-guide doc {doc.id}", ACCENT),
            (" · open it: ", DIM),
            (f"nato-guide open {doc.id}", ACCENT),
        ),
    )


# --- search -------------------------------------------------------------------------------


def hits(results: Sequence[Hit], query: str) -> Renderable:
    """Search results: what matched, where, the snippet with the words marked, how to open it."""
    if not results:
        return Text(f"Nothing matches {query!r}.", style=DIM)
    parts: list[Renderable] = []
    for hit in results:
        head = Text(hit.title, style=HEADING)
        head.append(f"  {hit.kind} · {hit.where}", style=DIM)
        snippet = Text(hit.snippet)
        for lo, hi in hit.spans:
            snippet.stylize("bold underline", lo, hi)
        parts.append(Padding(Group(head, snippet, Text(hit.command, style=ACCENT)), (0, 0, 1, 0)))
    parts.append(Text(f"{len(results)} results for {query!r}", style=DIM))
    return Group(*parts)


# --- the reader's own words ---------------------------------------------------------------


def notes(found: Sequence[Note], content: Content) -> Renderable:
    """The reader's notes, grouped by what they are about and numbered within each."""
    if not found:
        return Text('No notes yet. Add one: nato-guide note ID "text"', style=DIM)
    by_target: dict[str, list[Note]] = {}
    for n in found:
        by_target.setdefault(n.target, []).append(n)
    parts: list[Renderable] = []
    for target, items in by_target.items():
        title = _target_title(content, target)
        parts.append(Text.assemble((title, HEADING), (f"  {printable(target)}", ACCENT)))
        for number, n in enumerate(items, 1):
            head = Text(f"{number}. ", style=DIM)
            head.append(f"{n.updated_at:%Y-%m-%d}", style=DIM)
            if n.perspective:
                side = content.perspectives.get(n.perspective)
                head.append(f" · {side.name if side else printable(n.perspective)}", style=DIM)
            parts.append(Padding(Group(head, Text(printable(n.text))), (0, 0, 1, 2)))
    return Group(*parts)


def _target_title(content: Content, target: str) -> str:
    if target in content.documents:
        return content.documents[target].title
    if target in content.topics:
        return content.topics[target].title
    if target in content.perspectives:
        return content.perspectives[target].name
    return printable(target)


def question(q: Question, number: int, total: int) -> Renderable:
    """A quiz question with its choices."""
    parts: list[Renderable] = [
        Text(f"Question {number} of {total}", style=DIM),
        Text(q.text, style=HEADING),
    ]
    if q.kind == "choice":
        rows = [(Text(f"{i}."), Text(choice)) for i, choice in enumerate(q.choices, 1)]
        parts.append(bullets(rows, indent=2))
    else:
        parts.append(Text("(a short answer: a year, a number or a name)", style=DIM))
    return Group(*parts)


def answer(q: Question, correct: bool | None, content: Content) -> Renderable:
    """The verdict, the answer and the document that settles it."""
    if correct is None:
        verdict = Text("Skipped. ", style=DIM)
    elif correct:
        verdict = Text(f"{READ_MARK} Right. ", style="green")
    else:
        verdict = Text("✗ Not quite. ", style="yellow")
    verdict.append(f"The answer: {q.right_answer}")
    doc = content.documents[q.document]
    return Padding(
        Group(
            verdict,
            prose(q.explanation),
            Text.assemble(
                ("Settled by: ", DIM),
                doc.title,
                (f" ({q.pinpoint}) ", DIM),
                (f"nato-guide doc {doc.id}", ACCENT),
            ),
        ),
        (0, 0, 1, 2),
    )


def stances(log: Sequence[Stance], *, history: bool) -> Renderable:
    """The latest stance, or the whole log as a chart against what had been read."""
    if not log:
        return Text(
            'No stance recorded. Record one: nato-guide stance 0-100 "why, in a sentence"',
            style=DIM,
        )
    entries = log if history else log[-1:]
    parts: list[Renderable] = []
    if history:
        parts.append(Text("How far NATO enlargement was the main cause (0-100)", style="bold"))
    rows = []
    for s in entries:
        line = Text(f"{s.at:%Y-%m-%d}  ", style=DIM)
        line.append("█" * round(s.value / 5), style="blue")
        line.append("░" * (20 - round(s.value / 5)), style=DIM)
        line.append(f" {s.value:>3}")
        line.append(f"  after {s.read} documents", style=DIM)
        if s.text:
            line.append(f"\n{printable(s.text)}")
        rows.append((Text(""), line))
    parts.append(bullets(rows))
    if not history:
        parts.append(Text("Your log: nato-guide stance --history", style=DIM))
    return Group(*parts)


def imported(source: object, result: dict[str, Any]) -> Renderable:
    """What ``progress import`` changed."""
    how = "Merged" if result["merged"] else "Replaced your progress with"
    changes = ", ".join(
        f"{name.replace('_', ' ')} {result['before'][name]} → {result['after'][name]}"
        for name in result["before"]
    )
    lines = [Text(f"{how} {source}: {changes}.")]
    if result["backup"]:
        lines.append(Text(f"Your previous file is kept as {result['backup']}", style=DIM))
    return Group(*lines)


def tour_screen(
    topic: Topic, index: int, total: int, content: Content, progress: Progress
) -> Renderable:
    """One screen of the tour: the question, where each side stands, the record, what to read."""
    parts: list[Renderable] = [
        Text(f"Topic {index + 1} of {total}", style=DIM),
        Text(topic.title, style="bold"),
        Text(topic.question, style="italic"),
        Text(""),
        prose(topic.summary),
        Text(""),
        _heading("Where each side stands"),
    ]
    rows = [
        (
            Text("•"),
            Text.assemble(
                (content.perspectives[v.perspective].name + ": ", HEADING),
                " ".join(v.position.split()),
            ),
        )
        for v in topic.views
    ]
    parts.append(bullets(rows))
    parts.append(Text(""))
    parts.append(_heading("What the record shows"))
    parts.append(bullets([(Text("•"), Text(" ".join(f.text.split()))) for f in topic.record[:3]]))
    parts.append(Text(""))
    parts.append(_heading("Read"))
    read = {d for d in topic.documents if progress.is_read(d)}
    parts.append(_document_refs(topic.documents[:4], content, read))
    parts.append(
        Text.assemble(("The whole topic: ", DIM), (f"nato-guide topic {topic.id}", ACCENT))
    )
    parts.append(Text(""))
    return Group(*parts)
