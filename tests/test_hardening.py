"""Hardening: fuzzed input never produces a traceback or a changed file unless a command
succeeds; what a reader typed is never interpreted by the terminal; Ctrl-C is clean; damaged
progress files are reported through the command line without being touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import environ_for_subprocess
from nato_guide.cli import app
from nato_guide.progress import ProgressStore

pytestmark = pytest.mark.usefixtures("small_content")

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=40,
)


def _invoke(runner: CliRunner, args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@FUZZ
@given(
    command=st.sampled_from(
        [
            ["doc"],
            ["topic"],
            ["perspective"],
            ["read"],
            ["unread"],
            ["glossary"],
            ["docs", "-p"],
            ["docs", "--topic"],
            ["topic", "alpha", "-p"],
            ["timeline", "--from"],
            ["timeline", "--to"],
        ]
    ),
    value=text,
)
def test_fuzzed_ids_and_options(
    runner: CliRunner, progress_file: Path, command: list[str], value: str
) -> None:
    """Any text as an id or option value: a clean exit code, never a traceback, one-line
    errors, and the progress file changes only when a mark succeeded."""
    before = progress_file.read_bytes() if progress_file.exists() else None
    code, _, err = _invoke(runner, [*command, value])
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code != 0:
        assert err.strip()
    after = progress_file.read_bytes() if progress_file.exists() else None
    if code != 0 or command[0] not in ("read", "unread"):
        assert after == before


@FUZZ
@given(raw=st.binary(max_size=300))
def test_fuzzed_progress_files(runner: CliRunner, progress_file: Path, raw: bytes) -> None:
    """Arbitrary bytes as the progress file: each command either works or reports one
    line, and a failed command leaves the bytes exactly as they were."""
    progress_file.write_bytes(raw)
    for args in (["progress"], ["read", "doc-one"]):
        code, _, err = _invoke(runner, args)
        assert code in (0, 1), err
        if code:
            assert err.startswith("nato-guide: error: progress file")
            assert err.count("\n") == 1
            assert progress_file.read_bytes() == raw


HOSTILE = [
    "[bold red]boom[/bold red]",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]0;title\x07",
    "line\nbreak\rreturn\ttab\x08back",
    "\u202eevil",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("command", [["doc"], ["topic"], ["read"], ["glossary"], ["docs", "-p"]])
def test_typed_text_is_never_interpreted(runner: CliRunner, command: list[str], value: str) -> None:
    """Markup, escape sequences and control characters typed by a reader come back
    escaped on one line, never as live terminal codes or styles."""
    code, out, err = _invoke(runner, [*command, value])
    assert code == 2
    assert out == ""
    assert "\x1b" not in err and "\x07" not in err and "\r" not in err
    assert err.count("\n") == 1
    assert "nato-guide: error: unknown" in err


def test_ctrl_c_in_a_command_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt inside a command ends with exit code 130 and no traceback."""
    from nato_guide import queries

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "list_topics", interrupted)
    result = runner.invoke(app, ["topics"])
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr


SIGINT_WRAPPER = """
import sys
from nato_guide.main import main
sys.argv = ["nato-guide", *sys.argv[1:]]
print("ready", flush=True)
main()
"""


def test_sigint_to_a_real_process_is_clean(progress_file: Path) -> None:
    """SIGINT at moments through a command (once the interpreter has started): it ends
    with 130, or dies of SIGINT at exit, or had finished; never a traceback; the progress
    file, if any, is valid."""
    from nato_guide.progress import ProgressStore

    env = environ_for_subprocess()
    codes = set()
    for delay in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12):
        with subprocess.Popen(
            [sys.executable, "-c", SIGINT_WRAPPER, "read", "doc-one", "doc-two"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == b"ready"
            time.sleep(delay)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
        codes.add(proc.returncode)
        assert proc.returncode in (0, 130, -signal.SIGINT), err
        assert b"Traceback" not in err, err
        if progress_file.exists():
            ProgressStore(progress_file).load()
    assert 130 in codes or -signal.SIGINT in codes, codes


UNRAISABLE_WRAPPER = """
import sys, weakref
import nato_guide.cli.screens as screens
from nato_guide.main import main

class Probe:
    pass

def interrupted(_):
    raise KeyboardInterrupt

probe = [Probe()]
watch = weakref.ref(probe[0], interrupted)
serve = screens.serve

def serving(argv):
    probe.clear()  # the callback runs now, as Python's own import callbacks do
    return serve(argv)

screens.serve = serving
sys.argv = ["nato-guide", *sys.argv[1:]]
main()
"""


def test_sigint_where_python_cannot_raise_it_still_ends_with_130(progress_file: Path) -> None:
    """A Ctrl-C that lands in a callback Python runs on its own account (where the import
    system's module locks are cleaned up, say) cannot be raised there: the run ends with 130
    all the same, and Python's "Exception ignored" report with its traceback is not shown."""
    result = subprocess.run(
        [sys.executable, "-c", UNRAISABLE_WRAPPER, "read", "doc-one"],
        env=environ_for_subprocess(),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr == b"\n"
    assert b"marked read: Document One" in result.stdout  # the command had run its course
    assert "doc-one" in ProgressStore(progress_file).load().entries


def test_fifty_megabyte_progress_file_is_refused(runner: CliRunner, progress_file: Path) -> None:
    """A 50 MB file is refused quickly, named, and left alone."""
    with progress_file.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.monotonic()
    code, _, err = _invoke(runner, ["read", "doc-one"])
    assert code == 1
    assert "not a progress file" in err
    assert time.monotonic() - started < 5
    assert progress_file.stat().st_size == 50 * 1024 * 1024


def test_truncated_progress_file(runner: CliRunner, progress_file: Path) -> None:
    """A progress file cut off mid-entry is reported and kept as it is."""
    _invoke(runner, ["read", "doc-one", "doc-two"])
    whole = progress_file.read_bytes()
    progress_file.write_bytes(whole[: len(whole) - 20])
    cut = progress_file.read_bytes()
    code, _, err = _invoke(runner, ["read", "doc-three"])
    assert code == 1 and "progress file" in err
    assert progress_file.read_bytes() == cut


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(runner: CliRunner, progress_file: Path) -> None:  # pragma: no cover
    """In a folder the reader may not write, reading works and writing says why."""
    progress_file.parent.chmod(0o555)
    try:
        assert _invoke(runner, ["progress"])[0] == 0
        code, _, err = _invoke(runner, ["read", "doc-one"])
        assert code == 1 and "cannot" in err
    finally:
        progress_file.parent.chmod(0o755)


entry_keys = st.dictionaries(
    st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True).filter(
        lambda k: k not in ("status", "updated_at")
    ),
    st.one_of(st.integers(-1000, 1000), st.text(max_size=20), st.booleans()),
    max_size=3,
)


@FUZZ
@given(extras=st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), entry_keys, max_size=4))
def test_valid_files_keep_every_key_through_a_write(
    progress_file: Path, extras: dict[str, dict[str, object]]
) -> None:
    """Any valid progress file, with keys this version does not know inside its entries,
    keeps every key when another document is marked."""
    import tomllib

    import tomli_w

    from nato_guide.progress import ProgressStore

    documents = {
        did: {"status": "read", "updated_at": "2025-01-01T00:00:00Z", **rest}
        for did, rest in extras.items()
    }
    text = tomli_w.dumps({"schema_version": 1, "documents": documents}).replace(
        '"2025-01-01T00:00:00Z"', "2025-01-01T00:00:00Z"
    )
    progress_file.write_text(text, encoding="utf-8")
    ProgressStore(progress_file).mark(["zzz-new"], "read")
    after = tomllib.loads(progress_file.read_text(encoding="utf-8"))["documents"]
    for did, rest in extras.items():
        for key, value in rest.items():
            assert after[did][key] == value


@FUZZ
@given(text=text)
def test_fuzzed_note_texts(runner: CliRunner, progress_file: Path, text: str) -> None:
    """Any note text is stored exactly (or refused when blank) and listed without a single
    live control character."""
    import json

    before = progress_file.read_bytes() if progress_file.exists() else None
    # `--` ends the options, as a reader writes a note that starts with a dash.
    code, _, err = _invoke(runner, ["note", "doc-one", "--", text])
    if not text.strip():
        assert code == 2 and "the note is empty" in err
        assert (progress_file.read_bytes() if progress_file.exists() else None) == before
        return
    assert code == 0, err
    from nato_guide.text import unsafe_characters

    _, listed, _ = _invoke(runner, ["notes", "doc-one"])
    assert unsafe_characters(listed) == []
    _, raw, _ = _invoke(runner, ["notes", "doc-one", "--json"])
    assert json.loads(raw)[-1]["text"] == text.strip()
