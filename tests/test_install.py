"""The built wheel carries the content: build it, install it into a fresh virtual
environment, and run the guide from outside the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, REPO, environ_for_subprocess


def _uv() -> list[str] | None:
    """The uv that runs the tests (``uv run`` exports its path as ``UV``), else one on PATH."""
    for candidate in (os.environ.get("UV"), shutil.which("uv")):
        if candidate and Path(candidate).exists():
            return [candidate]
    probe = subprocess.run(
        [sys.executable, "-m", "uv", "--version"], capture_output=True, check=False
    )
    return [sys.executable, "-m", "uv"] if probe.returncode == 0 else None


def _run(
    command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout."""
    uv = _uv()
    if uv is None:  # pragma: no cover - uv is how the project is run
        if os.environ.get("CI"):
            pytest.fail("uv is needed to build the wheel, and CI must run this test")
        pytest.skip("uv is needed to build the wheel")
    out = tmp_path_factory.mktemp("dist")
    _run([*uv, "build", "--wheel", "--out-dir", str(out), str(REPO)])
    (built,) = out.glob("nato_guide-*.whl")
    return built


def test_wheel_contains_all_content(wheel: Path) -> None:
    """Every file of data/ is inside the wheel, under nato_guide/data/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in DATA.rglob("*.toml"):
        assert f"nato_guide/data/{path.relative_to(DATA).as_posix()}" in names


def test_installed_wheel_runs_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    """Installed in a fresh venv, the guide runs from another folder with its bundled content."""
    uv = _uv()
    assert uv is not None
    venv = tmp_path / "venv"
    env = environ_for_subprocess()
    for name in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "NATO_GUIDE_DATA"):
        env.pop(name, None)
    _run([*uv, "venv", "--quiet", str(venv)], env=env)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([*uv, "pip", "install", "--quiet", "--python", str(python), str(wheel)], env=env)
    script = python.with_name("nato-guide")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    topics = _run([str(script), "topics", "--json"], cwd=elsewhere, env=env)
    ids = [t["id"] for t in json.loads(topics.stdout)]
    assert "not-one-inch" in ids and "december-2021-drafts" in ids

    shown = _run([str(script), "topic", "bucharest-2008"], cwd=elsewhere, env=env)
    assert "What the record shows" in shown.stdout

    _run([str(script), "read", "budapest-memorandum-1994"], cwd=elsewhere, env=env)
    progress = json.loads(_run([str(script), "progress", "--json"], cwd=elsewhere, env=env).stdout)
    assert progress["read"] == 1
