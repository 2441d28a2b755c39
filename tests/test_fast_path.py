"""The fast path: plain reading commands answered without Typer, exactly as Typer would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import environ_for_subprocess
from nato_guide.cli import app
from nato_guide.cli.screens import plain_command, serve


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ("", [], False)),
        (["topics"], ("topics", [], False)),
        (["topics", "--json"], ("topics", [], True)),
        (["topic", "not-one-inch"], ("topic", ["not-one-inch"], False)),
        (["doc", "--json", "minsk-protocol-2014"], ("doc", ["minsk-protocol-2014"], True)),
        (["read", "a", "b", "c"], ("read", ["a", "b", "c"], False)),
        (["progress"], ("progress", [], False)),
    ],
)
def test_plain_command_lines_are_recognised(
    args: list[str], expected: tuple[str, list[str], bool]
) -> None:
    """A command, its ids and at most --json make a plain command line."""
    assert plain_command(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["topics", "--help"],
        ["topic"],
        ["topic", "a", "b"],
        ["topic", "not-one-inch", "-p", "kremlin"],
        ["docs", "--unread"],
        ["docs", "extra"],
        ["doc", "--", "x"],
        ["doc", "-"],
        ["doc", ""],
        ["read"],
        ["topics", "--json", "--json"],
        ["--progress-file", "p.toml", "topics"],
        ["search", "minsk"],
        ["tour"],
        ["notes"],
        ["nonsense"],
    ],
)
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    """Options, help, missing or extra ids and other commands are left to the full parser,
    and serve() does nothing with them."""
    assert plain_command(args) is None
    assert serve(args) is None


def test_completion_requests_are_never_served(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell asking for completions runs the program with no arguments: that is not the
    welcome screen."""
    monkeypatch.setenv("_NATO_GUIDE_COMPLETE", "complete_bash")
    assert serve([]) is None


SAME = [
    [],
    ["topics"],
    ["topics", "--json"],
    ["topic", "bucharest-2008"],
    ["topic", "--json", "not-one-inch"],
    ["topic", "bucharest"],
    ["topic", "zzz"],
    ["docs"],
    ["docs", "--json"],
    ["doc", "budapest-memorandum-1994"],
    ["doc", "minsk-protocol-2014", "--json"],
    ["doc", "budapest"],
    ["progress"],
    ["progress", "--json"],
    ["read", "zzz"],
    ["unread", "budapest-memorandum-1994"],
    ["read", "budapest-memorandum-1994", "minsk-protocol-2014"],
]


def both_ways(
    args: list[str], progress_file: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(exit code, stdout, stderr) from Typer and from the fast path, each on the same
    starting progress file."""
    before = progress_file.read_bytes() if progress_file.exists() else None
    full = CliRunner().invoke(app, args)
    if before is None:
        progress_file.unlink(missing_ok=True)
    else:
        progress_file.write_bytes(before)
    capsys.readouterr()
    code = serve(args)
    out, err = capsys.readouterr()
    assert code is not None
    return (full.exit_code, full.stdout, full.stderr), (code, out, err)


@pytest.mark.parametrize("args", SAME, ids=" ".join)
def test_fast_path_answers_exactly_as_typer(
    args: list[str], progress_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Screens, JSON, errors and exit codes are the same whichever way a command runs."""
    progress_file.write_text(
        'schema = 2\n\n[documents.budapest-memorandum-1994]\nstatus = "read"\n'
        "read_at = 2026-03-01T10:00:00Z\n",
        encoding="utf-8",
    )
    full, fast = both_ways(args, progress_file, capsys)
    assert fast == full
    assert full[1] or full[2]


@pytest.mark.parametrize("args", [["topics"], ["progress"], ["read", "minsk-protocol-2014"]])
def test_damaged_progress_is_reported_the_same_way(
    args: list[str], progress_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged progress file gives the same one-line error and code, and stays as it was."""
    progress_file.write_bytes(b"schema = 2\n[documents\n")
    full, fast = both_ways(args, progress_file, capsys)
    assert fast == full
    assert full[0] != 0
    assert "progress" in full[2]
    assert progress_file.read_bytes() == b"schema = 2\n[documents\n"


PROBE = """
import sys
sys.argv = ["nato-guide", *sys.argv[1:]]
from nato_guide.main import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(m for m in ("typer", "rich") if m in sys.modules)
print("loaded:", ",".join(loaded), file=sys.stderr)
"""


def probe(*args: str) -> tuple[str, str]:
    """stdout, and the modules of note loaded, of the console script's main() run with
    *args* in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
    )
    return result.stdout, result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [[], ["topics"], ["topic", "not-one-inch"], ["docs"], ["doc", "zzz"], ["progress", "--json"]],
)
def test_plain_commands_load_neither_typer_nor_rich(args: list[str]) -> None:
    """Through the console script, a plain reading command never imports Typer or Rich."""
    assert probe(*args)[1] == "loaded: "


def test_other_commands_still_reach_typer() -> None:
    """A command line with an option goes to the Typer application."""
    out, loaded = probe("docs", "--unread")
    assert loaded == "loaded: typer"
    assert "Date" in out


def test_lists_leave_topics_and_cards_in_the_cache(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading list and progress read neither the topics nor the documents' cards
    from the content cache (most of its bytes); a document's card reads the cards only."""
    from nato_guide import content

    assert runner.invoke(app, ["docs"]).exit_code == 0  # writes the cache
    read: list[str] = []
    real = vars(content._Pickled)["data"].fget

    def data(self: content._Pickled[object]) -> dict[str, object]:
        if self._data is None:  # about to be unpickled
            read.append(self._name)
        return real(self)  # type: ignore[no-any-return]

    monkeypatch.setattr(content._Pickled, "data", property(data))
    for args in (["docs"], ["docs", "--unread"], ["progress"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
    assert serve(["docs"]) == serve(["progress"]) == 0
    assert read == []
    assert serve(["doc", "budapest-memorandum-1994"]) == 0
    assert read == ["cards"]
