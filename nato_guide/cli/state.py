"""What a command needs from the core, loaded once and only when asked for."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

    from nato_guide.content import Content
    from nato_guide.progress import Progress, ProgressStore


class Session:
    """The content and the reader's progress for one invocation.

    A plain class: a dataclass would import :mod:`inspect`, a noticeable part of a start.
    """

    def __init__(self, progress_file: Path | None = None) -> None:
        self.progress_file = progress_file
        self._progress: Progress | None = None

    @staticmethod
    def of(ctx: typer.Context) -> Session:
        """The session the root callback stored on the context."""
        obj = ctx.find_root().obj
        if not isinstance(obj, Session):  # e.g. a command invoked without the callback
            obj = Session()
            ctx.find_root().obj = obj
        return obj

    @cached_property
    def content(self) -> Content:
        """The validated content."""
        from nato_guide.content import load_content, with_own_documents
        from nato_guide.paths import own_documents_path

        return with_own_documents(load_content(), own_documents_path(self.store.target))

    @cached_property
    def store(self) -> ProgressStore:
        """The progress store at the chosen path."""
        from nato_guide.paths import progress_path
        from nato_guide.progress import ProgressStore

        return ProgressStore(progress_path(self.progress_file))

    def reload(self) -> None:
        """Forget the progress read so far (after this command changed it)."""
        self._progress = None

    @property
    def progress(self) -> Progress:
        """The reader's progress as it is on disk."""
        if self._progress is None:
            self._progress = self.store.load()
        return self._progress
