"""Events from a stream: clustering through the real store and the CLI."""

from __future__ import annotations

import json
import re
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from newsprism.clean import clean
from newsprism.cluster import assign, document_vectors
from newsprism.model import RawDocument
from quality import ROOT, SEEDS

sys.path.insert(0, str(Path(__file__).parent / "data"))
from unrelated_events import unrelated_articles  # noqa: E402


def cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprism.cli", *args], capture_output=True, cwd=ROOT,
                          timeout=timeout)


def _events(db: Path) -> dict[str, set[str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT m.event_id, a.source FROM event_articles m JOIN articles a ON a.id = m.article_id")
        grouped: dict[str, set[str]] = {}
        for event, source in rows:
            grouped.setdefault(event, set()).add(Path(source).name)
    return grouped


def test_the_seeds_make_one_event(tmp_path):
    db = tmp_path / "s.db"
    assert cli("ingest", str(SEEDS), "--db", str(db)).returncode == 0
    events = _events(db)
    assert list(events.values()) == [{p.name for p in SEEDS.glob("*.txt")}]
    listing = cli("events", "--db", str(db)).stdout.decode()
    assert "5 articles" in listing
    # `events` titles the event as the briefing does, not by one outlet's headline.
    from newsprism.pipeline import read_articles
    from newsprism.title import event_title

    title = event_title(read_articles([str(SEEDS)]).articles)
    assert json.loads(cli("events", "--db", str(db), "--format", "json").stdout)[0]["title"] == title


def test_seeds_stay_one_event_among_unrelated_ones_and_reingest_changes_nothing(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    written = unrelated_articles(per_event=4)
    for _, name, text in written:
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    assert cli("ingest", str(folder), "--db", str(db)).returncode == 0
    events = _events(db)
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert seeds in events.values()
    truth: dict[str, set[str]] = {}
    for event, name, _ in written:
        truth.setdefault(event, set()).add(name)
    assert len(written) >= 20 and len(truth) >= 5
    for members in truth.values():
        assert members in events.values()  # every written event intact and apart
    before = db.read_bytes()
    second = cli("ingest", str(folder), "--db", str(db))
    assert f"0 added, {len(written) + 5} already present" in second.stdout.decode()
    assert _events(db) == events
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(events)
    assert before  # the file existed and was read back


def test_show_prints_a_cached_briefing_that_follows_the_event(tmp_path):
    db = tmp_path / "s.db"
    cli("ingest", str(SEEDS / "002_138185aca57c1631.txt"), str(SEEDS / "003_fd07f2ca2049303a.txt"), "--db", str(db))
    (event,) = _events(db)
    first = cli("show", event[:8], "--db", str(db), "--format", "md")
    assert first.returncode == 0 and "## Summary" in first.stdout.decode()
    cli("ingest", str(SEEDS / "004_89b24bb088be63ff.txt"), "--db", str(db))
    assert len(_events(db)[event]) == 3
    again = cli("show", event, "--db", str(db), "--format", "md").stdout.decode()
    assert "Mehr News Agency" in again and again != first.stdout.decode()
    assert cli("show", "nosuchevent", "--db", str(db)).returncode == 1


def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i, (_, name, text) in enumerate(unrelated_articles(per_event=30, seed=5)):
        (folder / f"{i:03d}-{name}").write_text(text + f"\n\nReport number {i}.", encoding="utf-8")
    db = tmp_path / "s.db"
    process = subprocess.Popen([sys.executable, "-m", "newsprism.cli", "ingest", str(folder), "--db", str(db)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it while it writes: once the store exists, the ingest transaction is under way or about to be.
    deadline = time.time() + 120
    while time.time() < deadline and not (db.exists() and db.stat().st_size > 0):
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        unplaced = conn.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM event_articles)")
        assert unplaced.fetchone()[0] == 0
        assert stored in (0, 180)  # one transaction: nothing, or everything
    rerun = cli("ingest", str(folder), "--db", str(db))
    assert rerun.returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 180


def test_the_same_event_in_english_russian_and_german_clusters_together():
    from newsprism.e5 import load_document_embedder

    texts = {
        "en": ("Earthquake hits coastal city", "A magnitude 6.8 earthquake struck the coastal city of Izmira early on "
               "Friday, collapsing dozens of buildings. Rescuers pulled survivors from the rubble as aftershocks "
               "shook the region, and officials said at least 40 people had died."),
        "ru": ("Землетрясение в прибрежном городе", "Землетрясение магнитудой 6,8 произошло рано утром в пятницу в "
               "прибрежном городе Измира, разрушив десятки зданий. Спасатели извлекали выживших из-под завалов, "
               "а власти сообщили о гибели не менее 40 человек."),
        "de": ("Erdbeben erschüttert Küstenstadt", "Ein Erdbeben der Stärke 6,8 hat am frühen Freitag die Küstenstadt "
               "Izmira getroffen und Dutzende Gebäude zum Einsturz gebracht. Retter bargen Überlebende aus den "
               "Trümmern, mindestens 40 Menschen kamen ums Leben."),
        "other": ("Central bank raises rates", "The central bank raised its main interest rate by a quarter point on "
                  "Friday, saying inflation remained too high, and signalled that further increases were possible."),
    }
    articles = [clean(RawDocument(f"{k}.txt", body, title=title)) for k, (title, body) in texts.items()]
    assert [a.language for a in articles] == ["en", "ru", "de", "en"]
    vectors = document_vectors(articles, load_document_embedder())
    changes = assign(articles, vectors, [])
    event_of = dict(changes.memberships)
    ids = {k: a.id for k, a in zip(texts, articles)}
    assert event_of[ids["en"]] == event_of[ids["ru"]] == event_of[ids["de"]]
    assert event_of[ids["other"]] != event_of[ids["en"]]


def test_non_english_articles_are_listed_not_analysed(tmp_path):
    russian = tmp_path / "ru.txt"
    russian.write_text("Землетрясение в прибрежном городе\n\nЗемлетрясение магнитудой 6,8 произошло рано утром "
                       "23 февраля 2023 года, разрушив десятки зданий. Власти сообщили о гибели не менее 40 человек. "
                       "Последнее сильное землетрясение здесь было в 1999 году.", encoding="utf-8")
    result = cli("analyze", str(SEEDS / "000_c157c4d7fdd705a7.txt"), str(russian), "--format", "md", "--quiet")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "language ru: numbers and dates read; quotes, facts, conflicts and framing not analysed" in out
    report = json.loads(cli("analyze", str(russian), str(SEEDS / "000_c157c4d7fdd705a7.txt"), "--format", "json",
                            "--quiet").stdout)
    ru_id = next(a["id"] for a in report["articles"] if a["language"] == "ru")
    assert {q["value"] for q in report["quantities"] if q["article"] == ru_id} >= {40.0}


DEV = ROOT.parent / "shared" / "dev" / "newswcl50"


class _CachedEmbedder:
    """The e5 embedder with a memo, so the same articles in another order are not embedded again."""

    def __init__(self):
        from newsprism.e5 import load_document_embedder

        self.model, self.memo = load_document_embedder(), {}

    def passage(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            self.memo.update(zip(missing, self.model.passage(missing)))
        return [self.memo[t] for t in texts]


@pytest.mark.skipif(not DEV.exists() and not os.environ.get("CI"),
                    reason="the NewsWCL50 dev events are not checked out beside the repo")
def test_dev_events_and_seeds_undated_make_five_whole_events_in_any_order(tmp_path):
    assert DEV.exists(), f"dev events missing at {DEV}: CI must have ../shared beside the repo"
    import random
    from dataclasses import replace

    from newsprism.pipeline import event_clusterer, read_articles
    from newsprism.store import SqliteStore

    labelled = [(folder.name, replace(a, published=None))
                for folder in sorted(DEV.glob("event_*")) for a in read_articles([str(folder)]).articles]
    labelled += [("seeds", replace(a, published=None)) for a in read_articles([str(SEEDS)]).articles]
    assert len(labelled) == 25
    truth = {}
    for label, article in labelled:
        truth.setdefault(label, set()).add(article.id)
    clusterer = event_clusterer(_CachedEmbedder())
    shuffled = list(labelled)
    random.Random(4).shuffle(shuffled)
    for n, order in enumerate([labelled, labelled[::-1], shuffled]):
        with SqliteStore.open(tmp_path / f"order{n}.db") as store:
            result = store.ingest([a for _, a in order], now="2026-01-01T00:00:00", cluster=clusterer)
            rows = store._conn.execute("SELECT event_id, article_id FROM event_articles").fetchall()
        found: dict[str, set[str]] = {}
        for event, article in rows:
            found.setdefault(event, set()).add(article)
        assert sorted(map(sorted, found.values())) == sorted(map(sorted, truth.values())), f"order {n}"
        assert result.undated and set(result.undated) <= {a.id for _, a in labelled}


class _PlannedEmbedder:
    """Vectors chosen by a tag in the text: two stories 0.8 apart, members of one story about 0.98 apart,
    and an ambiguous article halfway between them."""

    def __init__(self):
        a, b = np.zeros(384, np.float32), np.zeros(384, np.float32)
        a[0], b[0], b[1] = 1.0, 0.8, 0.6
        self.vectors = {"x": (a + b) / np.linalg.norm(a + b)}
        for story, centre in (("a", a), ("b", b)):
            for i in range(1, 5):
                noise = np.zeros(384, np.float32)
                noise[10 + 10 * i + (story == "b")] = 0.15
                self.vectors[f"{story}{i}"] = (centre + noise) / np.linalg.norm(centre + noise)

    def passage(self, texts):
        return [self.vectors[re.search(r"\[(\w+)\]", t).group(1)] for t in texts]


def test_an_event_merged_by_an_early_ambiguous_article_is_split_and_its_id_stays_with_the_larger_part(tmp_path):
    from newsprism.pipeline import event_clusterer
    from newsprism.store import SqliteStore

    def article(tag):
        return clean(RawDocument(f"{tag}.txt", f"Report [{tag}] on the talks, with details of its own."))

    clusterer = event_clusterer(_PlannedEmbedder())
    ids = {}
    with SqliteStore.open(tmp_path / "s.db") as store:
        def events():
            grouped: dict[str, set[str]] = {}
            for event, article_id in store._conn.execute("SELECT event_id, article_id FROM event_articles"):
                grouped.setdefault(event, set()).add(next(t for t, i in ids.items() if i == article_id))
            return grouped

        for batch in (["a1"], ["x"], ["b1"]):
            arts = [article(t) for t in batch]
            ids.update((t, a.id) for t, a in zip(batch, arts))
            store.ingest(arts, now="2026-01-01T00:00:00", cluster=clusterer)
        (merged, members), = events().items()  # the ambiguous article let the second story in
        assert members == {"a1", "x", "b1"}
        for batch in (["a2", "b2"], ["a3", "b3", "a4"]):
            arts = [article(t) for t in batch]
            ids.update((t, a.id) for t, a in zip(batch, arts))
            store.ingest(arts, now="2026-01-01T00:00:00", cluster=clusterer)
        after = events()
        assert sorted(map(sorted, after.values())) == [["a1", "a2", "a3", "a4", "x"], ["b1", "b2", "b3"]]
        larger = next(e for e, m in after.items() if "a1" in m)
        assert store.resolve_event(merged) == larger
        assert store._conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_document_text_defaults_to_the_settings_lead():
    from newsprism.cluster import ClusterSettings, document_text

    article = clean(RawDocument("lead.txt", "First paragraph here.\n\n" + "x" * 1000, title="A title"))
    title, lead = document_text(article)
    assert title == "A title"
    assert len(lead) == ClusterSettings().lead_chars


def test_nearest_members_are_exact_and_ordered():
    """`_top` gives the k largest, largest first, ties by position; `assign` compares a new article with
    the members nearest it however many other events there are (no graph index to miss them)."""
    from newsprism.cluster import ClusterSettings, Event, _top

    assert _top(np.array([0.1, 0.9, 0.5, 0.9, 0.2]), 3).tolist() == [1, 3, 2]
    assert _top(np.array([0.3, 0.7]), 5).tolist() == [1, 0]
    rng = np.random.default_rng(3)
    unit = lambda v: v / np.linalg.norm(v)  # noqa: E731
    events = []
    for n in range(400):  # 400 unrelated one-member events
        vector = unit(rng.normal(size=384)).astype(np.float32)
        event = Event(f"e{n}", f"story {n}", None, None, 0, np.zeros(384, np.float32), Counter())
        event.add(f"a{n}", vector, None, f"story {n}")
        events.append(event)
    target = events[123]
    near = unit(target.vectors[0] + 0.01 * rng.normal(size=384)).astype(np.float32)
    article = clean(RawDocument("new.txt", "A report.", title="story 123 again"))
    placed = assign([article], near[None, :], events, ClusterSettings(candidates=3))
    assert placed.memberships == ((article.id, "e123"),)
