"""Where the guide finds its content and keeps the reader's progress."""

from __future__ import annotations

import os
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
