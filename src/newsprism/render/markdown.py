"""The briefing as Markdown: the same sections as every other format."""

from __future__ import annotations

from newsprism.brief import EMPTY, SECTIONS, Briefing, side_label

__all__ = ["render_markdown"]

_NOT_ANALYSED = "numbers and dates read; quotes, facts, conflicts and framing not analysed (English models only)"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _cite(briefing: Briefing, citations) -> str:
    outlets = dict.fromkeys(briefing.outlet(c.article) for c in citations)
    return "[" + "; ".join(outlets) + "]"


def render_markdown(briefing: Briefing) -> str:
    a = briefing.analysis
    out = [f"# {_cell(briefing.title)}", ""]
    summary, agreed, disputed, single, speakers, numbers, timeline, framing, articles = SECTIONS
    out += [f"## {summary}", ""]
    out += [f"- {_cell(s.text)} {_cite(briefing, s.citations)}" for s in briefing.summary] or [f"*{EMPTY[summary]}*"]
    out += ["", f"## {agreed}", ""] + ([] if briefing.agreed else [f"*{EMPTY[agreed]}*"])
    for fact in briefing.agreed[:20]:
        sources = ", ".join(briefing.outlet(x) for x in fact.articles)
        out.append(f"- **{fact.status}, {fact.independent_sources} sources**: {_cell(fact.text)} ({_cell(sources)})")
    out += ["", f"## {disputed}", ""] + ([] if briefing.disputed else [f"*{EMPTY[disputed]}*", ""])
    for conflict in briefing.disputed:
        out.append(f"### {conflict.kind}: {_cell(conflict.about)}")
        out.append(f"{_cell(conflict.explanation)}")
        for n, side in enumerate(conflict.sides, 1):
            for e in side.evidence:
                out.append(f"{n}. {_cell(e.text)} ({_cell(briefing.outlet(e.article))})")
        out.append("")
    out += [f"## {single}", ""] + ([] if briefing.single else [f"*{EMPTY[single]}*", ""])
    for article_id, facts in briefing.single.items():
        out.append(f"### {_cell(briefing.outlet(article_id))}")
        out += [f"- {_cell(f.text)}" for f in facts[:8]]
        out.append("")
    out += [f"## {speakers}", ""] + ([] if briefing.speakers else [f"*{EMPTY[speakers]}*", ""])
    for row in briefing.speakers:
        out.append(f"### {_cell(row.speaker)}" + (f" ({row.side_label})" if row.side_label else ""))
        out += [f"- *{q.label}*: {_cell(q.text)} ({_cell(briefing.outlet(q.article))})" for q in row.quotes[:6]]
        out.append("")
    out += [f"## {numbers}", "", "| counted | figures |", "|---|---|"]
    for row in briefing.numbers:
        figures = "; ".join(f"{q.shown} ({briefing.outlet(q.article)})" for q in row.quantities)
        out.append(f"| {_cell(row.thing)}{' (disputed)' if row.disputed else ''} | {_cell(figures)} |")
    out += ["", f"## {timeline}", ""]
    out += [f"- **{e.date}** {_cell(e.text)} ({_cell(briefing.outlet(e.article))})" for e in briefing.timeline] \
        or [f"*{EMPTY[timeline]}*"]
    out += ["", f"## {framing}", ""]
    out += [f"- {_cell(line)}" for line in a.framing.comparison]
    out += ["", "| outlet | naming | scare quotes | labels (own voice) | unnamed sources | voices |",
            "|---|---|---|---|---|---|"]
    for article in briefing.articles:
        f = a.framing.articles[article.id]
        naming = ", ".join(f"{k}: {v if isinstance(v, str) else '/'.join(v)}" for k, v in f.naming.items())
        labels = ", ".join(l["text"] for l in f.labels if l["voice"] == "outlet")
        voices = ", ".join(f"{side_label(side)} {share:.0%}" for side, share in f.voices.items())
        out.append(f"| {_cell(briefing.outlet(article.id))} | {_cell(naming)} | "
                   f"{_cell(', '.join(i['term'] for i in f.scare_quotes))} | {_cell(labels)} | "
                   f"{len(f.unnamed_sources)} | {_cell(voices)} |")
    out += ["", f"## {articles}", "", "| outlet | title | published | wire | folded into | removed |",
            "|---|---|---|---|---|---|"]
    for article in briefing.articles:
        out.append(f"| {_cell(briefing.outlet(article.id))} | {_cell(article.title or '—')} | "
                   f"{article.published or '—'} | {article.wire or '—'} | "
                   f"{_cell(briefing.outlet(article.duplicate_of)) if article.duplicate_of else '—'} | "
                   f"{_cell(', '.join(sorted({b.kind for b in article.boilerplate})) or '—')} |")
    for article in briefing.not_analysed:
        out.append(f"| {_cell(briefing.outlet(article.id))} | {_cell(article.title or '—')} | "
                   f"{article.published or '—'} | {article.wire or '—'} | — | language {article.language}: "
                   f"{_NOT_ANALYSED} |")
    if briefing.skipped:
        out += ["", "Skipped inputs:", ""] + [f"- `{_cell(s.source)}`: {_cell(s.reason)}" for s in briefing.skipped]
    return "\n".join(out) + "\n"
