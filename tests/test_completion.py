"""Completion without Typer (nato_guide.completion): its table of the commands agrees with
the real Typer commands, and its answers are Typer's own, byte for byte."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.core import TyperArgument, TyperGroup, TyperOption

from conftest import DATA, environ_for_subprocess, minimal_content, write_content
from nato_guide import completion, paths
from nato_guide.cli.root import COMMANDS, app

SCRIPT = Path(sys.executable).with_name("nato-guide")
PROTOCOL = (
    "_NATO_GUIDE_COMPLETE",
    "COMP_WORDS",
    "COMP_CWORD",
    "_TYPER_COMPLETE_ARGS",
    "_TYPER_COMPLETE_FISH_ACTION",
    "_TYPER_COMPLETE_WORD_TO_COMPLETE",
)


# --- the table against the real commands --------------------------------------------------


def _contexts() -> tuple[Any, Any]:
    root = typer.main.get_command(app)
    return root, root.make_context("nato-guide", [], resilient_parsing=True)


def _described(command: Any, ctx: Any) -> list[tuple[Any, ...]]:
    """A command's parameters as the table describes them (the kind of completion aside:
    only whether there is one)."""
    rows = []
    for p in command.get_params(ctx):
        assert not p.multiple and not getattr(p, "count", False), p.name
        if isinstance(p, TyperArgument):
            sort = completion.ARGUMENT
        else:
            assert isinstance(p, TyperOption)
            sort = completion.FLAG if p.is_flag else completion.OPTION
        opts = () if sort == completion.ARGUMENT else (*p.opts, *p.secondary_opts)
        rows.append(
            (
                sort,
                p.name,
                tuple(sorted(opts)),  # the help option's names come from a set
                p.nargs,
                p._custom_shell_complete is not None,
                p.callback is not None,
            )
        )
    return rows


def _tabled(params: tuple[completion.Param, ...]) -> list[tuple[Any, ...]]:
    return [(s, n, tuple(sorted(o)), k, kind is not None, cb) for s, n, o, k, kind, cb in params]


def test_the_table_knows_every_command() -> None:
    """The table has exactly the commands the command line has."""
    assert list(completion.COMMANDS) == list(COMMANDS)


def test_the_table_matches_the_global_options() -> None:
    """The options before the command are the real ones (names, aliases, flags, nargs,
    callbacks)."""
    root, ctx = _contexts()
    assert _tabled(completion.ROOT) == _described(root, ctx)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_matches_each_command(name: str) -> None:
    """Each command's parameters, in order, are the real ones: names, aliases, flag or
    value, nargs, callbacks, whether they complete; and groups are groups."""
    root, ctx = _contexts()
    command = root.get_command(ctx, name)
    sub = command.make_context(name, [], parent=ctx, resilient_parsing=True)
    group, params = completion.COMMANDS[name]
    assert group == isinstance(command, TyperGroup)
    assert _tabled(params) == _described(command, sub)


def test_the_table_holds_only_what_the_fast_path_models() -> None:
    """Options take one value and arguments one value or all the rest: the only shapes
    the fast path's parse knows (a new shape has to be taught to it, not just tabled)."""
    for params in (completion.ROOT, *(p for _, p in completion.COMMANDS.values())):
        for sort, name, opts, nargs, kind, _ in params:
            assert nargs in ((1, -1) if sort == completion.ARGUMENT else (1,)), name
            assert all(o.startswith("-") and "=" not in o for o in opts), name
            assert kind is None or kind in (*completion.ID_KINDS, "target", *completion.CHOICES)


def _ids() -> dict[str, list[tuple[str, str]]]:
    content = completion.content_for_completion(None)
    return {kind: completion.id_pairs(content, kind) for kind in completion.ID_KINDS}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_completer_gives_what_the_table_says(name: str) -> None:
    """Every parameter the table completes gives, through Typer, exactly the table's
    candidates (values and help), for several prefixes."""
    root, ctx = _contexts()
    command = root.get_command(ctx, name)
    sub = command.make_context(name, [], parent=ctx, resilient_parsing=True)
    real = {p.name: p for p in command.get_params(sub)}
    ids = _ids()
    checked = 0
    for _, pname, _, _, kind, _ in completion.COMMANDS[name][1]:
        if kind is None:
            continue
        for prefix in ("", "b", "m", "c", "ma", "zz"):
            typer_items = [(i.value, i.help or "") for i in real[pname].shell_complete(sub, prefix)]
            assert typer_items == completion._candidates(kind, prefix, ids), (pname, prefix)
        assert real[pname].shell_complete(sub, ""), "every completer offers something"
        checked += 1
    with_kinds = sum(kind is not None for *_, kind, _ in completion.COMMANDS[name][1])
    assert checked == with_kinds


def test_choices_are_the_accepted_formats() -> None:
    """The fixed choices are the formats cite and export accept."""
    from nato_guide import cite

    assert completion.CHOICES["cite-format"] == cite.FORMATS
    assert completion.CHOICES["export-format"] == cite.EXPORT_FORMATS


# --- the same answers as Typer -------------------------------------------------------------

#: (words before the cursor, the word being completed, whether Typer is left to answer)
LINES: list[tuple[str, str, bool]] = [
    ("doc", "", False),
    ("doc", "bu", False),
    ("doc", "BU", False),
    ("doc", "Bu", False),
    ("doc", "zz", False),
    ("doc --json", "min", False),
    ("doc budapest-memorandum-1994", "", True),
    ("read", "pu", False),
    ("read budapest-memorandum-1994", "bu", False),
    ("read --json putin-address-2022-02-24", "", False),
    ("unread", "n", False),
    ("topic", "not", False),
    ("topic", "", False),
    ("topic -p", "mear", False),
    ("topic --perspective", "", False),
    ("topic not-one-inch --perspective", "w", False),
    ("topic", "--perspective=uk", False),
    ("topic", "--perspective=", False),
    ("topic not-one-inch", "x", True),
    ("perspective", "ukr", False),
    ("docs --perspective", "mear", False),
    ("docs -t", "cri", False),
    ("docs --json --unread -p", "", False),
    ("docs --topic=crimea-2014 -p", "k", False),
    ("docs", "", True),
    ("docs", "a", True),
    ("docs add", "x", True),
    ("docs add --title", "x", True),
    ("path", "pri", False),
    ("path --follow", "", False),
    ("glossary", "open", False),
    ("glossary", "", False),
    ("timeline --perspective", "ukr", False),
    ("timeline --from 2014 -t", "cri", False),
    ("timeline --from", "20", True),
    ("timeline --from -1 -p", "", True),
    ("note", "", False),
    ("note", "bu", False),
    ("note -p kremlin", "w", False),
    ("note budapest-memorandum-1994", "", True),
    ("note budapest-memorandum-1994 -p", "", False),
    ("notes", "ma", False),
    ("quiz -t", "", False),
    ("quiz --count", "3", True),
    ("cite --format", "bib", False),
    ("cite -f", "", False),
    ("cite budapest-memorandum-1994 -f chicago", "bu", False),
    ("cite", "--format=c", False),
    ("export", "", False),
    ("export", "l", False),
    ("export list --format", "c", False),
    ("export -o", "", True),
    ("open", "min", False),
    ("--progress-file {tmp}/elsewhere.toml doc", "bu", False),
    ("--progress-file={tmp}/elsewhere.toml topic", "", False),
    ("--progress-file {tmp} doc", "bu", True),
    ("--progress-file", "", True),
    ("--version doc", "bu", True),
    ("-h doc", "bu", True),
    ("", "", True),
    ("", "do", True),
    ("doc", "--j", True),
    ("doc", "-", True),
    ("doc --", "bu", True),
    ("read -- budapest-memorandum-1994", "", True),
    ("nosuch", "bu", True),
    ("search", "bu", True),
    ("stance", "", True),
    ("progress export", "", True),
    ("progress", "", True),
    ("doc -x", "bu", True),
    ("doc --json=1", "bu", True),
    ("topic -pkremlin", "", True),
    ("tour", "", True),
    ("timeline --show-completion", "", True),
]

SHELL_NAMES = ["bash", "zsh", "fish", "fish is-args", "powershell", "pwsh"]


def _protocol(shell: str, before: str, incomplete: str) -> dict[str, str]:
    """The environment each shell's completion script sets for this command line."""
    words = ["nato-guide", *before.split()]
    if shell == "bash":
        return {
            "_NATO_GUIDE_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join([*words, incomplete]),
            "COMP_CWORD": str(len(words)),
        }
    if shell in ("powershell", "pwsh"):
        return {
            "_NATO_GUIDE_COMPLETE": f"complete_{shell}",
            "_TYPER_COMPLETE_ARGS": " ".join([*words, incomplete]).strip(),
            "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete,
        }
    env = {
        "_NATO_GUIDE_COMPLETE": f"complete_{shell.split()[0]}",
        "_TYPER_COMPLETE_ARGS": " ".join(words) + " " + incomplete,
    }
    if shell.startswith("fish"):
        env["_TYPER_COMPLETE_FISH_ACTION"] = "is-args" if "is-args" in shell else "get-args"
    return env


def _typer_answer(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> tuple[str, Any]:
    """What Typer itself prints and its exit status (the console script's fast path is
    not involved: this calls the Typer app)."""
    with mock.patch.dict(os.environ, env):
        with pytest.raises(SystemExit) as done:
            typer.main.get_command(app)(prog_name="nato-guide")
        return capsys.readouterr().out, done.value.code


def _fast_answer(env: dict[str, str]) -> tuple[str, int] | None:
    with mock.patch.dict(os.environ, env):
        found = completion.answer(os.environ)
    if found is None:
        return None
    text, status = found
    return ("" if text is None else text + "\n"), status


def _clean_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROTOCOL, "TERMINAL_WIDTH", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("shell", SHELL_NAMES)
def test_answers_are_typers_own(
    shell: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For every kind of command line in every shell, the fast path answers exactly what
    Typer prints, or leaves the request to Typer where it should."""
    _clean_protocol(monkeypatch)
    mismatches: list[tuple[object, ...]] = []
    for before, incomplete, left_to_typer in LINES:
        env = _protocol(shell, before.replace("{tmp}", str(tmp_path)), incomplete)
        expected = _typer_answer(env, capsys)  # as the first TAB would, this indexes the ids
        fast = _fast_answer(env)
        if fast is None:
            if not left_to_typer:
                mismatches.append((before, incomplete, "left to Typer"))
        elif left_to_typer:
            mismatches.append((before, incomplete, "answered"))
        elif fast != expected:
            mismatches.append((before, incomplete, fast, expected))
    assert mismatches == []


@pytest.mark.parametrize("columns", ["40", "100", "1000", None])
def test_help_is_wrapped_as_typer_wraps_it(
    columns: str | None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long titles come out wrapped exactly as Typer (through Rich) wraps them, at any
    width, in each shell that shows help."""
    _clean_protocol(monkeypatch)
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    completion.content_for_completion(None)
    for shell in ("zsh", "fish", "powershell"):
        for before in ("doc", "note", "glossary"):
            env = _protocol(shell, before, "")
            fast = _fast_answer(env)
            assert fast is not None, (shell, before)
            assert fast == _typer_answer(env, capsys), (shell, before)
    wrapped = _fast_answer(_protocol("zsh", "doc", "minsk"))
    assert wrapped is not None
    if columns == "40":
        assert wrapped[0].count("\n") > 3, "a long title takes several lines"


def test_a_dumb_terminal_wraps_at_80() -> None:
    """On a terminal Rich calls dumb (TERM=dumb, output forced to look like a terminal),
    help wraps at 80 columns whatever COLUMNS says, in both paths."""
    env = environ_for_subprocess(**_protocol("zsh", "doc", ""), FORCE_COLOR="1", COLUMNS="120")
    env.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    outputs = {}
    for term in ("dumb", "xterm"):
        env["TERM"] = term
        slow = subprocess.run(TYPER_PATH, env=env, capture_output=True, check=True)
        fast = subprocess.run(FAST_PATH, env=env, capture_output=True, check=True)
        assert (fast.stdout, fast.stderr) == (slow.stdout, b"False")
        continued = [line for line in fast.stdout.decode().splitlines() if line[:1] != '"']
        outputs[term] = max(len(line) for line in continued)
    assert outputs["dumb"] <= 80 < outputs["xterm"]
    with mock.patch.dict(os.environ, env, clear=True):
        env["TERM"] = "dumb"
        assert completion.help_width(env) == 80


#: The Typer app itself, with the console script's fast path out of the way.
TYPER_PATH = [sys.executable, "-c", "from nato_guide.cli import app; app(prog_name='nato-guide')"]
#: The console script's entry point, telling on stderr whether Typer was loaded.
FAST_PATH = [
    sys.executable,
    "-c",
    "import sys\nfrom nato_guide.main import main\ntry:\n    main()\n"
    "finally:\n    sys.stderr.write(str('typer' in sys.modules))",
]


def test_the_script_prints_typers_bytes() -> None:
    """The console script's output, byte for byte and with its exit status, is what the
    Typer app prints, in each shell; and it did not load Typer to say it."""
    subprocess.run(TYPER_PATH, env=environ_for_subprocess(**_protocol("bash", "doc", "")))
    for shell in ("bash", "zsh", "fish", "fish is-args", "powershell"):
        for before, incomplete in (("doc", "bu"), ("note", ""), ("cite -f", ""), ("doc", "x")):
            env = environ_for_subprocess(**_protocol(shell, before, incomplete))
            slow = subprocess.run(TYPER_PATH, env=env, capture_output=True, check=False)
            fast = subprocess.run(FAST_PATH, env=env, capture_output=True, check=False)
            script = subprocess.run([str(SCRIPT)], env=env, capture_output=True, check=False)
            assert (fast.stdout, fast.returncode) == (slow.stdout, slow.returncode)
            assert (script.stdout, script.returncode) == (slow.stdout, slow.returncode)
            assert (slow.stderr, fast.stderr, script.stderr) == (b"", b"False", b"")
            assert slow.stdout.strip() or shell == "fish is-args" or incomplete == "x"


# --- the index of ids ----------------------------------------------------------------------


def _bash(before: str, incomplete: str) -> dict[str, str]:
    return _protocol("bash", before, incomplete)


def test_without_an_index_typer_answers_and_writes_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request goes to Typer, whose completer writes the index; the next one is
    answered without Typer, the same way."""
    _clean_protocol(monkeypatch)
    env = _bash("doc", "bu")
    assert _fast_answer(env) is None
    expected = ("budapest-memorandum-1994\nbucharest-summit-declaration-2008\n", 0)
    assert _typer_answer(env, capsys) == expected
    assert _fast_answer(env) == expected


def test_an_edited_content_file_is_never_answered_from_a_stale_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit, the fast path steps aside until the content has been validated and
    indexed again; then it answers with the new titles."""
    _clean_protocol(monkeypatch)
    files = minimal_content()
    directory = write_content(tmp_path / "content", files)
    monkeypatch.setenv("NATO_GUIDE_DATA", str(directory))
    completion.content_for_completion(None)
    env = _protocol("fish", "doc", "doc-t")
    assert _fast_answer(env) == ("doc-two\tDocument Two\ndoc-three\tDocument Three\n", 0)
    files["documents.toml"]["document"][1]["title"] = "Document Deux"
    write_content(directory, files)
    assert _fast_answer(env) is None
    completion.content_for_completion(None)
    assert _fast_answer(env) == ("doc-two\tDocument Deux\ndoc-three\tDocument Three\n", 0)


def test_damaged_content_gets_no_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content that does not validate is never answered from an old index: Typer answers,
    with nothing, and no index is written for it."""
    _clean_protocol(monkeypatch)
    directory = write_content(tmp_path / "content", minimal_content())
    monkeypatch.setenv("NATO_GUIDE_DATA", str(directory))
    completion.content_for_completion(None)
    assert _fast_answer(_bash("doc", "")) is not None
    (directory / "documents.toml").write_text("not = [valid", encoding="utf-8")
    env = _bash("doc", "")
    assert _fast_answer(env) is None
    assert _typer_answer(env, capsys) == ("\n", 0)
    assert _fast_answer(env) is None


# --- the reader's own documents -----------------------------------------------------------

OWN = """[[document]]
id = "my-own-memo"
title = "My own memo: a note on Minsk"
date = "2015"
url = "https://example.org/memo"

[[document]]
id = "budapest-memorandum-1994"
title = "A copy the guide has come to include"
date = "1994"
url = "https://example.org/copy"
"""


def _both(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> tuple[object, object]:
    """Typer's answer (which also indexes the ids, as a first TAB does), then the fast
    path's."""
    return _typer_answer(env, capsys), _fast_answer(env)


def test_own_documents_complete_in_both_paths(
    progress_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's own documents (beside the progress file) complete after the guide's,
    with their titles, the same in both paths; one whose id the guide has come to use is
    left out, as everywhere else."""
    _clean_protocol(monkeypatch)
    own = progress_file.with_name("my-documents.toml")
    own.write_text(OWN, encoding="utf-8")
    for shell in ("bash", "zsh", "fish", "powershell"):
        for before, incomplete in (("doc", "m"), ("read", ""), ("note", "my"), ("cite", "bu")):
            slow, fast = _both(_protocol(shell, before, incomplete), capsys)
            assert fast == slow, (shell, before, incomplete)
    slow, fast = _both(_protocol("fish", "open", "m"), capsys)
    assert fast == slow
    assert isinstance(fast, tuple)
    assert fast[0].splitlines()[-1] == "my-own-memo\tMy own memo: a note on Minsk"
    assert "A copy" not in fast[0]


def test_an_edited_own_file_is_never_answered_from_a_stale_index(
    progress_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new, changed, damaged or removed file of one's own documents is seen: the fast
    path steps aside until Typer has read it, and then agrees with it (a damaged file
    leaves the guide's ids, in both paths)."""
    _clean_protocol(monkeypatch)
    own = progress_file.with_name("my-documents.toml")
    env = _protocol("bash", "doc", "m")
    guide_only = _both(env, capsys)
    assert guide_only[0] == guide_only[1]
    states = [
        (OWN, "my-own-memo"),
        (OWN.replace("my-own-memo", "my-other-memo"), "my-other-memo"),
        ("[[document]\nbroken", None),
        (None, None),
    ]
    for text, mine in states:
        if text is None:
            own.unlink()
        else:
            own.write_text(text, encoding="utf-8")
        assert _fast_answer(env) is None, "the change is seen"
        slow, fast = _both(env, capsys)
        assert fast == slow
        assert isinstance(fast, tuple)
        assert (mine in fast[0]) if mine else fast == guide_only[1]


@pytest.mark.parametrize("where", ["option", "option=", "environment", "default", "relative"])
def test_own_documents_follow_the_progress_file(
    where: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The own documents offered are those beside the progress file in use, however it
    is chosen; a file elsewhere is not offered."""
    _clean_protocol(monkeypatch)
    chosen = tmp_path / "chosen" / "progress.toml"
    before = "doc"
    if where == "default":
        monkeypatch.delenv("NATO_GUIDE_PROGRESS")
        chosen = paths.progress_path()
    elif where == "environment":
        monkeypatch.setenv("NATO_GUIDE_PROGRESS", str(chosen))
    elif where == "relative":
        monkeypatch.chdir(tmp_path)
        before = "--progress-file chosen/progress.toml doc"
    else:
        before = f"--progress-file{'=' if '=' in where else ' '}{chosen} doc"
    chosen.parent.mkdir(parents=True, exist_ok=True)
    chosen.with_name("my-documents.toml").write_text(OWN, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere" / "chosen" / "my-documents.toml"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(OWN.replace("my-own-memo", "not-mine"), encoding="utf-8")
    env = _protocol("zsh", before, "")
    slow, fast = _both(env, capsys)
    assert fast == slow
    assert isinstance(fast, tuple)
    assert '"my-own-memo":"My own memo\\\\: a note on Minsk"' in fast[0]
    assert "not-mine" not in fast[0]
    if where == "relative":
        monkeypatch.chdir(tmp_path / "elsewhere")
        assert _fast_answer(env) is None, "another folder, another file: Typer decides"
        slow, fast = _both(env, capsys)
        assert fast == slow
        assert isinstance(fast, tuple)
        assert "not-mine" in fast[0]


def _index_file(tmp_path: Path, own: bool = False) -> Path:
    pattern = "completion-own-*.marshal" if own else "completion-????????.marshal"
    (found,) = (tmp_path / "home" / ".cache" / "nato-guide").glob(pattern)
    return found


def test_a_damaged_index_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Garbage in the index means Typer answers (no traceback), and the index is written
    afresh."""
    _clean_protocol(monkeypatch)
    for own in (False, True):
        completion.content_for_completion(None)
        index = _index_file(tmp_path, own)
        for garbage in (b"", b"\x00garbage", b"\xe9" * 40, marshal.dumps((1, 2, 3, 4, 5))):
            index.write_bytes(garbage)
            assert _fast_answer(_bash("doc", "bu")) is None
        completion.content_for_completion(None)
        assert _fast_answer(_bash("doc", "bu")) is not None


def test_an_index_others_could_write_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group- or world-writable index file, or cache folder, is not used."""
    _clean_protocol(monkeypatch)
    completion.content_for_completion(None)
    index = _index_file(tmp_path)
    assert _fast_answer(_bash("doc", "bu")) is not None
    index.chmod(0o666)
    assert _fast_answer(_bash("doc", "bu")) is None
    index.chmod(0o600)
    index.parent.chmod(0o777)
    try:
        assert _fast_answer(_bash("doc", "bu")) is None
    finally:
        index.parent.chmod(0o700)


def test_content_stamps_are_the_content_caches(tmp_path: Path) -> None:
    """The index is keyed by the same file stamps as the content cache, whichever files a
    content directory has."""
    from nato_guide.content import OPTIONAL_FILES, _Sources

    assert completion.OPTIONAL_FILES == OPTIONAL_FILES
    small = write_content(tmp_path / "small", minimal_content())
    (small / "topics" / "notes.txt").write_text("not content", encoding="utf-8")
    for directory in (DATA, small):
        stamps = completion.content_stamps(str(directory))
        assert stamps == _Sources(directory).stamps
        assert "guide.toml" in stamps


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"NATO_GUIDE_DATA": "~/content"},
        {"NATO_GUIDE_DATA": "relative/content"},
        {"XDG_CACHE_HOME": ""},
        {"XDG_CACHE_HOME": "  "},
        {"XDG_CACHE_HOME": "/elsewhere/cache"},
    ],
)
def test_folders_are_the_ones_the_guide_uses(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content and cache folders are found as nato_guide.paths finds them."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Path(completion.data_dir(os.environ)) == paths.data_dir()
    assert Path(str(completion.cache_dir(os.environ))) == paths.cache_dir()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=st.text(alphabet="ab-= \t\r\n\x0b\u00a0'\"\\", max_size=30))
def test_words_are_split_as_typer_splits_them(line: str) -> None:
    """Wherever the fast path splits a command line itself, it gets Typer's words; it
    declines the lines that need shlex (quotes, escapes, unusual spaces)."""
    from typer._click.shell_completion import split_arg_string

    words = completion._split(line)
    if any(c in line for c in "'\"\\\x0b\u00a0"):
        assert words is None
    else:
        assert words == split_arg_string(line)


# --- help text as Rich shows it ------------------------------------------------------------

_ALPHABET = "ab Z-:\"'$`()\\é\u2013ПЄ!.,"


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.text(alphabet=_ALPHABET, max_size=120), width=st.integers(1, 60))
def test_wrapping_is_riches(text: str, width: int) -> None:
    """For any text the fast path accepts as plain, its wrapping is Rich's (as Typer calls
    it) at every width."""
    from typer.rich_utils import rich_render_text

    if not completion.plain(text):
        return
    with mock.patch.dict(os.environ, {"COLUMNS": str(width)}):
        assert completion.wrap(text, width) == rich_render_text(text)


@pytest.mark.parametrize(
    "text",
    ["[bold]x[/bold]", "a :smile: b", "a:b:c", "tab\there", "line\nbreak", "wide 中", "e\u0301"],
)
def test_text_rich_would_change_is_not_plain(text: str) -> None:
    """Markup, possible emoji codes, control and wide or combining characters are left to
    Typer (the check below can fail: each is refused)."""
    assert not completion.plain(text)


def test_plain_characters_are_one_cell_wide() -> None:
    """Every character the fast path takes for single-width is one cell wide for Rich."""
    from rich.cells import cell_len

    for low, high in completion._NARROW:
        for code in range(ord(low), ord(high) + 1):
            c = chr(code)
            if c.isprintable():
                assert cell_len(c) == 1, hex(code)


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "37"},
        {"COLUMNS": "37", "LINES": "10"},
        {"COLUMNS": "abc"},
        {"TERM": "xterm", "COLUMNS": "61"},
        {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": "61"},
    ],
)
def test_help_width_is_typers_console_width(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The width help wraps at is the width of Typer's Rich console."""
    from typer.rich_utils import _get_rich_console

    for name in ("COLUMNS", "LINES", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert completion.help_width(os.environ) == _get_rich_console().width


# --- never in the way ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"_NATO_GUIDE_COMPLETE": "complete_bash", "COMP_WORDS": "nato-guide doc bu"},
        {"_NATO_GUIDE_COMPLETE": "complete_bash", "COMP_WORDS": "x doc b", "COMP_CWORD": "z"},
        {"_NATO_GUIDE_COMPLETE": "source_bash"},
        {"_NATO_GUIDE_COMPLETE": "complete_tcsh", "_TYPER_COMPLETE_ARGS": "nato-guide doc "},
        {"_NATO_GUIDE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "nato-guide doc 'bu"},
        {"_NATO_GUIDE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": 'nato-guide doc "b'},
        {"_NATO_GUIDE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "nato-guide\u00a0doc "},
        {
            "_NATO_GUIDE_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "nato-guide doc ",
            "TERMINAL_WIDTH": "50",
        },
    ],
)
def test_anything_unusual_is_left_to_typer(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Malformed requests, script generation, other shells, quoting and settings the fast
    path does not model are left to Typer: nothing written, no error."""
    _clean_protocol(monkeypatch)
    completion.content_for_completion(None)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert completion.complete() is None
    assert capsys.readouterr() == ("", "")


def test_an_error_inside_hands_over_to_typer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error in the fast path is never a traceback: Typer answers instead."""
    _clean_protocol(monkeypatch)
    monkeypatch.setenv("_NATO_GUIDE_COMPLETE", "complete_bash")
    monkeypatch.setattr(completion, "answer", mock.Mock(side_effect=RuntimeError("boom")))
    assert completion.complete() is None
    assert capsys.readouterr() == ("", "")


def test_non_utf8_output_of_non_ascii_help_is_left_to_typer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where stdout is not UTF-8, help beyond ASCII is left to Typer's own encoding rules;
    ASCII answers are the same bytes in any encoding and are given."""
    _clean_protocol(monkeypatch)
    completion.content_for_completion(None)
    ascii_out = mock.Mock(encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    for name, value in _protocol("zsh", "doc", "ukraine-nonbloc").items():
        monkeypatch.setenv(name, value)
    assert completion.complete() is None
    ascii_out.write.assert_not_called()
    for name, value in _protocol("zsh", "doc", "bu").items():
        monkeypatch.setenv(name, value)
    assert completion.complete() == 0
    (written,), _ = ascii_out.write.call_args
    assert written.startswith('_arguments \'*: :(("budapest-memorandum-1994"')


def test_a_shell_that_stops_reading_gets_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closed pipe on stdout ends the answer quietly, with the answer's status."""

    class ClosedPipe:
        encoding = "utf-8"

        def __init__(self, fd: int) -> None:
            self.fd = fd

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return self.fd

    _clean_protocol(monkeypatch)
    completion.content_for_completion(None)
    for name, value in _bash("doc", "").items():
        monkeypatch.setenv(name, value)
    with open(tmp_path / "stand-in", "wb") as stand_in:
        monkeypatch.setattr(sys, "stdout", ClosedPipe(stand_in.fileno()))
        assert completion.complete() == 0
        stand_in.write(b"after")
    assert (tmp_path / "stand-in").read_bytes() == b"", "the rest goes nowhere"
