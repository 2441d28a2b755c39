"""Real processes against one progress file: concurrent writers lose nothing, readers never
see a half-written file, and a writer killed mid-write leaves the old or the new file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import environ_for_subprocess, minimal_content, write_content
from nato_guide.progress import ProgressStore

N_PROCESSES = 20


@pytest.fixture
def twenty_documents(tmp_path: Path) -> Path:
    """A content set with enough documents for twenty writers."""
    files: dict[str, Any] = minimal_content()
    base = files["documents.toml"]["document"][0]
    for n in range(N_PROCESSES):
        doc = dict(base, id=f"extra-{n:02d}", title=f"Extra {n}")
        doc.pop("quote")
        doc.pop("reading")
        files["documents.toml"]["document"].append(doc)
    return write_content(tmp_path / "content", files)


def _run_all(commands: list[list[str]], env: dict[str, str]) -> None:
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for cmd in commands
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()


def test_twenty_processes_marking_at_once_lose_nothing(
    twenty_documents: Path, progress_file: Path
) -> None:
    """20 nato-guide processes marking 20 different documents at once, twice over: every
    mark is recorded and the file stays valid."""
    env = environ_for_subprocess(NATO_GUIDE_DATA=str(twenty_documents))
    ids = [f"extra-{n:02d}" for n in range(N_PROCESSES)]
    cli = [sys.executable, "-m", "nato_guide"]

    _run_all([[*cli, "read", did] for did in ids], env)
    progress = ProgressStore(progress_file).load()
    assert sorted(d for d in progress.entries if progress.is_read(d)) == ids

    _run_all([[*cli, "unread", did] for did in ids[::2]], env)
    progress = ProgressStore(progress_file).load()
    assert sorted(d for d in progress.entries if progress.is_read(d)) == ids[1::2]
    assert sorted(progress.entries) == ids


WRITER = """
import sys
from pathlib import Path
from nato_guide.progress import ProgressStore
store = ProgressStore(Path(sys.argv[1]))
ids = [f"doc-{n:03d}" for n in range(200)]
print("ready", flush=True)
n = 0
while True:
    store.mark(ids[n % 200 : n % 200 + 1], "read" if (n // 200) % 2 == 0 else "unread")
    n += 1
"""


def test_reader_never_sees_a_half_written_file(tmp_path: Path) -> None:
    """While a writer rewrites the file as fast as it can, every read parses."""
    path = tmp_path / "p" / "progress.toml"
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    ) as writer:
        try:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            store = ProgressStore(path)
            reads = 0
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline:
                store.load()  # raises ProgressError on a torn file
                reads += 1
        finally:
            writer.kill()
    assert reads > 50
    assert len(store.load().entries) > 0


def test_writer_killed_mid_write_leaves_a_valid_file(tmp_path: Path) -> None:
    """SIGKILL at random moments, again and again: the file is always whole and parses."""
    path = tmp_path / "p" / "progress.toml"
    rng = random.Random(1990)
    seen = 0
    for _ in range(12):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.005, 0.08))
            writer.send_signal(signal.SIGKILL)
        if path.exists():
            progress = ProgressStore(path).load()
            assert path.read_bytes().startswith(b"# nato-guide reading progress")
            seen = max(seen, len(progress.entries))
    assert seen > 0
    ProgressStore(path).mark(["after"], "read")
    assert sorted(p.name for p in path.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]
