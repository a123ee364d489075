"""Every conflict and framing rule on wording written from scratch, two paraphrases each, in
stories far from the seeds (a province, a river border, a factory, banks, a strike): a rule that
matched only the seeds' own sentences fails here. Each case runs through every stage."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.model import RawDocument
from newsprism.pipeline import ReadOutcome, analyze


def _analyse(*texts: str):
    articles = tuple(clean(RawDocument(f"p{i}.txt", text, outlet=f"Paper {i}")) for i, text in enumerate(texts))
    return analyze(ReadOutcome(articles, ()))


def _sides(analysis, kind: str) -> list[set[str]]:
    """For each conflict of `kind`, the outlets on each side."""
    outlet = {a.id: a.outlet for a in analysis.articles}
    return [[{outlet[e.article] for e in side.evidence} for side in c.sides]
            for c in analysis.conflicts if c.kind == kind]


CONFLICTS = {
    "status: moved in against no date": [
        ("Government troops entered the northern province on Sunday, witnesses told reporters.\n\n"
         "Residents said the soldiers set up checkpoints on the main road.",
         "The defence ministry gave no date for sending troops to the northern province.\n\n"
         "A spokesman said the plan was still being discussed."),
        ("Armoured convoys rolled into the outskirts of the port city overnight, according to local officials.\n\n"
         "Shops stayed closed in the morning.",
         "It remained unclear when the army would dispatch its units to the port city.\n\n"
         "Commanders met on Monday to discuss the operation."),
    ],
    "status: massing against withdrawing": [
        ("The army has massed thousands of troops along the river border, satellite images show.\n\n"
         "Analysts counted dozens of new tents.",
         "The defence ministry said it was withdrawing troops from the river border after the talks.\n\n"
         "Officials called the step a goodwill gesture."),
        ("Rebel commanders have been building up forces near the airport for a week.\n\n"
         "Flights were suspended on Friday.",
         "Rebel commanders said they were pulling back forces from the airport on Saturday.\n\n"
         "A ceasefire monitor confirmed some vehicles had left."),
    ],
    "scope: broad against targeted": [
        ("The bloc imposed sweeping sanctions on the country's banks on Thursday.\n\n"
         "Ministers met in the capital to agree the package.",
         "Diplomats said the new sanctions were limited and targeted at a handful of officials.\n\n"
         "Ministers met in the capital to agree the package."),
        ("Washington announced comprehensive restrictions on exports to the chipmaker.\n\n"
         "Shares in the company fell.",
         "The restrictions were narrower than expected and covered only selective products, traders said.\n\n"
         "Shares in the company fell."),
    ],
    "characterisation: named against denied": [
        ("The minister said the deployment was an occupation of the valley.\n\n"
         "Villagers reported soldiers in the main square.",
         "The general said this was not an occupation of the valley but a temporary patrol.\n\n"
         "Villagers reported soldiers in the main square."),
        ("Aid groups said the war in the hill country had already begun.\n\n"
         "Thousands fled toward the coast.",
         "The interior minister said he wouldn't call it a war, only a police operation in the hill country.\n\n"
         "Thousands fled toward the coast."),
    ],
}
KIND = {"status: moved in against no date": "status", "status: massing against withdrawing": "status",
        "scope: broad against targeted": "scope", "characterisation: named against denied": "characterisation"}


@pytest.mark.parametrize("rule, case", [(rule, i) for rule in CONFLICTS for i in range(2)])
def test_conflict_rules_find_paraphrased_disagreements(rule, case):
    first, second = CONFLICTS[rule][case]
    analysis = _analyse(first, second)
    assert [{"Paper 0"}, {"Paper 1"}] in _sides(analysis, KIND[rule]) or \
        [{"Paper 1"}, {"Paper 0"}] in _sides(analysis, KIND[rule]), [c.to_record() for c in analysis.conflicts]


DENIALS = [
    "Union leaders claimed the company had cut night-shift wages in secret. The company flatly denied the "
    "allegation on Tuesday, saying every payslip was public.",
    "Neighbours alleged that the tannery dumped waste in the river after dark. Its owners rejected the claims "
    "and said inspectors had found nothing.",
]


@pytest.mark.parametrize("text", DENIALS)
def test_a_claim_and_its_denial_in_one_report(text):
    analysis = _analyse(text, "The regional council said it would review the matter next month.")
    assert any(c.kind == "denial" for c in analysis.conflicts), [c.to_record() for c in analysis.conflicts]


def test_one_sentence_is_never_in_conflict_with_itself():
    text = ("The army has massed troops along the river border, and officials gave no date for sending them "
            "across. The ministry denied it was withdrawing troops.")
    analysis = _analyse(text)
    for conflict in analysis.conflicts:
        spans = [{(e.article, e.start, e.end) for e in side.evidence} for side in conflict.sides]
        assert not spans[0] & spans[1], conflict.to_record()


FRAMING = {
    "scare quotes": [
        ('The ministry called the closures a "reform" of the rail network.\n\nUnions planned a strike.', "reform"),
        ("Officials described the raids as 'routine checks' of the warehouses.\n\nOwners protested.", "routine checks"),
    ],
    "unnamed sources": [
        ("Observers say the vote was rushed through parliament.\n\nThe law takes effect in May.", "Observers say"),
        ("Some diplomats argued the treaty would not survive the winter.\n\nTalks resume next week.",
         "Some diplomats argued"),
    ],
    "delegitimising labels": [
        ("The self-styled governor of the region opened the new bridge.\n\nTraffic was light.", "self-styled governor"),
        ("Police arrested the would-be candidate at the border.\n\nHe was released later.", "would-be candidate"),
    ],
    "epithets and charged verbs": [
        ("The senator lashed out at the regime over the arrests.\n\nThe embassy did not comment.", "lashed out"),
        ("The minister blasted the report as a hoax.\n\nThe authors stood by it.", "hoax"),
    ],
}


@pytest.mark.parametrize("rule, case", [(rule, i) for rule in FRAMING for i in range(2)])
def test_framing_rules_on_paraphrases(rule, case):
    text, expected = FRAMING[rule][case]
    analysis = _analyse(text, "The city council met on Monday to discuss the budget for the coming year.")
    framing = next(f for aid, f in analysis.framing.articles.items() if f.outlet == "Paper 0")
    found = {
        "scare quotes": [i["term"] for i in framing.scare_quotes],
        "unnamed sources": [u["text"] for u in framing.unnamed_sources],
        "delegitimising labels": [l["text"] for l in framing.labels],
        "epithets and charged verbs": [l["text"] for l in framing.labels],
    }[rule]
    assert any(item.startswith(expected) for item in found), found
