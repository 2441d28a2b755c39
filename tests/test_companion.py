"""The reader's companion: notes (shown literally, edited in $EDITOR, deleted), the
self-test, the stance log, and carrying progress between machines."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import typer
from typer.testing import CliRunner

from conftest import run, run_json
from nato_guide.cli import app
from nato_guide.progress import ProgressStore

pytestmark = pytest.mark.usefixtures("small_content")


# --- notes --------------------------------------------------------------------------------


def test_add_and_list_notes(runner: CliRunner, progress_file: Path) -> None:
    """note adds to a document, topic or perspective; notes lists them, numbered per target."""
    run(runner, "note", "doc-one", "First thought.", "-p", "western")
    run(runner, "note", "doc-one", "Second thought.")
    run(runner, "note", "alpha", "On the topic.")
    out = run(runner, "notes").stdout
    assert "Document One  doc-one" in out and "Alpha  alpha" in out
    assert out.index("1. ") < out.index("First thought.") < out.index("Second thought.")
    assert "The western view" in out
    assert [n["text"] for n in run_json(runner, "notes", "doc-one")] == [
        "First thought.",
        "Second thought.",
    ]
    data = tomllib.loads(progress_file.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert [n["target"] for n in data["notes"]] == ["doc-one", "doc-one", "alpha"]


def test_notes_are_shown_literally(runner: CliRunner) -> None:
    """Rich markup and terminal escape sequences in a note are never interpreted."""
    hostile = "[bold red]loud[/bold red] \x1b[31mred\x1b[0m \x1b]0;title\x07 bell\x07"
    run(runner, "note", "doc-one", hostile)
    out = run(runner, "notes").stdout
    assert "[bold red]loud[/bold red]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out
    assert run_json(runner, "notes")[0]["text"] == hostile.strip()


def test_edit_a_note_in_the_editor(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--edit opens $EDITOR without a shell: shell syntax in $EDITOR is handed to the editor
    as plain words, never run."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[-1])\n"
        "p.write_text(p.read_text().replace('draft', 'final'))\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} ; touch pwned")
    run(runner, "note", "doc-one", "A draft.")
    assert "Updated a note on doc-one." in run(runner, "note", "doc-one", "--edit").stdout
    assert run_json(runner, "notes")[0]["text"] == "A final."
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("editor", "message"),
    [
        ('"unclosed', "cannot read $EDITOR"),
        ("   ", "set $EDITOR"),
        ("/nonexistent/editor", "cannot run the editor"),
        (f'{sys.executable} -c "import sys, os; os.remove(sys.argv[-1])"', "removed the file"),
        (
            f"{sys.executable} -c \"import sys; open(sys.argv[-1], 'wb').write(b'caf\\xe9')\"",
            "not UTF-8",
        ),
        (f'{sys.executable} -c "raise SystemExit(3)"', "exited with 3"),
    ],
)
def test_editor_failures_leave_the_note(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, editor: str, message: str
) -> None:
    """Whatever goes wrong with the editor: one line, and the note as it was."""
    monkeypatch.setenv("EDITOR", editor)
    run(runner, "note", "doc-one", "unchanged")
    result = run(runner, "note", "doc-one", "--edit", code=1)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert run_json(runner, "notes")[0]["text"] == "unchanged"


def test_an_edit_does_not_undo_a_deletion_made_meanwhile(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, progress_file: Path
) -> None:
    """If the note is deleted while the editor is open, the edit is refused, not saved over
    the deletion."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib, subprocess\n"
        f"subprocess.run([{sys.executable!r}, '-m', 'nato_guide', 'note', 'doc-one', '--delete'],"
        " check=True)\n"
        "pathlib.Path(sys.argv[-1]).write_text('edited')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    run(runner, "note", "doc-one", "original")
    result = run(runner, "note", "doc-one", "--edit", code=1)
    assert "the note changed while you were editing it; nothing saved; your text: edited" in (
        result.stderr
    )
    assert run_json(runner, "notes") == []


def test_edit_without_an_editor(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without $EDITOR, --edit says how to set one."""
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    run(runner, "note", "doc-one", "x")
    assert "set $EDITOR" in run(runner, "note", "doc-one", "--edit", code=1).stderr


def test_delete_a_note_keeps_a_tombstone(runner: CliRunner, progress_file: Path) -> None:
    """--delete hides the note and records the deletion (so a merge cannot revive it)."""
    run(runner, "note", "doc-one", "keep")
    run(runner, "note", "doc-one", "drop")
    run(runner, "note", "doc-one", "--delete", "--number", "2")
    assert [n["text"] for n in run_json(runner, "notes")] == ["keep"]
    data = tomllib.loads(progress_file.read_text(encoding="utf-8"))
    assert [n.get("deleted", False) for n in data["notes"]] == [False, True]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["note", "nowhere", "x"], "unknown document, topic or perspective 'nowhere'"),
        (["note", "doc-one"], "give the note's TEXT, or --edit, or --delete"),
        (["note", "doc-one", "  "], "the note is empty"),
        (["note", "doc-one", "--delete"], "there is no note on doc-one"),
        (["note", "doc-one", "x", "--delete"], "give the note's TEXT, or --edit, or --delete"),
    ],
)
def test_note_mistakes(
    runner: CliRunner, args: list[str], message: str, progress_file: Path
) -> None:
    """Mistakes with notes are one line, and nothing is written."""
    result = run(runner, *args, code=2)
    assert message in result.stderr
    assert not progress_file.exists()


# --- quiz ---------------------------------------------------------------------------------


@pytest.fixture
def with_quiz(small_content: Path) -> Path:
    """Add three questions to the small content set."""
    questions = [
        {
            "id": "q-choice",
            "topic": "alpha",
            "kind": "choice",
            "text": "What does Art. 1 say?",
            "choices": ["Nothing", "The first article.", "Something else"],
            "answer": 1,
            "explanation": "Art. 1 is the first article.",
            "document": "doc-one",
            "pinpoint": "Art. 1",
        },
        {
            "id": "q-short",
            "topic": "alpha",
            "kind": "short",
            "text": "In what year is Document One dated?",
            "answers": ["1990"],
            "explanation": "It is dated 9 February 1990.",
            "document": "doc-one",
            "pinpoint": "header",
        },
        {
            "id": "q-beta",
            "topic": "beta",
            "kind": "short",
            "text": "Who issued Document Two?",
            "answers": ["Issuer Two"],
            "explanation": "Issuer Two did.",
            "document": "doc-two",
            "pinpoint": "header",
        },
    ]
    (small_content / "quiz.toml").write_text(tomli_w.dumps({"question": questions}), "utf-8")
    return small_content


@pytest.mark.usefixtures("with_quiz")
def test_quiz_asks_checks_and_records(runner: CliRunner, progress_file: Path) -> None:
    """Answers are checked (by number or wording), explained with their document, and kept."""
    out = run(runner, "quiz", "--topic", "alpha", input="2\n1991\n").stdout
    assert "Question 1 of 2" in out and "What does Art. 1 say?" in out
    assert "✓ Right. The answer: The first article." in out
    assert "✗ Not quite. The answer: 1990" in out
    assert "Settled by: Document One (Art. 1)" in out
    assert "1 of 2 right." in out
    results = ProgressStore(progress_file).load().quiz
    assert [(r.question, r.correct) for r in results] == [("q-choice", True), ("q-short", False)]
    progress = run_json(runner, "progress")
    assert progress["quiz"] == {
        "answered": 2,
        "correct": 1,
        "questions_right": 1,
        "questions_total": 3,
    }


@pytest.mark.usefixtures("with_quiz")
def test_quiz_skips_stops_and_moves_on(runner: CliRunner, progress_file: Path) -> None:
    """s skips, q stops; a question answered right is not asked first next time."""
    out = run(runner, "quiz", input="s\nq\n").stdout
    assert "Skipped. The answer: The first article." in out
    assert "0 of 0 right." in out
    assert not progress_file.exists()
    run(runner, "quiz", "-n", "1", input="The first article.\n")
    assert [q["id"] for q in run_json(runner, "quiz", "-n", "2")] == ["q-short", "q-beta"]


@pytest.mark.usefixtures("with_quiz")
def test_quiz_ends_cleanly_at_end_of_input(runner: CliRunner) -> None:
    """With no more input the quiz stops and keeps what was answered."""
    result = run(runner, "quiz", input="2\n")
    assert "1 of 1 right." in result.stdout


# --- stance -------------------------------------------------------------------------------


def test_stance_log(runner: CliRunner) -> None:
    """stance records a value with what had been read; --history shows how it moved."""
    assert "No stance recorded" in run(runner, "stance").stdout
    run(runner, "stance", "70", "NATO mattered most.")
    run(runner, "read", "doc-one", "doc-two")
    run(runner, "stance", "40")
    history = run_json(runner, "stance", "--history")
    assert [(s["value"], s["read"], s["text"]) for s in history] == [
        (70, 0, "NATO mattered most."),
        (40, 2, None),
    ]
    out = run(runner, "stance", "--history").stdout
    assert "██████████████░░░░░░  70  after 0 documents" in out
    assert "████████░░░░░░░░░░░░  40  after 2 documents" in out
    assert "Your stance: 40/100" in run(runner, "progress").stdout


@pytest.mark.parametrize("value", ["101", "-1", "many"])
def test_stance_out_of_range(runner: CliRunner, value: str) -> None:
    """Values outside 0-100 are usage errors."""
    assert run(runner, "stance", value, code=2).stderr.startswith("nato-guide: error:")


# --- carrying progress between machines ------------------------------------------------------


def test_export_and_merge_two_machines(
    runner: CliRunner, tmp_path: Path, progress_file: Path
) -> None:
    """Export from one machine, merge on another: marks, notes and stances from both."""
    run(runner, "read", "doc-one")
    run(runner, "note", "alpha", "from the laptop")
    laptop = tmp_path / "laptop.toml"
    run(runner, "progress", "export", str(laptop))

    other = tmp_path / "desktop.toml"
    run(runner, "--progress-file", str(other), "read", "doc-two")
    run(runner, "--progress-file", str(other), "stance", "55")
    data = run_json(
        runner, "--progress-file", str(other), "progress", "import", str(laptop), "--merge"
    )
    assert data == {
        "merged": True,
        "before": {"documents_read": 1, "notes": 0, "stances": 1, "quiz": 0},
        "after": {"documents_read": 2, "notes": 1, "stances": 1, "quiz": 0},
        "backup": None,
    }
    merged = ProgressStore(other).load()
    assert {d for d in merged.entries if merged.is_read(d)} == {"doc-one", "doc-two"}
    assert [n.text for n in merged.live_notes] == ["from the laptop"]
    assert [s.value for s in merged.stances] == [55]


def test_import_without_merge_replaces_and_keeps_a_backup(
    runner: CliRunner, tmp_path: Path, progress_file: Path
) -> None:
    """Import without --merge replaces the file and keeps the old one as a dated .bak; a
    second import keeps a second backup, it does not overwrite the first."""
    run(runner, "read", "doc-one")
    incoming = tmp_path / "incoming.toml"
    run(runner, "--progress-file", str(incoming), "read", "doc-three")
    out = run(runner, "progress", "import", str(incoming)).stdout
    assert "Replaced your progress with" in out and "Your previous file is kept as" in out
    now = ProgressStore(progress_file).load()
    assert {d for d in now.entries if now.is_read(d)} == {"doc-three"}
    (backup,) = progress_file.parent.glob("progress.toml.*.bak")
    assert ProgressStore(backup).load().is_read("doc-one")
    other = tmp_path / "other.toml"
    run(runner, "--progress-file", str(other), "read", "doc-two")
    import time

    time.sleep(1.1)  # backups are dated to the second
    run(runner, "progress", "import", str(other))
    backups = sorted(progress_file.parent.glob("progress.toml.*.bak"))
    assert len(backups) == 2
    assert ProgressStore(backups[0]).load().is_read("doc-one")
    assert ProgressStore(backups[1]).load().is_read("doc-three")


@pytest.mark.parametrize("content", [None, b"", b"# only a comment\n"])
def test_import_of_nothing_changes_nothing(
    runner: CliRunner, tmp_path: Path, progress_file: Path, content: bytes | None
) -> None:
    """A mistyped, empty or contentless file to import is refused; your progress stays."""
    run(runner, "read", "doc-one")
    before = progress_file.read_bytes()
    source = tmp_path / "typo.toml"
    if content is not None:
        source.write_bytes(content)
    for extra in ([], ["--merge"]):
        result = run(runner, "progress", "import", str(source), *extra, code=1)
        assert "nothing changed" in result.stderr
    assert progress_file.read_bytes() == before
    assert not list(progress_file.parent.glob("*.bak"))


def test_import_a_damaged_file_changes_nothing(
    runner: CliRunner, tmp_path: Path, progress_file: Path
) -> None:
    """A damaged file to import is named, and your progress is untouched."""
    run(runner, "read", "doc-one")
    before = progress_file.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[documents\n", encoding="utf-8")
    result = run(runner, "progress", "import", str(bad), "--merge", code=1)
    assert f"progress file {bad}" in result.stderr
    assert progress_file.read_bytes() == before


def test_export_to_stdout(runner: CliRunner) -> None:
    """progress export - writes the file to stdout."""
    run(runner, "read", "doc-one")
    out = run(runner, "progress", "export", "-").stdout
    assert tomllib.loads(out)["documents"]["doc-one"]["status"] == "read"


# --- the position brief ------------------------------------------------------------------------


def test_position_brief(runner: CliRunner) -> None:
    """export brief groups notes by perspective and cites the documents they concern."""
    run(runner, "note", "doc-one", "Article one settles it.", "-p", "kremlin")
    run(runner, "note", "western", "The open door.")
    run(runner, "note", "beta", "Unsure \x1b[31mhere\x07.")
    out = run(runner, "export", "brief").stdout
    assert out.startswith("# Position brief: Is this a test?")
    kremlin = out.index("## The kremlin view")
    western = out.index("## The western view")
    other = out.index("## Other notes")
    assert kremlin < out.index("Article one settles it. (on Document One)") < western
    assert western < out.index("The open door. (on The western view)") < other
    assert "Source: Issuer One. “Document One.” Treaty, February 9, 1990." in out
    assert "## Works cited" in out
    assert "\x1b" not in out and "\\x1b[31mhere\\x07" in out


def test_empty_brief(runner: CliRunner) -> None:
    """Without notes the brief says how to add some."""
    assert "No notes yet" in run(runner, "export", "brief").stdout


# --- the reader's own documents ----------------------------------------------------------------


def test_own_documents(runner: CliRunner, progress_file: Path) -> None:
    """docs add keeps a document beside the progress file; it is listed, marked, searchable
    and can be read like any other."""
    run(
        runner,
        "docs",
        "add",
        "my-notes",
        "--title",
        "My seminar handout",
        "--url",
        "https://example.org/handout",
        "--date",
        "2025-03",
        "--minutes",
        "15",
    )
    own_file = progress_file.with_name("my-documents.toml")
    assert tomllib.loads(own_file.read_text(encoding="utf-8"))["document"][0]["id"] == "my-notes"
    listed = run_json(runner, "docs")
    assert [d["id"] for d in listed][-1] == "my-notes"
    assert listed[-1]["own"] is True and listed[0]["own"] is False
    assert "My seminar handout  (yours)" in run(runner, "docs").stdout
    run(runner, "read", "my-notes")
    assert run_json(runner, "doc", "my-notes")["status"] == "read"
    hits = json.loads(run(runner, "search", "seminar", "handout", "--json").stdout)
    assert hits[0]["id"] == "my-notes"


@pytest.mark.parametrize(
    ("doc_id", "message"),
    [
        ("doc-one", "the guide already has a document 'doc-one'"),
        ("Bad Id", "is not an id"),
    ],
)
def test_own_document_mistakes(
    runner: CliRunner, progress_file: Path, doc_id: str, message: str
) -> None:
    """An own document may not reuse a guide id or be malformed; nothing is written."""
    result = run(
        runner,
        "docs",
        "add",
        doc_id,
        "--title",
        "x",
        "--url",
        "https://e.org/x",
        "--date",
        "2020",
        code=1,
    )
    assert message in result.stderr
    assert not progress_file.with_name("my-documents.toml").exists()


def test_a_damaged_own_documents_file(runner: CliRunner, progress_file: Path) -> None:
    """A broken my-documents.toml is named in one line; the guide's content is not at fault."""
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.with_name("my-documents.toml").write_text("[[document]]\nid = 3\n", "utf-8")
    result = run(runner, "docs", code=1)
    assert "my-documents.toml: document[0].id: expected text, got a number" in result.stderr


# --- the tour -------------------------------------------------------------------------------


def test_tour_without_a_terminal_prints_everything(runner: CliRunner, progress_file: Path) -> None:
    """Piped, the tour prints every topic in order and asks nothing."""
    out = run(runner, "tour").stdout
    assert out.index("Topic 1 of 2") < out.index("Alpha?") < out.index("Topic 2 of 2")
    assert "The kremlin view: The kremlin position." in out
    assert "> " not in out
    assert not progress_file.exists()


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the tour believe a person is at a terminal."""
    from nato_guide.cli import tour

    monkeypatch.setattr(tour, "_interactive", lambda: True)


@pytest.mark.usefixtures("at_a_terminal")
def test_tour_keys_and_resume(runner: CliRunner, progress_file: Path) -> None:
    """Enter moves on, m marks the topic's documents read, b goes back, q stops; the next
    tour resumes where this one stopped."""
    out = run(runner, "tour", input="m\n\nb\n\nq\n").stdout
    assert out.count("Topic 1 of 2") == 3 and out.count("Topic 2 of 2") == 2
    assert "Stopped at Beta." in out
    progress = ProgressStore(progress_file).load()
    assert progress.is_read("doc-one") and progress.is_read("doc-two")
    assert progress.extra["tour"] == "beta"
    again = run(runner, "tour", input="\n").stdout
    assert again.startswith("Topic 2 of 2")
    assert "You have finished the tour." in again
    assert "tour" not in ProgressStore(progress_file).load().extra
    assert run(runner, "tour", "--restart", input="q\n").stdout.startswith("Topic 1 of 2")


def _keys_then_ctrl_c(keys: list[str]) -> Any:
    """A stand-in for typer.prompt: the given answers, then Ctrl-C exactly as Typer reports
    it (an Abort raised while handling KeyboardInterrupt)."""
    answers = iter(keys)

    def prompt(*args: object, **kwargs: object) -> str:
        try:
            return next(answers)
        except StopIteration:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                raise typer.Abort() from None

    return prompt


@pytest.mark.usefixtures("at_a_terminal")
def test_tour_ctrl_c_keeps_the_place(
    runner: CliRunner, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the tour's prompt exits 130 with the place and the marks so far saved."""
    monkeypatch.setattr(typer, "prompt", _keys_then_ctrl_c(["m", ""]))
    result = runner.invoke(app, ["tour"])
    assert result.exit_code == 130
    progress = ProgressStore(progress_file).load()
    assert progress.is_read("doc-one")
    assert progress.extra["tour"] == "beta"


@pytest.mark.usefixtures("with_quiz")
def test_quiz_ctrl_c_exits_130_keeping_answers(
    runner: CliRunner, progress_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at the quiz's prompt exits 130 and keeps the answers given."""
    monkeypatch.setattr(typer, "prompt", _keys_then_ctrl_c(["2"]))
    assert runner.invoke(app, ["quiz"]).exit_code == 130
    assert [r.question for r in ProgressStore(progress_file).load().quiz] == ["q-choice"]


# --- what the second review found ----------------------------------------------------------------


def test_typed_text_must_be_valid_utf8(runner: CliRunner, progress_file: Path) -> None:
    """Bytes in another encoding (arriving as unencodable characters) are refused in one line."""
    result = run(runner, "note", "doc-one", "caf\udce9", code=2)
    assert "the note is not valid UTF-8 text" in result.stderr
    assert not progress_file.exists()


def test_own_documents_may_not_carry_control_characters(
    runner: CliRunner, progress_file: Path
) -> None:
    """A title with escape sequences is refused, and the error line shows them escaped."""
    result = run(
        runner,
        "docs",
        "add",
        "evil",
        "--title",
        "Evil\x1b]0;pwned\x07Title",
        "--url",
        "https://e.org/x",
        "--date",
        "2020",
        code=1,
    )
    assert "contains a control character" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert not progress_file.with_name("my-documents.toml").exists()


def test_docs_add_keeps_the_readers_file_as_it_is(runner: CliRunner, progress_file: Path) -> None:
    """docs add appends: comments and layout of a hand-edited file stay; a symlinked file
    is updated where it lives."""
    real = progress_file.parent / "synced" / "mine.toml"
    real.parent.mkdir(parents=True)
    real.write_text(
        "# my reading, by hand\n[[document]]\nid = 'first'\ntitle = 'First'\n"
        "date = '2001'\nurl = 'https://e.org/1'\n",
        encoding="utf-8",
    )
    progress_file.with_name("my-documents.toml").symlink_to(real)
    run(
        runner,
        "docs",
        "add",
        "second",
        "--title",
        "Second",
        "--url",
        "https://e.org/2",
        "--date",
        "2002",
    )
    text = real.read_text(encoding="utf-8")
    assert text.startswith("# my reading, by hand\n")
    assert [d["id"] for d in tomllib.loads(text)["document"]] == ["first", "second"]
    assert progress_file.with_name("my-documents.toml").is_symlink()


def test_a_guide_update_reusing_an_own_id_breaks_nothing(
    runner: CliRunner, progress_file: Path
) -> None:
    """If the guide comes to ship an id the reader used, the reader's entry steps aside."""
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    progress_file.with_name("my-documents.toml").write_text(
        "[[document]]\nid = 'doc-two'\ntitle = 'Mine'\ndate = '2001'\nurl = 'https://e.org/1'\n",
        encoding="utf-8",
    )
    assert run_json(runner, "doc", "doc-two")["title"] == "Document Two"


def test_export_will_not_overwrite_the_progress_file(
    runner: CliRunner, progress_file: Path
) -> None:
    """export -o refuses the progress file (and its companions)."""
    run(runner, "read", "doc-one")
    before = progress_file.read_bytes()
    for what in ("list", "brief"):
        result = run(runner, "export", what, "-o", str(progress_file), code=1)
        assert "is one of your progress files" in result.stderr
    assert progress_file.read_bytes() == before


def test_notes_on_a_target_that_has_gone(runner: CliRunner, progress_file: Path) -> None:
    """Notes on an id the guide no longer has can still be listed and deleted."""
    from datetime import UTC, datetime

    from nato_guide.progress import Note

    now = datetime(2025, 1, 1, tzinfo=UTC)
    ProgressStore(progress_file).update(
        lambda p: p._replace(notes=(Note("n1", "retired-doc", "old", now, now, "nobody"),))
    )
    out = run(runner, "notes", "retired-doc").stdout
    assert "old" in out and "nobody" in out
    run(runner, "note", "retired-doc", "--delete")
    assert run_json(runner, "notes") == []
