"""Fact alignment on claims written for these tests."""

from __future__ import annotations

import pytest

from newsprism.align import align, fact_status
from newsprism.dedupe import independence
from newsprism.model import Article, Claim


def _article(aid, outlet, wire=None):
    return Article(id=aid, source=f"{aid}.txt", body="", outlet=outlet, wire=wire)


def _claims(texts):
    """Each text as a whole-sentence claim, with the verbs and frames its parse gives."""
    from newsprism.extract.claims import find_claims
    from newsprism.extract.nlp import load_nlp

    nlp = load_nlp()
    claims = []
    for i, (aid, t) in enumerate(texts):
        parsed = next((c for c in find_claims(nlp(t), aid) if c.whole), None)
        verbs, frames = (parsed.verbs, parsed.frames) if parsed else (frozenset(), ())
        claims.append(Claim(aid, 0, len(t), t, i, True, verbs, frames))
    return claims


def _facts(embedder, texts, articles):
    result = align(articles, _claims(texts), embedder, independence(articles))
    return [f for f in result.facts if len(f.articles) > 1], result


def test_same_event_groups_but_a_different_year_does_not(embedder):
    articles = [_article("a", "One"), _article("b", "Two"), _article("c", "Three")]
    texts = [("a", "Putin recognised the two breakaway regions as independent on Monday."),
             ("b", "Putin has signed decrees recognizing the breakaway Ukraine regions as independent."),
             ("c", "Putin recognised Crimea as part of Russia in 2014.")]
    facts, _ = _facts(embedder, texts, articles)
    assert len(facts) == 1
    assert set(facts[0].articles) == {"a", "b"}


def test_wire_copies_count_once_in_status(embedder):
    articles = [_article("a", "One", wire="AFP"), _article("b", "Two", wire="AFP"), _article("c", "Three")]
    texts = [("a", "The central bank raised interest rates by half a point on Thursday."),
             ("b", "On Thursday the central bank raised its interest rate by half a percentage point."),
             ("c", "The football club appointed a new manager after a poor season.")]
    facts, _ = _facts(embedder, texts, articles)
    assert len(facts) == 1
    assert facts[0].independent_sources == 1
    assert facts[0].status == "single_source"


def test_unrelated_claims_stay_single(embedder):
    articles = [_article("a", "One"), _article("b", "Two")]
    texts = [("a", "A storm closed the port of the city for 2 days after winds reached 120 km an hour."),
             ("b", "The museum reopened on 3 May after a renovation costing 40 million euros.")]
    facts, result = _facts(embedder, texts, articles)
    assert facts == []
    assert sorted((f.articles, f.status) for f in result.facts) == [(("a",), "single_source"), (("b",), "single_source")]


def test_single_outlet_claims_are_statements_not_questions_or_fragments(embedder):
    from newsprism.align import AlignSettings

    articles = [_article("a", "One"), _article("b", "Two")]
    texts = [("a", "How could anyone have known that 300 people would come to the square?"),
             ("a", "“We will never accept a deal that costs 5,000 jobs at the plant,” the union leader said"),
             ("a", "The council voted 7 to 2 on Tuesday to close the plant by 2026 and move its 400 jobs."),
             ("a", "Police counted 1,200 marchers, while organisers put the crowd at 5,000."),
             ("a", "The plant opened in 1962 and employed 3,000 people at its peak in the 1980s."),
             ("b", "Tickets for the 12 concerts of the summer festival sold out within 3 hours.")]
    result = align(articles, _claims(texts), embedder, independence(articles),
                   settings=AlignSettings(single_per_article=2))
    listed = [f.evidence[0].text for f in result.facts if f.articles == ("a",)]
    assert len(listed) == 2
    assert not any(t.endswith("?") or t.startswith("“") for t in listed)



def test_a_statement_ending_on_a_quoted_phrase_is_one_outlets_but_a_piece_of_a_quotation_is_not(embedder):
    """"... accused the mayor of bowing to "the whims of the developers."" is the reporter's statement;
    the middle sentence of a quotation running over sentences (its marks do not pair up) is not."""
    from newsprism.align import AlignSettings

    articles = [_article("a", "One"), _article("b", "Two")]
    ending = "Opposition leader Maria Kellan accused the mayor of bowing to “the whims of the developers.”"
    piece = "The 40 shops on the quay will all close by 2027, and nobody in the council cares,” Kellan said."
    texts = [("a", ending), ("a", piece),
             ("b", "Tickets for the 12 concerts of the summer festival sold out within 3 hours.")]
    actors = [frozenset({f"A{n}"}) for n in range(len(texts))]
    result = align(articles, _claims(texts), embedder, independence(articles), actors,
                   settings=AlignSettings(single_per_article=4))
    assert [f.evidence[0].text for f in result.facts if f.articles == ("a",)] == [ending]

def test_a_photo_caption_is_no_claim_of_one_outlet(embedder):
    """A sentence with neither a verb nor a copula or auxiliary is a caption ("Mr. Obama ... with the Queen
    in London in 2011."), not something the outlet reports; one stating a thing through "is" stays, and a
    name that is also a modal ("Theresa May") makes no caption a statement."""
    from newsprism.align import AlignSettings

    captions = ["President Barack Obama and his wife, Michelle Obama, with Queen Elizabeth II and Prince Philip "
                "in London on a state visit to Britain in 2011.",
                "President Trump and Prime Minister Theresa May of Britain at the White House in 2017."]
    statements = ["The plant is the largest employer of the town, with 400 jobs and 12 suppliers nearby.",
                  "The council voted 7 to 2 on Tuesday to close the plant by 2026 and move its 400 jobs."]
    claims = _claims([("a", t) for t in captions + statements]
                     + [("b", "Tickets for the 12 concerts of the summer festival sold out within 3 hours.")])
    # Each names someone the other sentences do not: what makes a sentence of one outlet worth listing.
    actors = [frozenset({f"A{n}"}) for n in range(len(claims))]
    articles = [_article("a", "One"), _article("b", "Two")]
    result = align(articles, claims, embedder, independence(articles), actors,
                   settings=AlignSettings(single_per_article=4))
    listed = {f.evidence[0].text for f in result.facts if f.articles == ("a",)}
    assert listed == set(statements)



def test_a_claim_another_outlet_words_nearly_the_same_is_not_only_one_outlets(embedder):
    """Linked or not, a sentence another article says in nearly the same words (its nearest claim there
    at cosine 0.7 or more) is not listed as what only its outlet reports; one nobody else comes near is."""
    from newsprism.align import AlignSettings
    from newsprism.links import FEATURES, LinkModel

    # (No figure: one both give in near wording links them whatever the model says.)
    shared = ("a", "The city council approved the new harbour budget of twelve million dollars on Tuesday evening.")
    echoed = ("b", "On Tuesday evening the city council passed the new twelve million dollar budget for the harbour.")
    own = ("a", "The fishermen's union said 40 boats would be moved to the northern quay during the works.")
    claims = _claims([shared, own, echoed])
    actors = [frozenset({f"A{n}"}) for n in range(len(claims))]
    articles = [_article("a", "One"), _article("b", "Two")]
    never_links = LinkModel((0.0,) * len(FEATURES), -100.0, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES))
    result = align(articles, claims, embedder, independence(articles), actors,
                   settings=AlignSettings(single_per_article=4), model=never_links)
    assert not [f for f in result.facts if len(f.articles) > 1]
    listed = {f.evidence[0].text for f in result.facts}
    assert listed == {own[1]}

def test_pairs_compared_grow_linearly(embedder):
    """Each claim meets its nearest neighbours only: doubling the articles doubles the pairs
    compared (all pairs would quadruple them)."""
    def pairs(n: int) -> int:
        articles = [_article(f"a{i}", f"Outlet {i}") for i in range(n)]
        texts = [(f"a{i}", f"Report {i}: officials said the bridge on route {i} would close for repairs.")
                 for i in range(n)]
        return _facts(embedder, texts, articles)[1].pairs_compared

    small, large = pairs(20), pairs(40)
    assert small > 0
    assert large <= 2.2 * small, (small, large)
    assert large < 40 * 39 // 2 / 2  # far below every pair


@pytest.mark.parametrize("independent, total, status", [
    (5, 5, "consensus"), (4, 5, "consensus"), (3, 5, "corroborated"), (3, 3, "consensus"),
    (2, 3, "corroborated"), (1, 3, "single_source"), (1, 1, "single_source"),
])
def test_status_rules(independent, total, status):
    assert fact_status(independent, total) == status


def test_one_article_of_one_sentence_aligns_without_error(embedder):
    articles = [_article("a", "One")]
    result = align(articles, _claims([("a", "The 3 ministers met in the capital on Monday.")]), embedder,
                   independence(articles))
    assert [f.articles for f in result.facts] == [("a",)]


def test_fact_ids_are_unique_on_the_seeds(seed_analysis):
    ids = [f.id for f in seed_analysis.alignment.facts]
    assert len(ids) == len(set(ids))
    omitted = {i for f in seed_analysis.framing.articles.values() for i in f.omissions}
    assert omitted <= set(ids)  # framing's omissions name facts that exist


def test_different_words_for_one_thing_meet_in_soft_overlap(embedder):
    """'threatened to scrap the deal' / 'threatened to pull out of the agreement': few words in
    common, the same claim; a claim about something else stays low."""
    from newsprism.links import PairFeatures

    texts = ["The senator threatened to scrap the trade agreement unless it is renegotiated.",
             "The lawmaker has threatened to abandon the commerce deal if it is not rewritten.",
             "The stadium roof was repaired after the hailstorm flooded the pitch."]
    claims = [Claim(f"a{i}", 0, len(t), t, 0, True) for i, t in enumerate(texts)]
    vectors = embedder.encode(texts)
    meaning = PairFeatures(claims, vectors, (), embedder.encode)
    spelling = PairFeatures(claims, vectors, ())
    assert meaning.soft_overlap(0, 1) > meaning.soft_overlap(0, 2) + 0.15
    assert meaning.soft_overlap(0, 1) > spelling.soft_overlap(0, 1) + 0.2
    assert spelling.soft_overlap(0, 2) == 0.0


def test_nearest_is_exact_and_breaks_ties_by_row(monkeypatch):
    """Exact neighbours (brute force agrees), nearest first, equal cosines in row order, and the same
    answer when the products are taken a few rows at a time."""
    import numpy as np

    import newsprism.align as align_module
    from newsprism.align import nearest

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors[41] = vectors[40] = vectors[3]  # the same claim in three articles: three equal cosines
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keys, distances = nearest(vectors, 5)
    cosines = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    for row in range(len(vectors)):
        expected = sorted(range(len(vectors)), key=lambda j: (-round(cosines[row, j], 9), j))[:5]
        assert keys[row].tolist() == expected
        assert np.allclose(1.0 - distances[row], cosines[row, expected])
    assert keys[3, :3].tolist() == keys[40, :3].tolist() == [3, 40, 41]
    monkeypatch.setattr(align_module, "_NEAREST_CELLS", 7 * len(vectors))  # seven rows per product
    blocked_keys, blocked_distances = nearest(vectors, 5)
    assert (blocked_keys == keys).all() and (blocked_distances == distances).all()
    everything, _ = nearest(vectors[:4], 9)  # more asked for than there are rows
    assert everything.shape == (4, 4)


_SEEDS_FACTS = """
import hashlib, json
from newsprism.brief import brief
from newsprism.pipeline import analyze, read_articles
from newsprism.render.json import report_record
report = report_record(brief(analyze(read_articles([{seeds!r}]))))
print(hashlib.sha256(json.dumps(report, sort_keys=True).encode()).hexdigest())
"""


def test_the_same_articles_give_the_same_report_in_every_process():
    """Run to run and thread count to thread count (a Dask worker runs with one native thread), the
    seeds' report is the same: neighbour search, claim vectors and pair scores leave nothing to chance."""
    import os
    import subprocess
    import sys

    from quality import SEEDS

    script = _SEEDS_FACTS.format(seeds=str(SEEDS))
    digests = set()
    for threads in ("1", "2", "1"):
        env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads}
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env)
        assert run.returncode == 0, run.stderr[-2000:]
        digests.add(run.stdout.strip())
    assert len(digests) == 1, digests


@pytest.mark.parametrize("text, shown", [
    # The second sentence of a quotation split into sentences gets back its opening mark, the first its end.
    ('He will hold talks during his visit," the office said in a statement.',
     '"He will hold talks during his visit," the office said in a statement.'),
    ('"The minister will visit the port on 3 May.', '"The minister will visit the port on 3 May."'),
    ("They will stay two days,” a spokeswoman said.", "“They will stay two days,” a spokeswoman said."),
    ("The mayor said “the bridge will close.", "The mayor said “the bridge will close.”"),
    # Balanced, or no quotation: as written.
    ('The council called the plan "reckless" and "rushed".', 'The council called the plan "reckless" and "rushed".'),
    ("“Not now,” she said, “maybe in June.”", "“Not now,” she said, “maybe in June.”"),
    ("Talks resumed on Monday.", "Talks resumed on Monday."),
])
def test_a_fact_worded_by_part_of_a_quotation_reads_as_a_quotation(text, shown):
    from newsprism.align import balanced_quotes

    assert balanced_quotes(text) == shown


def test_a_star_repeating_a_fact_lends_it_the_articles_it_lacks():
    """A star seeded from another sentence of a fact already found brings claims from articles the fact
    lacks: the one of each article that agrees best with the fact's members on average joins when that
    mean clears the coherence bar; a claim that does not, or that contradicts a member, stays out."""
    import numpy as np

    from newsprism.align import _lend

    claims = [Claim(article, 0, 1, "x", n, True) for n, article in enumerate("abccde")]
    agree = {2: 0.7, 3: 0.6, 4: 0.3, 5: 0.9}  # mean agreement of each offered claim with the fact's members

    class Agreement:
        def of(self, pairs):
            return np.asarray([agree.get(a, agree.get(b, 1.0)) for a, b in pairs])

        def contradicts_any(self, claim, others):
            return claim == 5  # claim 5 contradicts a member

    assert _lend([0, 1], [1, 2, 3, 4, 5], claims, Agreement(), 0.55) == [0, 1, 2]
    assert _lend([0, 1], [1, 4], claims, Agreement(), 0.55) == [0, 1]


@pytest.mark.parametrize("text, left_open", [
    ("The union has refused to say whether it would attend the talks.", {"atten"}),
    ("It is unclear whether the freeze will hold.", {"freez", "hold"}),
    ("Officials declined to confirm whether the plant would close.", {"plant", "close"}),
    ("Trump will decide whether to stay in the deal.", set()),   # deciding or asking leaves nothing denied
    ("Reporters asked whether the plant would close.", set()),
])
def test_what_follows_whether_after_a_refusal_or_unclear_is_left_open(text, left_open):
    from newsprism.links import negated_words

    assert left_open <= negated_words(text) and (left_open or not negated_words(text))


@pytest.mark.parametrize("text, negated", [
    ("\"Congress, not an agency, decides who is an employee,\" Ellison wrote.", set()),
    ("The court ruled for the drivers, and not the companies, on Monday.", set()),
    ("It was the agency, not Congress.", set()),
    ("He did not, however, sign the deal.", {"sign", "deal"}),   # a "not" inside the clause still negates
    ("Congress does not decide who is an employee.", {"decid"}),
    ("Rescue teams did not arrive until Thursday, residents said.", set()),  # late, not absent
    ("He didn't leave till noon.", set()),
    ("Rescue teams did not arrive at all.", {"arriv"}),
])
def test_a_contrast_set_off_by_commas_negates_no_deed(text, negated):
    from newsprism.links import negated_words

    assert negated <= negated_words(text) and (negated or not negated_words(text))


def test_no_evidence_that_negates_its_clause_and_no_reaches_its_verb_where_asked():
    from newsprism.links import negated_words

    assert "taken" in negated_words("We have no evidence that any payment card or bank account information was taken.")
    assert "appro" in negated_words("Investigators found no record that the department's ethics office had reviewed "
                                    "or approved the flights.")
    assert "taken" not in negated_words("No credit card or bank details were taken.")  # for the pair features
    assert "taken" in negated_words("No credit card or bank details were taken.", whole_no=True)
