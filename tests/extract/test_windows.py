"""Long bodies parsed in windows: offsets stay exact and a failing article is left out."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract.event import extract
from newsprism.extract.windows import windows


@given(st.text(alphabet=st.sampled_from("ab .!\n\u00a0é“"), max_size=3000), st.integers(1, 400), st.integers(1, 50))
@settings(max_examples=300, deadline=None)
def test_windows_cover_the_text_in_order(text, size, run):
    spans = windows(text, size, run)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(0 < e - s <= size for s, e in spans)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(max(map(len, text[s:e].split()), default=0) <= run for s, e in spans)


def test_windows_end_at_paragraphs_then_sentences():
    text = "One two three.\n\nFour five six. Seven eight nine. Ten eleven."
    assert windows(text, 20) == [(0, 16), (16, 31), (31, 49), (49, 60)]
    assert [text[s:e] for s, e in windows(text, 20)][0] == "One two three.\n\n"


def _offsets_hold(extraction, bodies):
    for s in extraction.sentences:
        assert bodies[s.article][s.start:s.end] == s.text
    for c in extraction.claims:
        assert bodies[c.article][c.start:c.end] == c.text
    for q in extraction.quotes:
        assert bodies[q.article][q.start:q.end] == q.text
    for q in extraction.quantities:
        assert bodies[q.article][q.start:q.end] == q.text
    for t in extraction.times:
        assert bodies[t.article][t.start:t.end] == t.text
    for actor in extraction.actors:
        for m in actor.mentions:
            assert bodies[m.article][m.start:m.end] == m.text


def test_small_windows_keep_every_offset_exact(nlp, seed_articles):
    articles = list(seed_articles.values())
    bodies = {a.id: a.body for a in articles}
    whole = extract(articles, nlp)
    pieces = extract(articles, nlp, window=800)
    assert max(len(a.body) for a in articles) > 3 * 800  # the seeds really are cut
    _offsets_hold(pieces, bodies)
    _offsets_hold(whole, bodies)
    # Cuts fall between paragraphs, so most of what a whole parse finds is found in pieces.
    assert len(pieces.quantities) >= 0.9 * len(whole.quantities)
    assert len(pieces.sentences) >= 0.95 * len(whole.sentences)
    assert [s.index for s in pieces.sentences if s.article == articles[0].id] == list(
        range(len(pieces.sentences_of(articles[0].id))))


def test_a_body_longer_than_spacy_allows_is_read_in_windows(nlp):
    from newsprism.clean import article_id
    from newsprism.model import Article

    paragraph = "Officials said 300 families were evacuated on Monday. " * 20
    body = "\n\n".join([paragraph.strip()] * 1000)  # 1.1 million characters: over nlp.max_length
    assert len(body) > nlp.max_length
    article = Article(article_id(body, None), "long.txt", body, published="2022-02-21")
    extraction = extract([article], nlp)
    assert extraction.skipped == ()
    assert len(extraction.quantities) == 20_000
    _offsets_hold(extraction, {article.id: body})


class _Failing:
    """A pipeline that fails on one text, as a model bug on an unexpected input would."""

    def __init__(self, nlp, poison: str):
        self.nlp, self.poison = nlp, poison

    def __call__(self, text):
        if self.poison in text:
            raise ValueError("the model could not read this text")
        return self.nlp(text)

    def pipe(self, texts, batch_size=16):
        for text in texts:
            yield self(text)


def test_an_article_whose_reading_fails_is_left_out_with_its_reason(nlp, seed_articles):
    articles = list(seed_articles.values())
    poisoned = replace(articles[1], body=articles[1].body + "\n\nPOISON", id="poisoned0000000")
    extraction = extract([articles[0], poisoned, articles[2]], _Failing(nlp, "POISON"))
    assert extraction.left_out == ("poisoned0000000",)
    assert len(extraction.skipped) == 1 and "ValueError: the model could not read this text" in extraction.skipped[0].reason
    assert {s.article for s in extraction.sentences} == {articles[0].id, articles[2].id}


def test_a_long_stretch_without_spaces_is_parsed_in_linear_time(nlp):
    """Found by benchmarks/fuzz.py: 34,000 punctuation marks without a space kept the tokenizer busy
    for minutes (it rescans the stretch after each mark it splits off), and a run of closing
    quotation marks made the sentence splitter walk back over all of them at every mark."""
    import time

    from newsprism.clean import article_id
    from newsprism.model import Article

    body = ".,;:!?—()\"'“”«»…" * 2000 + " " + "”" * 10_000 + " Putin said."
    article = Article(article_id(body, None), "marks.txt", body)
    started = time.process_time()
    extraction = extract([article], nlp)
    assert time.process_time() - started < 60  # before the fix: over 10 minutes
    assert extraction.skipped == ()
    _offsets_hold(extraction, {article.id: body})
