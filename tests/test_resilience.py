"""Nothing a user feeds it stops a run: long articles, hostile text, and a stage that fails on one article."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import jsonschema

from quality import ROOT, SEEDS

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
SEED = SEEDS / "002_138185aca57c1631.txt"


def run(*args: str, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NEWSPRISM_DEBUG"}
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, cwd=ROOT,
                          timeout=timeout, env=env)


def _seed_sentences() -> list[str]:
    from newsprism.pipeline import read_articles

    bodies = [a.body for a in read_articles([str(SEEDS)]).articles]
    return [s for b in bodies for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", b) if len(s.split()) > 5]


def test_long_articles_beside_a_seed_are_analysed_or_skipped_and_the_seed_briefing_is_whole(tmp_path, seed_analysis):
    """The acceptance case: a 5 MB article on one line, a 200,000-word article in paragraphs, and a seed."""
    rng = random.Random(15)
    sentences = _seed_sentences()
    line = []
    while sum(map(len, line)) + len(line) < 5_000_000:
        line.append(rng.choice(sentences))
    (tmp_path / "dump.txt").write_text(" ".join(line)[:5_000_000] + "\n", encoding="utf-8")
    paragraphs, words = [], 0
    while words < 200_000:
        paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    (tmp_path / "transcript.txt").write_text("Transcript of the hearings\n\n" + "\n\n".join(paragraphs) + "\n",
                                             encoding="utf-8")
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())

    result = run("analyze", str(tmp_path), "--format", "json")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    by_name = {Path(a["source"]).name: a for a in report["articles"]}
    skipped = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert "500,000" in skipped["dump.txt"] and "skipped: " in err and "dump.txt" in err
    assert "transcript.txt" in by_name or "500,000" in skipped["transcript.txt"]
    # The seed's briefing is whole: its numbers, quotes and actors as in the analysis of the five seeds.
    seed = by_name[SEED.name]
    alone = next(a for a in seed_analysis.articles if Path(a.source).name == SEED.name)
    assert seed["id"] == alone.id and seed["body"] == alone.body
    want_numbers = sorted((q.start, q.end, q.value) for q in seed_analysis.extraction.quantities if q.article == alone.id)
    got_numbers = sorted((q["start"], q["end"], q["value"]) for q in report["quantities"] if q["article"] == seed["id"])
    assert got_numbers == want_numbers and want_numbers
    want_quotes = sorted((q.start, q.end) for q in seed_analysis.extraction.quotes if q.article == alone.id)
    got_quotes = sorted((q["start"], q["end"]) for q in report["quotes"] if q["article"] == seed["id"])
    assert got_quotes == want_quotes and want_quotes
    if "transcript.txt" in by_name:  # analysed in windows: every offset still points at its text
        body = by_name["transcript.txt"]["body"]
        tid = by_name["transcript.txt"]["id"]
        spans = [q for q in report["quotes"] if q["article"] == tid]
        assert spans and all(body[q["start"]:q["end"]] == q["text"] for q in spans)
        numbers = [q for q in report["quantities"] if q["article"] == tid]
        assert len(numbers) > 1000 and all(body[q["start"]:q["end"]] == q["text"] for q in numbers)
        assert max(q["start"] for q in numbers) > 1_000_000  # found in the last windows too


def test_an_event_stage_that_fails_on_one_article_leaves_that_article_out(seed_articles, monkeypatch):
    """A fault injected into framing for one article: the article is skipped with the reason, the rest analysed."""
    import newsprism.frame
    from newsprism.pipeline import ReadOutcome, analyze

    articles = [seed_articles[name] for name in sorted(seed_articles)][:3]
    bad = articles[1].id
    real = newsprism.frame.frame

    def frame(arts, extraction, alignment):
        if any(a.id == bad for a in arts):
            raise ZeroDivisionError("a bug met on this article")
        return real(arts, extraction, alignment)

    monkeypatch.setattr(newsprism.frame, "frame", frame)
    analysis = analyze(ReadOutcome(tuple(articles), ()))
    assert [a.id for a in analysis.articles] == [articles[0].id, articles[2].id]
    assert [s.source for s in analysis.skipped] == [articles[1].source]
    assert "ZeroDivisionError: a bug met on this article" in analysis.skipped[0].reason
    assert all(q.article != bad for q in analysis.extraction.quotes)
    assert analysis.framing is not None


def test_an_embedder_that_cannot_load_is_its_own_error_not_every_articles(seed_articles, monkeypatch):
    """The embedder loads on a thread beside spaCy; when it cannot load, the run stops with the model's
    error (the command prints it in one line), not with every article skipped as if it had failed."""
    import pytest

    import newsprism.embed
    from newsprism.embed import EmbeddingModelError
    from newsprism.pipeline import ReadOutcome, analyze

    def broken(threads: int = 0):
        raise EmbeddingModelError("missing model file /nowhere/model.onnx")

    monkeypatch.setattr(newsprism.embed, "load_embedder", broken)
    with pytest.raises(EmbeddingModelError, match="missing model file"):
        analyze(ReadOutcome((seed_articles[SEED.name],), ()))


def test_a_warm_up_that_fails_costs_only_time():
    """In a fresh process (spaCy not loaded yet, so the embedder warms up while it loads), a warm-up that
    raises leaves the briefing as it would have been."""
    script = (
        "import json, sys\n"
        "from newsprism.embed import MiniLM\n"
        "def broken(self, texts, stop):\n"
        "    raise RuntimeError('warm-up broke')\n"
        "MiniLM.warm = broken\n"
        "from newsprism.pipeline import analyze, read_articles\n"
        "analysis = analyze(read_articles([sys.argv[1]]))\n"
        "print(json.dumps([len(analysis.articles), len(analysis.alignment.facts)]))\n"
    )
    broken = subprocess.run([sys.executable, "-c", script, str(SEEDS)], capture_output=True, timeout=300, cwd=ROOT)
    assert broken.returncode == 0, broken.stderr.decode()[-800:]
    articles, facts = json.loads(broken.stdout)
    assert articles == 5 and facts > 10


def test_hostile_inputs_give_a_briefing_or_one_error_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "punct.txt").write_text(".,;:!?—()\"'“”«»…\n" * 200)
    (folder / "nul.txt").write_bytes(b"Putin\x00 said 150\x00000 troops.\x1b[31m\n" * 50)
    (folder / "bidi.txt").write_text("Pu\u202etin and Zel\u200benskyy met on 9999-12-31 in \u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd. "
                                     "“Unbalanced «quotes ‘everywhere,\" he said. " * 30 + "9" * 400 + " troops.\n")
    (folder / "bad-date.txt").write_text("Council approves bridge\n20230230\n\n"
                                         "The council voted on Monday in a city built 3000 years ago.\n")
    result = run("analyze", str(folder), "--format", "json", timeout=600)
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert result.returncode in (0, 1), err
    if result.returncode == 0:
        jsonschema.validate(json.loads(result.stdout), SCHEMA)
    else:
        assert err.strip().splitlines()[-1].startswith("error:")
    unwritable = run("analyze", str(folder / "bad-date.txt"), "-o", "/proc/no/such/report.json", timeout=600)
    assert unwritable.returncode == 1 and "Traceback" not in unwritable.stderr.decode()
    assert "cannot write /proc/no/such/report.json" in unwritable.stderr.decode()


def test_a_crash_inside_quote_reading_skips_only_that_article(seed_articles):
    """Found on a 200,000-word transcript: spaCy tags a bare "The" as a person after "according to Mr.",
    and the quote reader fails on the empty name (extract/quotes.py `_name_ref`). Whatever the quote
    reader does with it, the run goes on: the article is read, or left out with the reason."""
    from newsprism.clean import clean
    from newsprism.extract.event import extract
    from newsprism.extract.nlp import load_nlp
    from newsprism.model import RawDocument

    odd = clean(RawDocument("odd.txt", "according to Mr. The President of the United States Donald Trump will "
                                       "visit the United Kingdom."))
    seed = seed_articles[SEED.name]
    extraction = extract([odd, seed], load_nlp())
    assert {s.article for s in extraction.sentences} >= {seed.id}
    read = odd.id in {s.article for s in extraction.sentences}
    assert read or (extraction.left_out == (odd.id,) and "IndexError" in extraction.skipped[0].reason)
