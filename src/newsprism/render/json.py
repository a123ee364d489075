"""The JSON report of the contract (`schema/report.schema.json`, `newsprism.report/1`)."""

from __future__ import annotations

import json

from newsprism.brief import Briefing
from newsprism.model import REPORT_SCHEMA_ID, Camps

__all__ = ["REPORT_SCHEMA_ID", "render_json", "report_record"]


def report_record(briefing: Briefing) -> dict:
    analysis = briefing.analysis
    extraction, framing = analysis.extraction, analysis.framing
    camps = framing.camps or Camps("countries", (), {})
    return {
        "schema": REPORT_SCHEMA_ID,
        "title": briefing.title,
        "articles": [a.to_record() for a in briefing.articles + briefing.not_analysed],
        "sources": [{"articles": list(g.articles), "reason": g.reason} for g in analysis.independence.groups],
        "actors": [a.to_record() | ({"side": camps.of_actor[a.id]} if a.id in camps.of_actor else {})
                   for a in extraction.actors],
        "camps": camps.to_record(),
        "quotes": [q.to_record() for q in extraction.quotes],
        "quantities": [q.to_record() for q in extraction.quantities],
        "timeline": [t.to_record() for t in extraction.timeline],
        "facts": [f.to_record() for f in analysis.alignment.facts],
        "conflicts": [c.to_record() for c in analysis.conflicts],
        "framing": {aid: f.to_record() for aid, f in framing.articles.items()},
        "framing_comparison": list(framing.comparison),
        "word_choice": [c.to_record() for c in framing.concepts],
        "summary": [s.to_record() for s in briefing.summary],
        "skipped": [s.to_record() for s in briefing.skipped],
    }


def render_json(briefing: Briefing) -> str:
    return json.dumps(report_record(briefing), ensure_ascii=False, indent=2) + "\n"
