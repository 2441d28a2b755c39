"""Where the guide finds its content and keeps the reader's progress."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "nato-guide"
PROGRESS_ENV = "NATO_GUIDE_PROGRESS"
DATA_ENV = "NATO_GUIDE_DATA"
PROGRESS_FILENAME = "progress.toml"


def progress_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The progress file: ``--progress-file``, then ``$NATO_GUIDE_PROGRESS``, then the
    platform's user data directory (which honours ``$XDG_DATA_HOME`` on Linux)."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(PROGRESS_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # imported here: only commands that track progress pay for it

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / PROGRESS_FILENAME


OWN_DOCUMENTS_FILENAME = "my-documents.toml"


def own_documents_path(progress: Path) -> Path:
    """The reader's own documents live beside their progress file."""
    return progress.with_name(OWN_DOCUMENTS_FILENAME)


def cache_dir() -> Path:
    """The user cache folder (``$XDG_CACHE_HOME/nato-guide`` on Linux).

    On Linux the path is computed here, as platformdirs would, so that the hot path does
    not import it."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        root = Path(base) if base else Path.home() / ".cache"
        return root / APP_NAME
    import platformdirs  # pragma: no cover - other platforms

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)  # pragma: no cover


def data_dir() -> Path:
    """The content directory: ``$NATO_GUIDE_DATA``, else the content bundled with the
    package (in a wheel), else ``data/`` beside the package (in a source checkout)."""
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env).expanduser()
    here = Path(__file__).resolve().parent
    bundled = here / "data"
    if bundled.is_dir():
        return bundled
    return here.parent / "data"
