"""The articles-read view of `newsprism read --format text`: metadata, removed spans, a preview.

Text goes through Rich so a terminal gets a table and a pipe gets plain text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from newsprism.model import Article, Skipped

__all__ = ["articles_text"]

_PREVIEW_CHARS = 300


def articles_text(articles: Sequence[Article], skipped: Sequence[Skipped]) -> str:
    """A table of the articles read, then each article's removed boilerplate and opening, then what was skipped."""
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=False, color_system=None)
    table = Table(title=f"{len(articles)} articles read", title_justify="left")
    for column in ("id", "outlet", "title", "published", "dateline", "wire", "words", "removed"):
        table.add_column(column, overflow="fold")
    for a in articles:
        table.add_row(a.id[:8], a.outlet or "—", a.title or "—", a.published or "—", a.dateline or "—",
                      a.wire or "—", str(len(a.body.split())), str(len(a.boilerplate)))
    console.print(table)
    for a in articles:
        console.print(f"\n[{a.id[:8]}] {a.outlet or 'unknown outlet'} — {a.title or 'untitled'}  ({a.source})",
                      markup=False)
        if a.caption:
            console.print(f"  caption: {a.caption}", markup=False)
        for b in a.boilerplate:
            console.print(f"  removed {b.kind}: {_clip(b.text, 100)}", markup=False)
        console.print(_clip(a.body, _PREVIEW_CHARS), markup=False)
    if skipped:
        console.print(f"\n{len(skipped)} inputs skipped:")
        for s in skipped:
            console.print(f"  {s.source}: {s.reason}", markup=False)
    return buffer.getvalue()


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
