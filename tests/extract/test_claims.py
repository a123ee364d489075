"""Claims: which clauses of a sentence are statements of their own (passages written for these tests)."""

from __future__ import annotations

from newsprism.extract.claims import find_claims


def texts(nlp, sentence: str) -> list[str]:
    return [c.text for c in find_claims(nlp(sentence), "a1")]


def test_an_order_to_someone_is_a_claim_of_its_own(nlp):
    claims = texts(nlp, "The governor ordered the health agency to open three new clinics in the valley "
                        "before the winter.")
    assert any(c.startswith("to open three new clinics") or c.startswith("open three new clinics") for c in claims)


def test_a_hedged_infinitive_is_not_a_claim_without_its_subject(nlp):
    claims = texts(nlp, "The long dispute over the budget and the threat of strikes appeared to put "
                        "the new stadium plan on hold.")
    assert claims == ["The long dispute over the budget and the threat of strikes appeared to put "
                      "the new stadium plan on hold."]


def test_a_claim_lists_its_verbs(nlp):
    claim = find_claims(nlp("The mayor will not attend the opening of the bridge."), "a1")[0]
    assert "attend" in claim.verbs


def test_what_a_noun_announces_is_a_claim_of_its_own(nlp):
    claims = texts(nlp, "The company's statement that its engineers will replace every faulty valve by March "
                        "surprised the regulators in the capital.")
    assert "its engineers will replace every faulty valve by March" in claims


def test_a_participle_modifier_is_not_a_claim_without_its_subject(nlp):
    claims = texts(nlp, "The long report released by the port authority on Friday criticised the delays at "
                        "the northern terminal.")
    assert not any(c.startswith("released by the port authority") for c in claims)


def test_what_a_denied_report_says_is_not_a_claim(nlp):
    claims = texts(nlp, "The ministry denied reports that the army had crossed the border near the river on Friday.")
    assert not any(c.startswith("the army had crossed the border") for c in claims)


def test_what_someone_denies_or_did_not_say_is_not_a_claim(nlp):
    assert not any(c.startswith("the plant had leaked") for c in texts(
        nlp, "The company denied that the plant had leaked chemicals into the river last spring."))
    assert not any(c.startswith("the talks would resume") for c in texts(
        nlp, "The envoy did not say that the talks would resume in Geneva next month."))
    assert any(c.startswith("the talks would resume") for c in texts(
        nlp, "The envoy said on Monday that the talks would resume in Geneva next month."))


def test_a_condition_is_not_a_claim(nlp):
    claims = texts(nlp, "The union will call a national strike next month if the railway company cuts the night "
                        "shift allowance again.")
    assert not any(c.startswith("the railway company cuts") for c in claims)
