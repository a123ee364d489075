"""The briefing as one self-contained HTML page.

No network requests: the CSS, the script and the charts (inline SVG) are in
the page. Every cited sentence links to its passage in an article view lower
on the page, where the passage is highlighted. All article text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from newsprism.brief import EMPTY, SECTIONS, Briefing, side_label
from newsprism.model import GENERATOR

__all__ = ["render_html"]

# Concepts whose wording splits by outlet shown in the word-choice table, the most named first.
WORD_CHOICE_ROWS = 12
_SIDE_COLOURS = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
                 "#bab0ac"]
_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f2937;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
nav{background:#fff;border-bottom:1px solid #ddd;padding:8px 28px;position:sticky;top:0;z-index:2}
nav a{margin-right:14px;color:#2563eb;text-decoration:none;font-size:14px}
main{max-width:1100px;margin:0 auto;padding:8px 28px 60px}
h2{border-bottom:2px solid #e5e7eb;padding-bottom:4px;margin-top:34px}h3{margin:18px 0 6px;font-size:16px}
.cite{font-size:12px;margin-left:4px;color:#2563eb;text-decoration:none;border:1px solid #bfdbfe;border-radius:3px;padding:0 3px}
.tag{display:inline-block;font-size:12px;background:#eef2ff;border-radius:3px;padding:0 5px;margin-right:6px}
.side1{color:#1e40af}.side2{color:#b91c1c}table{border-collapse:collapse;width:100%;font-size:14px}
td,th{border:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f4f6}
.article{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:10px 18px;margin:14px 0}
.article p{white-space:pre-wrap}.seg.cited{background:#fef9c3}.seg.hl{background:#fde047;outline:2px solid #ca8a04}
.muted{color:#6b7280;font-size:13px}svg text{font:12px system-ui,sans-serif}
"""
_SCRIPT = """
document.addEventListener('click',function(ev){var a=ev.target.closest('a.cite');if(!a)return;
var id=a.getAttribute('data-span');document.querySelectorAll('.seg.hl').forEach(function(s){s.classList.remove('hl')});
var first=null;document.querySelectorAll('.seg').forEach(function(s){if((' '+s.dataset.spans+' ').indexOf(' '+id+' ')>=0){
s.classList.add('hl');if(!first)first=s;}});if(first){ev.preventDefault();first.scrollIntoView({block:'center'});
history.replaceState(null,'','#'+id);}});
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _span_id(article: str, start: int, end: int) -> str:
    return f"s-{article}-{start}-{end}"


class _Cites:
    """Collects every cited span so the article views can mark them."""

    def __init__(self) -> None:
        self.spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.count = 0

    def link(self, article: str, start: int, end: int, label: str | None = None) -> str:
        self.spans[article].add((start, end))
        self.count += 1
        sid = _span_id(article, start, end)
        return f'<a class="cite" href="#{sid}" data-span="{sid}">{_e(label or self.count)}</a>'


def _empty(message: str) -> str:
    """An empty list's one line: what the section found nothing of."""
    return f'<li class="muted">{_e(message)}</li>'


def _labelled(briefing: Briefing, spans) -> list[str]:
    """Each cited span's chip label: its outlet, numbered from the second span of one outlet on
    ("The Capital Times", "The Capital Times 2"), so two chips never read as one source cited twice."""
    seen: Counter = Counter()
    labels = []
    for span in spans:
        name = briefing.outlet(span.article)
        seen[name] += 1
        labels.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return labels


def render_html(briefing: Briefing) -> str:
    cites = _Cites()
    a = briefing.analysis
    summary, agreed, disputed, single, speakers, numbers, timeline, framing, articles = SECTIONS
    ids = {name: f"sec-{i}" for i, name in enumerate(SECTIONS)}
    parts = [f'<section id="{ids[summary]}"><h2>{_e(summary)}</h2><ul>']
    for s in briefing.summary:
        links = "".join(cites.link(c.article, c.start, c.end, label)
                        for c, label in zip(s.citations, _labelled(briefing, s.citations)))
        parts.append(f"<li>{_e(s.text)} {links}</li>")
    parts.append(_empty(EMPTY[summary]) if not briefing.summary else "")
    parts.append("</ul></section>")
    parts.append(f'<section id="{ids[agreed]}"><h2>{_e(agreed)}</h2>{_coverage_svg(briefing)}<ul>')
    for fact in briefing.agreed[:25]:
        links = "".join(cites.link(e.article, e.start, e.end, label)
                        for e, label in zip(fact.evidence, _labelled(briefing, fact.evidence)))
        parts.append(f'<li><span class="tag">{_e(fact.status)} · {fact.independent_sources} sources</span>'
                     f"{_e(fact.text)} {links}</li>")
    parts.append(_empty(EMPTY[agreed]) if not briefing.agreed else "")
    parts.append(f'</ul></section><section id="{ids[disputed]}"><h2>{_e(disputed)}</h2>')
    parts.append(f'<p class="muted">{_e(EMPTY[disputed])}</p>' if not briefing.disputed else "")
    for conflict in briefing.disputed:
        parts.append(f'<h3><span class="tag">{_e(conflict.kind)}</span>{_e(conflict.about)}</h3>'
                     f'<p class="muted">{_e(conflict.explanation)}</p><ol>')
        for n, side in enumerate(conflict.sides, 1):
            for e in side.evidence:
                parts.append(f'<li class="side{min(n, 2)}">{_e(e.text)} '
                             f"{cites.link(e.article, e.start, e.end, briefing.outlet(e.article))}</li>")
        parts.append("</ol>")
    parts.append(f'</section><section id="{ids[single]}"><h2>{_e(single)}</h2>')
    parts.append(f'<p class="muted">{_e(EMPTY[single])}</p>' if not briefing.single else "")
    for article_id, facts in briefing.single.items():
        parts.append(f"<h3>{_e(briefing.outlet(article_id))}</h3><ul>")
        for fact in facts[:8]:
            e = fact.evidence[0]
            parts.append(f"<li>{_e(fact.text)} {cites.link(e.article, e.start, e.end, '↗')}</li>")
        parts.append("</ul>")
    parts.append(f'</section><section id="{ids[speakers]}"><h2>{_e(speakers)}</h2>{_voices_svg(briefing)}')
    parts.append(f'<p class="muted">{_e(EMPTY[speakers])}</p>' if not briefing.speakers else "")
    for row in briefing.speakers:
        parts.append(f"<h3>{_e(row.speaker)}" + (f' <span class="tag">{_e(row.side_label)}</span>' if row.side_label else "")
                     + "</h3><ul>")
        for q in row.quotes[:6]:
            parts.append(f'<li><span class="tag">{_e(q.label)}</span>{_e(q.text)} '
                         f"{cites.link(q.article, q.start, q.end, briefing.outlet(q.article))}</li>")
        parts.append("</ul>")
    parts.append(f'</section><section id="{ids[numbers]}"><h2>{_e(numbers)}</h2><table>'
                 "<tr><th>counted</th><th>figures</th></tr>")
    for row in briefing.numbers:
        figures = " · ".join(f"{_e(q.shown)} {cites.link(q.article, q.start, q.end, briefing.outlet(q.article))}"
                             for q in row.quantities)
        parts.append(f"<tr><td>{_e(row.thing)}{' <b>(disputed)</b>' if row.disputed else ''}</td><td>{figures}</td></tr>")
    if not briefing.numbers:
        parts.append(f'<tr><td colspan="2" class="muted">{_e(EMPTY[numbers])}</td></tr>')
    parts.append(f'</table></section><section id="{ids[timeline]}"><h2>{_e(timeline)}</h2>{_timeline_svg(briefing)}<ul>')
    parts.append(_empty(EMPTY[timeline]) if not briefing.timeline else "")
    for entry in briefing.timeline:
        parts.append(f"<li><b>{_e(entry.date)}</b> {_e(entry.text)} "
                     f"{cites.link(entry.article, entry.start, entry.end, briefing.outlet(entry.article))}</li>")
    parts.append(f'</ul></section><section id="{ids[framing]}"><h2>{_e(framing)}</h2><ul>')
    parts += [f"<li>{_e(line)}</li>" for line in a.framing.comparison]
    parts.append("</ul>")
    worded = [c for c in a.framing.concepts if c.splits][:WORD_CHOICE_ROWS]
    if worded:
        parts.append("<h3>Word choice</h3><table><tr><th>concept</th><th>words only one outlet uses for it</th></tr>")
        for concept in worded:
            cells = "; ".join(
                f"{_e(briefing.outlet(aid))}: <b>{_e(', '.join(items[0]['words']))}</b> "
                f"<span class='muted'>“{_e(items[0]['text'])}”</span>"
                f"{cites.link(aid, items[0]['start'], items[0]['end'], '↗')}"
                for aid, items in concept.only.items() if aid in a.framing.articles)
            parts.append(f"<tr><td>{_e(concept.name)}</td><td>{cells}</td></tr>")
        parts.append("</table>")
    word_concepts = {c.name for c in a.framing.concepts}
    parts.append("<table><tr><th>outlet</th><th>naming</th><th>scare quotes</th><th>labels</th>"
                 "<th>unnamed sources</th><th>voices</th><th>omits</th></tr>")
    for article in briefing.articles:
        f = a.framing.articles[article.id]
        naming = ", ".join(f"{k}: {v if isinstance(v, str) else '/'.join(v)}" for k, v in f.naming.items()
                           if k not in word_concepts)
        labels = " ".join(
            f"{_e(l['text'])} <span class='muted'>({_e(l['voice'])})</span>"
            f"{cites.link(article.id, l['start'], l['end'], '↗')}" for l in f.labels)
        scare = ", ".join(_e(i["term"]) for i in f.scare_quotes)
        voices = ", ".join(f"{_e(side_label(side))} {share:.0%}" for side, share in f.voices.items())
        parts.append(f"<tr><td>{_e(briefing.outlet(article.id))}</td><td>{_e(naming)}</td><td>{scare}</td>"
                     f"<td>{labels}</td><td>{len(f.unnamed_sources)}</td><td>{voices}</td>"
                     f"<td>{len(f.omissions)} facts</td></tr>")
    parts.append(f'</table></section><section id="{ids[articles]}"><h2>{_e(articles)}</h2><table>'
                 "<tr><th>outlet</th><th>title</th><th>published</th><th>wire</th><th>folded into</th>"
                 "<th>removed</th></tr>")
    for article in briefing.articles:
        removed = ", ".join(f"{k} ×{n}" for k, n in Counter(b.kind for b in article.boilerplate).items())
        folded = briefing.outlet(article.duplicate_of) if article.duplicate_of else "—"
        parts.append(f'<tr><td><a href="#art-{_e(article.id)}">{_e(briefing.outlet(article.id))}</a></td>'
                     f"<td>{_e(article.title or '—')}</td><td>{_e(article.published or '—')}</td>"
                     f"<td>{_e(article.wire or '—')}</td><td>{_e(folded)}</td><td>{_e(removed or '—')}</td></tr>")
    for article in briefing.not_analysed:
        parts.append(f"<tr><td>{_e(briefing.outlet(article.id))}</td><td>{_e(article.title or '—')}</td>"
                     f"<td>{_e(article.published or '—')}</td><td>{_e(article.wire or '—')}</td><td>—</td>"
                     f"<td>language {_e(article.language)}: numbers and dates read; quotes, facts, conflicts and "
                     "framing not analysed (English models only)</td></tr>")
    parts.append("</table>")
    if briefing.skipped:
        parts.append("<h3>Skipped inputs</h3><ul>" + "".join(
            f"<li><code>{_e(s.source)}</code>: {_e(s.reason)}</li>" for s in briefing.skipped) + "</ul>")
    for article in briefing.articles:
        parts.append(_article_view(article, cites.spans.get(article.id, set()), briefing.outlet(article.id)))
    parts.append("</section>")
    nav = "".join(f'<a href="#{ids[name]}">{_e(name)}</a>' for name in SECTIONS)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<meta name=\"generator\" content=\"{GENERATOR}\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{_e(briefing.title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{_e(briefing.title)}</h1><div>newsprism briefing</div></header><nav>{nav}</nav>"
            f"<main>{''.join(parts)}</main><script>{_SCRIPT}</script></body></html>\n")


def _article_view(article, spans: set[tuple[int, int]], outlet: str) -> str:
    """The article body cut at every cited span's edges; each piece knows which spans cover it."""
    body = article.body
    edges = sorted({0, len(body)} | {p for s, e in spans for p in (s, e) if 0 <= p <= len(body)})
    pieces = []
    for start, end in zip(edges, edges[1:]):
        covering = [_span_id(article.id, s, e) for s, e in spans if s <= start and end <= e]
        text = _e(body[start:end])
        if covering:
            anchors = "".join(f'<a id="{sid}"></a>' for s, e in spans if s == start
                              for sid in [_span_id(article.id, s, e)])
            pieces.append(f'{anchors}<span class="seg cited" data-spans="{" ".join(covering)}">{text}</span>')
        else:
            pieces.append(f'<span class="seg" data-spans="">{text}</span>')
    caption = f'<p class="muted">Caption: {_e(article.caption)}</p>' if article.caption else ""
    meta = " · ".join(_e(x) for x in (article.published, article.url, article.wire and f"wire: {article.wire}") if x)
    return (f'<article class="article" id="art-{_e(article.id)}"><h3>{_e(outlet)}: {_e(article.title or "untitled")}'
            f'</h3><p class="muted">{meta}</p>{caption}<p>{"".join(pieces)}</p></article>')


def _coverage_svg(briefing: Briefing) -> str:
    """Facts × outlets: a filled cell where the outlet carries the fact."""
    facts = briefing.agreed[:15]
    outlets = [a.id for a in briefing.articles]
    if not facts:
        return ""
    cell, left, top = 18, 360, 110
    width, height = left + cell * len(outlets) + 150, top + cell * len(facts) + 10  # room for slanted names
    out = [f'<svg role="img" aria-label="coverage matrix" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for j, aid in enumerate(outlets):
        x = left + j * cell + cell / 2
        out.append(f'<text transform="translate({x},{top - 6}) rotate(-45)">{_e(briefing.outlet(aid)[:24])}</text>')
    for i, fact in enumerate(facts):
        y = top + i * cell
        label = fact.text if len(fact.text) <= 58 else fact.text[:57] + "…"
        out.append(f'<text x="4" y="{y + 13}">{_e(label)}</text>')
        for j, aid in enumerate(outlets):
            fill = "#2563eb" if aid in fact.articles else "#e5e7eb"
            out.append(f'<rect x="{left + j * cell + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" fill="{fill}"/>')
    out.append("</svg>")
    return "".join(out)


def _voices_svg(briefing: Briefing) -> str:
    """Per outlet, the share of quoted words each side gets."""
    framing = briefing.analysis.framing.articles
    sides = sorted({s for f in framing.values() for s in f.voices})
    colour = {s: _SIDE_COLOURS[i % len(_SIDE_COLOURS)] for i, s in enumerate(sides)}
    rows = [a for a in briefing.articles if framing[a.id].voices]
    if not rows:
        return ""
    left, bar, width = 190, 400, 620
    height = 24 * len(rows) + 40
    out = [f'<svg role="img" aria-label="voices per outlet" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for i, article in enumerate(rows):
        y, x = 10 + i * 24, left
        out.append(f'<text x="4" y="{y + 13}">{_e(briefing.outlet(article.id)[:26])}</text>')
        for side, share in framing[article.id].voices.items():
            w = bar * share
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" fill="{colour[side]}">'
                       f"<title>{_e(side_label(side))} {share:.0%}</title></rect>")
            x += w
    for k, side in enumerate(sides):
        out.append(f'<rect x="{4 + k * 90}" y="{height - 16}" width="10" height="10" fill="{colour[side]}"/>'
                   f'<text x="{18 + k * 90}" y="{height - 7}">{_e(side_label(side))}</text>')
    out.append("</svg>")
    return "".join(out)


def _timeline_svg(briefing: Briefing) -> str:
    """Dated sentences per day, one dot each."""
    by_day = Counter(e.date for e in briefing.timeline)
    if not by_day:
        return ""
    days = sorted(by_day)
    step, height = 110, 40 + 12 * max(by_day.values())
    width = 40 + step * len(days)
    out = [f'<svg role="img" aria-label="timeline" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
           f'<line x1="20" y1="{height - 24}" x2="{width - 10}" y2="{height - 24}" stroke="#9ca3af"/>']
    for i, day in enumerate(days):
        x = 40 + i * step
        out.append(f'<text x="{x - 30}" y="{height - 6}">{_e(day)}</text>')
        for k in range(by_day[day]):
            out.append(f'<circle cx="{x}" cy="{height - 34 - 12 * k}" r="5" fill="#2563eb"/>')
    out.append("</svg>")
    return "".join(out)
