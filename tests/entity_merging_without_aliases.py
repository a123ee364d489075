"""The seeds' entity groups merged by a model whose gazetteer holds none of those names' alias rows.

    .venv/bin/python tests/entity_merging_without_aliases.py    (prints the figure as JSON)

`entity_groups_merged` with the full gazetteer measures the table as much as the merging (five of
the seven gold groups are alias rows in `data/gazetteer.json`). Here every alias that names a gold
group's member is taken out of the gazetteer the whole pipeline sees, so only the merging itself
(name forms, transliteration, acronyms, descriptions) can join the group. Run in its own process:
the gazetteer and the spaCy pipeline built from it are cached per process.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def reduced_gazetteer(full, names: set[str]):
    from newsprism.extract.nlp import _fold

    folded = {_fold(n) for n in names}
    entries = tuple(replace(e, aliases=tuple(a for a in e.aliases if _fold(a) not in folded)) for e in full.entries)
    return replace(full, entries=entries)


def main() -> None:
    from newsprism.extract import nlp as nlp_module
    from quality import SEEDS, extraction_scores
    from briefing_scores import SHARED

    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    names = {n for group in gold["entities"]["same_thing"] for n in group}
    reduced = reduced_gazetteer(nlp_module.gazetteer(), names)
    nlp_module.gazetteer.cache_clear()
    nlp_module.gazetteer = lambda: reduced  # every stage asks the module for it at call time
    import newsprism.camps, newsprism.extract.event, newsprism.frame  # noqa: E401 - they imported it by name
    for module in (newsprism.camps, newsprism.extract.event, newsprism.frame):
        module.gazetteer = nlp_module.gazetteer
    from newsprism.extract.event import extract
    from newsprism.pipeline import read_articles

    outcome = read_articles([str(SEEDS)])
    articles = {Path(a.source).name: a for a in outcome.articles}
    extraction = extract(list(outcome.articles), nlp_module.load_nlp("sm"))
    score = extraction_scores(articles, extraction, gold)["entity_groups_merged"]
    print(json.dumps({"entity_groups_merged_without_aliases": score}))


if __name__ == "__main__":
    main()
