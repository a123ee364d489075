"""A progress line on stderr while reading many inputs; silent otherwise."""

from __future__ import annotations

import sys

from newsprism.model import Skipped

__all__ = ["SHOW_AFTER", "ReadProgress"]

# Below this many inputs a run is over before a bar would help.
SHOW_AFTER = 5


class ReadProgress:
    """Counts inputs as they are read; draws a Rich status line once past a handful.

    Quiet when disabled, or when stderr is not a terminal (pipes, CI, tests).
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.read = 0
        self.skipped = 0
        self._progress = None
        self._task = None

    def __enter__(self) -> ReadProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, item: object) -> None:
        if isinstance(item, Skipped):
            self.skipped += 1
        else:
            self.read += 1
        if not self.enabled or self.read + self.skipped < SHOW_AFTER:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("")
        self._progress.update(self._task, description=f"reading: {self.read} articles, {self.skipped} skipped")
