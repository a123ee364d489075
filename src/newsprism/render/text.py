"""The briefing for a terminal: Rich headings and tables, plain text when not a terminal."""

from __future__ import annotations

import io

from newsprism.brief import EMPTY, SECTIONS, Briefing

__all__ = ["render_text"]

WIDTH = 120
_SINGULAR = {"things counted": "thing counted", "dated events": "dated event"}


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_text(briefing: Briefing, color: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, force_terminal=color, color_system="standard" if color else None,
                      highlight=False)
    say = lambda text="", style=None: console.print(text, style=style, markup=False)  # noqa: E731

    def more(items, shown: int, what: str, indent: str = "") -> None:
        """A terminal's briefing lists the first few of a long list and says how many it left out (a list
        inside a list, indented, without the hint)."""
        left = len(items) - shown
        if left > 0:
            noun = what if left > 1 else _SINGULAR.get(what, what.rstrip("s"))
            say(f"{indent}… {left} more {noun}" + ("" if indent else " (all of them: --format md, html or json)"),
                "dim")
    a = briefing.analysis
    summary, agreed, disputed, single, speakers, numbers, timeline, framing, articles = SECTIONS
    say(briefing.title, "bold")
    console.rule(summary, style="cyan")
    if not briefing.summary:
        say(EMPTY[summary], "dim")
    for s in briefing.summary:
        sources = ", ".join(dict.fromkeys(briefing.outlet(c.article) for c in s.citations))
        say(f"• {s.text}  [{sources}]")
    console.rule(agreed, style="cyan")
    if not briefing.agreed:
        say(EMPTY[agreed], "dim")
    for fact in briefing.agreed[:12]:
        say(f"[{fact.status}, {fact.independent_sources} sources] {_clip(fact.text, 100)}", None)
    more(briefing.agreed, 12, "facts")
    console.rule(disputed, style="cyan")
    if not briefing.disputed:
        say(EMPTY[disputed], "dim")
    for conflict in briefing.disputed:
        say(f"{conflict.kind}: {conflict.about}", "yellow")
        say(f"  {conflict.explanation}")
        for n, side in enumerate(conflict.sides, 1):
            for e in side.evidence[:3]:
                say(f"  {n}. {_clip(e.text, 100)} — {briefing.outlet(e.article)}")
            more(side.evidence, 3, "sentences", "    ")
    console.rule(single, style="cyan")
    if not briefing.single:
        say(EMPTY[single], "dim")
    for article_id, facts in briefing.single.items():
        say(briefing.outlet(article_id), "bold")
        for fact in facts[:4]:
            say(f"  • {_clip(fact.text, 105)}")
        more(facts, 4, "claims", "    ")
    console.rule(speakers, style="cyan")
    if not briefing.speakers:
        say(EMPTY[speakers], "dim")
    for row in briefing.speakers[:15]:
        say(f"{row.speaker}" + (f" ({row.side_label})" if row.side_label else "") + f" — {len(row.quotes)} quotes", "bold")
        for q in row.quotes[:2]:
            say(f"  [{q.label}] {_clip(q.text, 95)} — {briefing.outlet(q.article)}")
        more(row.quotes, 2, "quotes", "    ")
    more(briefing.speakers, 15, "speakers")
    console.rule(numbers, style="cyan")
    if not briefing.numbers:
        say(EMPTY[numbers], "dim")
    for row in briefing.numbers[:15]:
        figures = "; ".join(f"{q.shown} ({briefing.outlet(q.article)})" for q in row.quantities[:4])
        say(f"{row.thing}{' (disputed)' if row.disputed else ''}: {_clip(figures, 100)}")
    more(briefing.numbers, 15, "things counted")
    console.rule(timeline, style="cyan")
    if not briefing.timeline:
        say(EMPTY[timeline], "dim")
    for e in briefing.timeline[:20]:
        say(f"{e.date}  {_clip(e.text, 90)} — {briefing.outlet(e.article)}")
    more(briefing.timeline, 20, "dated events")
    console.rule(framing, style="cyan")
    for line in a.framing.comparison:
        say(f"• {line}")
    console.rule(articles, style="cyan")
    table = Table(show_lines=False)
    for column in ("outlet", "title", "published", "wire", "folded into", "words", "removed"):
        table.add_column(column, overflow="fold")
    for article in briefing.articles:
        table.add_row(briefing.outlet(article.id), article.title or "—", article.published or "—",
                      article.wire or "—", briefing.outlet(article.duplicate_of) if article.duplicate_of else "—",
                      str(len(article.body.split())), str(len(article.boilerplate)))
    for article in briefing.not_analysed:
        table.add_row(briefing.outlet(article.id), article.title or "—", article.published or "—", article.wire or "—",
                      "—", str(len(article.body.split())),
                      f"language {article.language}: numbers and dates only, the rest not analysed")
    console.print(table)
    for s in briefing.skipped:
        say(f"skipped: {s.source}: {s.reason}", "red")
    return buffer.getvalue()
