"""What `newsprism batch` shows on a terminal: a Rich progress bar per stage, the Dask dashboard link, and
the summary at the end (articles read, skipped with reasons, events, time per stage)."""

from __future__ import annotations

import sys
from collections import Counter

__all__ = ["BatchProgress", "summary_lines"]


class BatchProgress:
    """A bar per stage on stderr when it is a terminal; otherwise one line per finished stage."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.live = enabled and sys.stderr.isatty()
        self._progress = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> BatchProgress:
        if self.live:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(stderr=True))
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def dashboard(self, link: str | None) -> None:
        if self.enabled and link:
            print(f"Dask dashboard: {link}", file=sys.stderr, flush=True)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._progress is not None:
            if stage not in self._tasks:
                self._tasks[stage] = self._progress.add_task(stage, total=total)
            self._progress.update(self._tasks[stage], completed=done, total=total)
        elif done == total:
            print(f"{stage}: {total} tasks done", file=sys.stderr, flush=True)


def summary_lines(summary) -> list[str]:
    """The end-of-run summary, one line each."""
    if not summary.written:
        return ["nothing to do: this job is already complete in the output folder"]
    reasons = Counter(s.reason.split(":")[0][:80] for s in summary.skipped)
    lines = [f"{summary.articles} articles read, {len(summary.skipped)} inputs skipped, {summary.events} events, "
             f"{summary.analysed} analysed (two or more independent sources)"]
    lines += [f"  skipped {n}x: {reason}" for reason, n in reasons.most_common(10)]
    lines.append("wall seconds per phase: " + ", ".join(f"{k} {v:.1f}" for k, v in summary.seconds.items()))
    lines.append("worker seconds per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in summary.work.items()))
    return lines
