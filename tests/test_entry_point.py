"""The installed ``nato-guide`` script as a real process: pipes, colour, completion."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import environ_for_subprocess

SCRIPT = Path(sys.executable).with_name("nato-guide")


@pytest.fixture(scope="module")
def script() -> Path:
    """The console script installed beside this interpreter."""
    if not SCRIPT.exists():  # pragma: no cover - the project is installed by uv run
        pytest.skip("nato-guide is not installed in this environment")
    return SCRIPT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=env or environ_for_subprocess(),
        check=False,
        timeout=60,
    )


def test_version(script: Path) -> None:
    """The script runs and prints its version."""
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("nato-guide ")


def test_module_entry_point() -> None:
    """python -m nato_guide works like the script."""
    result = subprocess.run(
        [sys.executable, "-m", "nato_guide", "--help"],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
    )
    assert result.returncode == 0
    assert "Usage" in result.stdout


@pytest.mark.parametrize(
    "args", [["docs"], ["topic", "not-one-inch"], ["--help"], ["docs", "--json"]]
)
def test_piped_into_head_ends_quietly(script: Path, args: list[str]) -> None:
    """Output cut short by `| head -1` leaves no error text behind."""
    shell = shutil.which("sh")
    assert shell
    command = " ".join([str(script), *args]) + " | head -1"
    result = subprocess.run(
        [shell, "-c", command],
        capture_output=True,
        text=True,
        env=environ_for_subprocess(),
        check=False,
        timeout=60,
    )
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("env_extra", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {}])
def test_plain_text_when_piped_or_colourless(script: Path, env_extra: dict[str, str]) -> None:
    """A non-terminal stdout, NO_COLOR or TERM=dumb give text without escape codes."""
    env = environ_for_subprocess(**env_extra)
    if "NO_COLOR" not in env_extra:
        env.pop("NO_COLOR", None)
    env["TERM"] = env_extra.get("TERM", "xterm-256color")
    for args in (["topics"], ["progress"], [], ["doc", "budapest-memorandum-1994"]):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout
        assert result.stdout.strip()


@pytest.mark.parametrize("columns", ["40", "200"])
def test_narrow_and_wide_terminals(script: Path, columns: str) -> None:
    """Every reading command renders at 40 and 200 columns without losing the titles."""
    env = environ_for_subprocess(COLUMNS=columns)
    for args in (["topics"], ["topic", "bucharest-2008"], ["docs"], ["progress"], []):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
    docs = run("docs", env=env).stdout
    assert "budapest-memorandum-1994" in docs, "ids are never cut short"
    card = run("doc", "budapest-memorandum-1994", env=env).stdout
    assert "https://undocs.org/A/49/765" in "".join(card.split()), "links are folded, not cut"
    progress = run("progress", env=env).stdout
    assert "0/" in progress, "counts stay visible"


def test_c_locale(script: Path) -> None:
    """LC_ALL=C still works (Python switches to UTF-8 mode)."""
    result = run("topic", "crimea-2014", env=environ_for_subprocess(LC_ALL="C", LANG="C"))
    assert result.returncode == 0, result.stderr
    assert "Crimea" in result.stdout


def test_error_is_one_line_with_exit_code(script: Path) -> None:
    """A mistake gives one line on stderr, nothing on stdout, exit 2, no traceback."""
    result = run("doc", "bucharest")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("nato-guide: error: unknown document 'bucharest'")
    assert "bucharest-summit-declaration-2008" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("nato-guide doc buda", "budapest-memorandum-1994"),
        ("nato-guide topic not", "not-one-inch"),
        ("nato-guide docs --perspective mear", "mearsheimer"),
        ("nato-guide read putin-a", "putin-address-2022-02-24"),
        ("nato-guide glossary open", "open-door"),
        ("nato-guide cite --format bib", "bibtex"),
    ],
)
def test_shell_completion_of_ids(script: Path, words: str, expected: str) -> None:
    """TAB completion offers ids (with titles) through Typer's completion protocol."""
    env = environ_for_subprocess(_NATO_GUIDE_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS=words)
    result = run(env=env)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_json_is_clean_on_a_terminal_too(script: Path) -> None:
    """JSON output is only JSON, whatever the terminal settings."""
    env = environ_for_subprocess(TERM="xterm-256color", COLUMNS="30", FORCE_COLOR="1")
    env.pop("NO_COLOR", None)
    result = run("topics", "--json", env=env)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["id"] == "not-one-inch"


@pytest.mark.parametrize(
    ("shell_env", "expected"),
    [
        (
            {
                "_NATO_GUIDE_COMPLETE": "complete_bash",
                "COMP_WORDS": "nato-guide path pri",
                "COMP_CWORD": "2",
            },
            "primer",
        ),
        (
            {"_NATO_GUIDE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "nato-guide path pri"},
            '"primer":"The 30-minute primer"',
        ),
        (
            {
                "_NATO_GUIDE_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_ARGS": "nato-guide path pri",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            },
            "primer\tThe 30-minute primer",
        ),
        (
            {
                "_NATO_GUIDE_COMPLETE": "complete_bash",
                "COMP_WORDS": "nato-guide topic bucha",
                "COMP_CWORD": "2",
            },
            "bucharest-2008",
        ),
        (
            {
                "_NATO_GUIDE_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_ARGS": "nato-guide doc minsk",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            },
            "minsk-protocol-2014\t",
        ),
        (
            {
                "_NATO_GUIDE_COMPLETE": "complete_bash",
                "COMP_WORDS": "nato-guide timeline --perspective ukr",
                "COMP_CWORD": "3",
            },
            "ukraine",
        ),
    ],
)
def test_completion_in_bash_zsh_and_fish(
    script: Path, shell_env: dict[str, str], expected: str
) -> None:
    """Document, topic, perspective and path ids complete in each shell's own format."""
    result = run(env=environ_for_subprocess(**shell_env))
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_an_ascii_only_output_does_not_crash(script: Path) -> None:
    """An output that cannot encode every character gets escapes, not a traceback."""
    env = environ_for_subprocess(PYTHONIOENCODING="ascii")
    for args in (["docs"], ["docs", "--json"], ["cite", "budapest-memorandum-1994"]):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_very_narrow_terminal_keeps_the_counts(script: Path) -> None:
    """At 20 columns the topic list stacks, so read counts and ids stay whole."""
    out = run("topics", env=environ_for_subprocess(COLUMNS="20")).stdout
    assert "0/" in out
    assert "not-one-inch" in "".join(out.split())


def _on_a_terminal(*args: str, **env_extra: str) -> bytes:
    """Run the script with stdout on a pseudo-terminal and return what it wrote."""
    import os
    import pty

    leader, follower = pty.openpty()
    env = environ_for_subprocess(**env_extra)
    if "NO_COLOR" not in env_extra:
        env.pop("NO_COLOR", None)
    if "TERM" not in env_extra:
        env["TERM"] = "xterm-256color"
    with subprocess.Popen([str(SCRIPT), *args], stdout=follower, stderr=follower, env=env) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed when the process ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


def test_a_real_terminal_gets_styles(script: Path) -> None:
    """On a terminal, styles are used (the check below can fail)."""
    assert b"\x1b[" in _on_a_terminal("progress")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminal_give_no_escape_codes(script: Path, env: dict[str, str]) -> None:
    """NO_COLOR=1 or TERM=dumb on a real terminal: no escape codes at all."""
    for args in (["progress"], ["topics"], ["doc", "budapest-memorandum-1994"]):
        out = _on_a_terminal(*args, **env)
        assert b"\x1b" not in out, out[:200]
        assert b"Budapest" in out or b"documents" in out or b"Topic" in out
