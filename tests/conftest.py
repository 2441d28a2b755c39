"""Shared fixtures: every test runs with its progress file in a temp dir, never the real
home, and with a fixed, colourless terminal so rendered output is stable."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from typer.testing import CliRunner

from nato_guide.content import PERSPECTIVE_IDS

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
_SESSION_HOME: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Before anything is collected, point home and every user folder at a scratch
    folder, so that not even import-time code can touch the real home."""
    global _SESSION_HOME
    _SESSION_HOME = Path(tempfile.mkdtemp(prefix="nato-guide-tests-"))
    os.environ["HOME"] = str(_SESSION_HOME)
    for name, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        os.environ[name] = str(_SESSION_HOME / sub)
    os.environ["NATO_GUIDE_PROGRESS"] = str(_SESSION_HOME / "progress.toml")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the scratch home."""
    if _SESSION_HOME is not None:
        shutil.rmtree(_SESSION_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every user folder and the progress file at a temp dir; fix the terminal."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    progress = tmp_path / "progress.toml"
    monkeypatch.setenv("NATO_GUIDE_PROGRESS", str(progress))
    monkeypatch.delenv("NATO_GUIDE_DATA", raising=False)
    for name in ("FORCE_COLOR", "PY_COLORS", "CLICOLOR_FORCE", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    yield progress


@pytest.fixture
def progress_file(isolated_env: Path) -> Path:
    """The progress file the CLI uses in this test (not created yet)."""
    return isolated_env


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner that keeps stdout and stderr apart."""
    return CliRunner()


def run(runner: CliRunner, *args: str, code: int = 0, input: str | None = None) -> Any:
    """Invoke the guide in-process and check its exit code."""
    from nato_guide.cli import app

    result = runner.invoke(app, list(args), catch_exceptions=False, input=input)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def run_json(runner: CliRunner, *args: str) -> Any:
    """Invoke a command with --json: nothing on stderr, only JSON on stdout."""
    import json

    result = run(runner, *args, "--json")
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- a small, valid content set for loader tests ----------------------------------------


def _view(pid: str, docs: list[str]) -> dict[str, Any]:
    words = " ".join(["word"] * 150)
    return {
        "perspective": pid,
        "position": f"The {pid} position.",
        "argument": f"{pid.title()} argues. {words}",
        "objection": "Critics object. " + " ".join(["word"] * 50),
        "documents": docs,
    }


def minimal_content() -> dict[str, Any]:
    """A small content set (as TOML-ready dicts) that passes validation."""
    return {
        "guide.toml": {
            "question": "Is this a test?",
            "intro": "A test guide.",
            "topics": ["alpha", "beta"],
        },
        "perspectives.toml": {
            "perspective": [
                {
                    "id": pid,
                    "name": f"The {pid} view",
                    "short": pid.title(),
                    "thesis": f"What {pid} holds.",
                    "proponents": [f"A {pid} scholar"],
                    "assumptions": ["An assumption."],
                    "weakened_by": "Some evidence.",
                    "documents": ["doc-one"],
                }
                for pid in PERSPECTIVE_IDS
            ]
        },
        "documents.toml": {
            "document": [
                {
                    "id": "doc-one",
                    "title": "Document One",
                    "date": "1990-02-09",
                    "issuer": "Issuer One",
                    "kind": "treaty",
                    "url": "https://example.org/one",
                    "minutes": 5,
                    "why": "It matters.",
                    "language": "English",
                    "translation": False,
                    "link_text": "full text",
                    "provenance": "The official text, as published by its issuer.",
                    "quote": [{"pinpoint": "Art. 1", "text": "The first article."}],
                    "reading": [
                        {
                            "perspective": "kremlin",
                            "text": "Moscow reads it so.",
                            "passage": "The first article.",
                        }
                    ],
                },
                {
                    "id": "doc-two",
                    "title": "Document Two",
                    "date": "2008-04",
                    "issuer": "Issuer Two",
                    "kind": "declaration",
                    "url": "https://example.org/two",
                    "minutes": 10,
                    "why": "It matters too.",
                },
                {
                    "id": "doc-three",
                    "title": "Document Three",
                    "date": "2021",
                    "issuer": "Issuer Three",
                    "kind": "essay",
                    "url": "https://example.org/three",
                    "minutes": 30,
                    "why": "It matters as well.",
                },
            ]
        },
        "topics/alpha.toml": {
            "id": "alpha",
            "title": "Alpha",
            "question": "Alpha?",
            "summary": "About alpha.",
            "documents": ["doc-one", "doc-two"],
            "quote": [{"document": "doc-one", "pinpoint": "Art. 1", "text": "The first article."}],
            "view": [_view(pid, ["doc-one"]) for pid in PERSPECTIVE_IDS],
            "record": [{"text": "A fact.", "documents": ["doc-one"]}],
        },
        "timeline.toml": {
            "event": [
                {
                    "date": "1949-04-04",
                    "title": "Founding",
                    "kind": "treaty",
                    "joined": ["Atlantis", "Borduria"],
                    "members": 2,
                    "documents": ["doc-one"],
                    "topics": ["alpha"],
                },
                {
                    "date": "1990-02",
                    "title": "A conversation",
                    "kind": "speech",
                    "text": "Words were said.",
                    "documents": ["doc-one"],
                    "topics": ["alpha"],
                },
                {
                    "date": "2008-04-03",
                    "title": "A summit",
                    "kind": "summit",
                    "documents": ["doc-two"],
                    "topics": ["beta"],
                },
                {
                    "date": "2023-04-04",
                    "title": "Carpania joins",
                    "kind": "enlargement",
                    "joined": ["Carpania"],
                    "members": 3,
                    "documents": [],
                    "topics": ["beta"],
                },
            ]
        },
        "glossary.toml": {
            "term": [
                {
                    "id": "open-door",
                    "term": "Open door",
                    "summary": 'Who may join, and who decides: "The first article."',
                    "documents": ["doc-one"],
                    "topics": ["alpha"],
                    "quote": [
                        {"document": "doc-one", "pinpoint": "Art. 1", "text": "The first article."}
                    ],
                    "usage": [
                        {"perspective": pid, "text": f"How {pid} uses it."}
                        for pid in PERSPECTIVE_IDS
                    ],
                }
            ]
        },
        "paths.toml": {
            "path": [
                {
                    "id": "short",
                    "title": "A short path",
                    "summary": "Two texts, one answering the other.",
                    "minutes": 20,
                    "step": [
                        {"document": "doc-one", "why": "The claim."},
                        {
                            "document": "doc-three",
                            "part": "section 2",
                            "minutes": 8,
                            "why": "Its rebuttal.",
                        },
                    ],
                },
                {
                    "id": "kremlin-own-words",
                    "title": "The Kremlin in its own words",
                    "summary": "Its texts.",
                    "minutes": 60,
                    "perspective": "kremlin",
                    "step": [{"document": "doc-one", "why": "Its founding text."}],
                },
            ]
        },
        "topics/beta.toml": {
            "id": "beta",
            "title": "Beta",
            "question": "Beta?",
            "summary": "About beta.",
            "documents": ["doc-three"],
            "view": [
                _view(pid, ["doc-two"] if pid == "western" else []) for pid in PERSPECTIVE_IDS
            ],
            "record": [{"text": "Another fact.", "documents": ["doc-three"]}],
        },
    }


def write_content(directory: Path, files: dict[str, Any]) -> Path:
    """Write a content set (file name -> TOML dict) into *directory*."""
    (directory / "topics").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (directory / name).write_text(tomli_w.dumps(data), encoding="utf-8")
    return directory


@pytest.fixture
def small_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal valid content directory, selected through NATO_GUIDE_DATA."""
    directory = write_content(tmp_path / "content", minimal_content())
    monkeypatch.setenv("NATO_GUIDE_DATA", str(directory))
    return directory


def environ_for_subprocess(**extra: str) -> dict[str, str]:
    """The current (isolated) environment plus *extra*, for subprocess tests."""
    env = dict(os.environ)
    env.update(extra)
    return env
