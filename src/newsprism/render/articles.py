"""The articles-read view: the first briefing, until the analysis stages land.

Text goes through Rich so a terminal gets a table and a pipe gets plain text.
"""

from __future__ import annotations

import io
from pathlib import Path
import json
from collections.abc import Sequence

from newsprism.model import Article, Skipped

__all__ = ["articles_markdown", "articles_text", "report_json", "REPORT_SCHEMA_ID"]

REPORT_SCHEMA_ID = "newsprism.report/1"
_PREVIEW_CHARS = 300


def report_json(articles: Sequence[Article], skipped: Sequence[Skipped], extraction=None, alignment=None,
                conflicts=(), framing=None, independence=None) -> str:
    """The JSON report of the contract; sections the analysis has not filled are empty."""
    report = {
        "schema": REPORT_SCHEMA_ID,
        "articles": [a.to_record() for a in articles],
        "actors": [a.to_record() for a in extraction.actors] if extraction else [],
        "quotes": [q.to_record() for q in extraction.quotes] if extraction else [],
        "quantities": [q.to_record() for q in extraction.quantities] if extraction else [],
        "timeline": [t.to_record() for t in extraction.timeline] if extraction else [],
        "sources": [{"articles": list(g.articles), "reason": g.reason} for g in independence.groups]
        if independence else [],
        "facts": [f.to_record() for f in alignment.facts] if alignment else [],
        "conflicts": [c.to_record() for c in conflicts],
        "framing": {aid: f.to_record() for aid, f in framing.articles.items()} if framing else {},
        "framing_comparison": list(framing.comparison) if framing else [],
        "summary": [],
        "skipped": [s.to_record() for s in skipped],
    }
    return json.dumps(report, ensure_ascii=False, indent=2)


def articles_text(articles: Sequence[Article], skipped: Sequence[Skipped], extraction=None, full: bool = False,
                  alignment=None, conflicts=(), framing=None) -> str:
    """A table of the articles read (outlet, title, date, wire), then what was skipped."""
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
    if full:
        for a in articles:
            console.print(f"\n[{a.id[:8]}] {a.outlet or 'unknown outlet'} — {a.title or 'untitled'}  ({a.source})",
                          markup=False)
            if a.caption:
                console.print(f"  caption: {a.caption}", markup=False)
            for b in a.boilerplate:
                console.print(f"  removed {b.kind}: {_clip(b.text, 100)}", markup=False)
            console.print(_clip(a.body, _PREVIEW_CHARS), markup=False)
    if alignment is not None:
        _comparison_text(console, articles, alignment, conflicts)
    if framing is not None:
        console.print("\nHow each outlet frames it", style="bold")
        for line in framing.comparison:
            console.print(f"  {line}", markup=False)
    if extraction is not None:
        _extraction_text(console, articles, extraction)
    if skipped:
        console.print(f"\n{len(skipped)} inputs skipped:")
        for s in skipped:
            console.print(f"  {s.source}: {s.reason}", markup=False)
    return buffer.getvalue()


def _comparison_text(console, articles: Sequence[Article], alignment, conflicts) -> None:
    """What the independent sources agree on, and where they contradict each other."""
    outlet = {a.id: a.outlet or Path(a.source).name for a in articles}
    shared = [f for f in alignment.facts if f.status != "single_source"]
    shared.sort(key=lambda f: (-f.independent_sources, f.id))
    console.print("\nWhat the reports agree on", style="bold")
    for fact in shared[:10]:
        sources = ", ".join(outlet[a] for a in fact.articles)
        console.print(f"  [{fact.status}, {fact.independent_sources} sources] {_clip(fact.text, 110)} — {sources}",
                      markup=False)
    console.print("\nDisputed", style="bold")
    for conflict in conflicts:
        console.print(f"  [{conflict.kind}] {conflict.about}: {conflict.explanation}", markup=False)
        for n, side in enumerate(conflict.sides, 1):
            for sentence in side.evidence[:2]:
                console.print(f"    {n}. {_clip(sentence.text, 110)} — {outlet[sentence.article]}", markup=False)


def _extraction_text(console, articles: Sequence[Article], extraction) -> None:
    """Who said what, the numbers and the timeline, each line naming its outlet."""
    outlet = {a.id: a.outlet or Path(a.source).name for a in articles}
    console.print("\nWho said what", style="bold")
    by_speaker: dict[str, list] = {}
    for quote in extraction.quotes:
        by_speaker.setdefault(quote.speaker, []).append(quote)
    for speaker, quotes in sorted(by_speaker.items(), key=lambda kv: -len(kv[1]))[:12]:
        console.print(f"  {speaker} ({len(quotes)})", markup=False)
        for quote in quotes[:3]:
            console.print(f"    [{quote.kind}] {_clip(quote.text, 110)} — {outlet[quote.article]}", markup=False)
    console.print("\nNumbers", style="bold")
    for quantity in [q for q in extraction.quantities if q.of][:15]:
        console.print(f"  {quantity.text} ({quantity.of}) — {outlet[quantity.article]}", markup=False)
    console.print("\nTimeline", style="bold")
    for entry in extraction.timeline[:15]:
        console.print(f"  {entry.date}  {_clip(entry.text, 100)} — {outlet[entry.article]}", markup=False)


def articles_markdown(articles: Sequence[Article], skipped: Sequence[Skipped], extraction=None) -> str:
    """The same table as Markdown."""
    lines = [f"## Articles read ({len(articles)})", "",
             "| id | outlet | title | published | dateline | wire | words |", "|---|---|---|---|---|---|---|"]
    for a in articles:
        cells = [a.id[:8], a.outlet or "—", a.title or "—", a.published or "—", a.dateline or "—",
                 a.wire or "—", str(len(a.body.split()))]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    if skipped:
        lines += ["", f"## Skipped inputs ({len(skipped)})", ""]
        lines += [f"- `{_md_cell(s.source)}`: {_md_cell(s.reason)}" for s in skipped]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
