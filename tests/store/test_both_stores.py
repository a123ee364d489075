"""The store contract on SQLite and on a real PostgreSQL server: the same migrations, the same
answers, and (PostgreSQL) several writers at once."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from newsprism.clean import article_id
from newsprism.errors import StoreError
from newsprism.model import Article, Boilerplate, Skipped
from newsprism.store import open_store
from newsprism.store.sqlite import _migrations

NOW = "2026-01-01T00:00:00+00:00"


def make(body: str, outlet: str | None = "Example", **fields) -> Article:
    return Article(id=article_id(body, outlet), source=f"{body[:8]}.txt", body=body, outlet=outlet, **fields)


def test_every_migration_is_applied_once_by_name(store_url):
    names = [name for name, _ in _migrations()]
    with open_store(store_url) as store:
        assert store.migrations() == names
    with open_store(store_url) as store:  # opening again applies nothing
        assert store.migrations() == names


def test_reingest_stores_nothing_twice_and_articles_round_trip(store_url):
    article = make("First body with a «quote» and ünïcode.", title="T", published="2022-02-21", url="https://x.org/a",
                   boilerplate=(Boilerplate("donation", "Give"), Boilerplate("caption", "Photo")))
    with open_store(store_url) as store:
        first = store.ingest([article, make("Second body.")], [Skipped("x.bin", "binary")], now=NOW)
        second = store.ingest([article], now=NOW)
        assert len(first.added) == 2 and len(first.skipped) == 1
        assert second.added == () and second.present == (article.id,)
        assert store.count() == 2
        assert store.get(article.id[:8]) == article
        assert store.get(article.id[:3]) is None
        assert [i["added"] for i in store.ingests()] == [2, 0]


def test_a_failed_ingest_leaves_nothing(store_url):
    def articles():
        yield make("One.")
        raise RuntimeError("reader crashed")

    with open_store(store_url) as store:
        with pytest.raises(RuntimeError):
            store.ingest(articles(), now=NOW)
        assert store.count() == 0 and store.ingests() == []


def test_search_finds_a_spelling_and_marks_it(store_url):
    with open_store(store_url) as store:
        store.ingest([make("Troops entered the Lugansk region on Monday.", title="Lugansk"),
                      make("Nothing to see in Kyiv.", title="Kyiv")], now=NOW)
        hits = store.search_articles("lugansk")
        assert [h["title"] for h in hits] == ["Lugansk"]
        assert "\x02Lugansk\x03" in hits[0]["snippet"]
        assert store.search_articles('"; DROP TABLE articles; --') == []
        assert store.count() == 2


def test_users_tokens_and_feeds(store_url):
    with open_store(store_url) as store:
        assert store.add_user("ann", "hash1", "editor", NOW) is True
        assert store.add_user("ann", "hash2", "admin", NOW) is False
        assert store.user("ann") == {"name": "ann", "password_hash": "hash2", "role": "admin", "session_version": 2}
        store.add_token("th", "ann", "script", NOW)
        assert store.token_user("th")["name"] == "ann"
        feed = store.add_feed("https://example.org/rss", 900, "ann", NOW)
        assert store.add_feed("https://example.org/rss", 60, "ann", NOW)["id"] == feed["id"]
        assert [f["id"] for f in store.due_feeds(NOW)] == [feed["id"]]
        assert store.claim_feed(feed, "2026-01-01T00:15:00+00:00") is True
        assert store.claim_feed(feed, "2026-01-01T00:15:00+00:00") is False  # another server took it
        store.record_feed_fetch(feed["id"], now=NOW, next_at="2026-01-01T00:30:00+00:00", ok=False, error="HTTP 500",
                                added=0)
        assert store.feed(feed["id"])["failures"] == 1 and store.feed(feed["id"])["last_error"] == "HTTP 500"
        assert store.setting_once("secret", "a") == "a" and store.setting_once("secret", "b") == "a"
        assert store.remove_user("ann") and store.token_user("th") is None


def test_seeds_become_one_event_with_the_same_briefing_cache(store_url, seed_articles):
    from newsprism.pipeline import event_clusterer

    with open_store(store_url) as store:
        store.ingest(list(seed_articles.values()), now=NOW, cluster=event_clusterer())
        events = store.events()
        assert len(events) == 1 and events[0]["articles"] == 5
        event_id = events[0]["id"]
        assert store.resolve_event(event_id[:8]) == event_id
        assert len(store.event_articles(event_id)) == 5
        figures = store.event_figures()[event_id]
        assert sum(figures["outlets"].values()) == 5
        store.store_briefing(event_id, "html", "fp", "<p>x</p>")
        store.store_briefing(event_id, "html", "fp2", "<p>y</p>")
        assert store.cached_briefing(event_id, "html", "fp2") == "<p>y</p>"
        assert store.cached_briefing(event_id, "html", "fp") is None


def test_postgres_schema_has_the_sqlite_tables_and_columns(postgres_server, tmp_path):
    import psycopg

    url = postgres_server.new_database()
    open_store(url).close()
    lite = tmp_path / "s.db"
    open_store(str(lite)).close()
    with sqlite3.connect(lite) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'articles_fts%'")]
        expected = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = 'public'").fetchall()
    found: dict[str, set] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    found["event_articles"].discard("seq")  # PostgreSQL has no rowid: the join order is kept here
    assert found == expected


def test_postgres_writers_at_once_lose_nothing(postgres_server):
    """Four writers ingest overlapping batches at the same time: every article stored once."""
    url = postgres_server.new_database()
    open_store(url).close()
    batches = [[make(f"Article {n} of the day.") for n in range(k, k + 30)] for k in (0, 10, 20, 30)]
    errors = []

    def write(batch):
        try:
            with open_store(url) as store:
                store.ingest(batch, now=NOW, cluster=lambda added, load: _no_events(load))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(url) as store:
        assert store.count() == 60
        assert sum(i["added"] for i in store.ingests()) == 60


def _no_events(load_events):
    from newsprism.cluster import EventChanges

    load_events()
    return EventChanges((), (), (), (), ())


def test_a_bad_postgres_url_is_a_store_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


def test_each_event_keeps_the_headline_of_its_articles(store_url, seed_articles):
    """The headline written at ingest is `event_title` of the event's articles, and is written again when
    an ingest changes the event; `events()` gives it as the title."""
    from newsprism.pipeline import event_clusterer
    from newsprism.title import event_title

    seeds = list(seed_articles.values())
    cluster = event_clusterer()
    with open_store(store_url) as store:
        store.ingest(seeds[:2], now=NOW, cluster=cluster)
        first = {e["id"]: e["title"] for e in store.events()}
        store.ingest(seeds[2:], now=NOW, cluster=cluster)
        events = store.events()
        assert sum(e["articles"] for e in events) == 5
        for row in events:
            articles = store.event_articles(row["id"])
            assert articles == [store.get(a.id) for a in articles]  # loaded in bulk, the same articles
            assert store.event_headline(row["id"]) == event_title(articles)
            assert row["title"] == (event_title(articles) or None)
        assert len(first) >= 1  # the first ingest titled its events too


def test_an_event_stored_before_headlines_is_titled_on_read_and_by_the_next_ingest(store_url, seed_articles):
    from newsprism.pipeline import event_clusterer
    from newsprism.title import event_title

    seeds = list(seed_articles.values())
    cluster = event_clusterer()
    with open_store(store_url) as store:
        store.ingest(seeds[:3], now=NOW, cluster=cluster)
        store._run("UPDATE events SET headline = NULL")  # as migration 0006 leaves older events
        event_id = store.events()[0]["id"]
        assert store.event_headline(event_id) is None
        assert store.events()[0]["title"] == event_title(store.event_articles(event_id))
        store.ingest([make("An unrelated note about a village fair and its prize marrows.")], now=NOW,
                     cluster=cluster)
        assert store.event_headline(event_id) == event_title(store.event_articles(event_id))


def test_a_cached_briefing_is_used_until_its_event_changes(store_url, seed_articles):
    """Another event changing leaves a briefing cached; its own event gaining an article does not."""
    from newsprism.pipeline import event_clusterer
    from newsprism.web.briefings import cached, cached_events, fingerprint, is_cached

    seeds = list(seed_articles.values())
    cluster = event_clusterer()
    with open_store(store_url) as store:
        store.ingest(seeds[:3], now=NOW, cluster=cluster)
        event_id = store.events()[0]["id"]
        store.store_briefing(event_id, "html", fingerprint(store.event_articles(event_id)), "<p>briefing</p>")
        store.ingest([make("An unrelated note about a village fair and its prize marrows.")], now=NOW,
                     cluster=cluster)
        assert len(store.events()) == 2
        assert cached(store, event_id, "html") == "<p>briefing</p>"
        assert is_cached(store, event_id) and cached_events(store) == {event_id}
        store.ingest(seeds[3:], now=NOW, cluster=cluster)
        assert store.resolve_event(event_id) == event_id and len(store.event_articles(event_id)) == 5
        assert cached(store, event_id, "html") is None
        assert not is_cached(store, event_id) and cached_events(store) == set()


def test_an_agency_copy_without_an_outlet_lists_its_wire_among_the_event_outlets(store_url):
    from newsprism.pipeline import event_clusterer

    story = ("Dockworkers at the port of Halvard walked off the job on Tuesday after talks over safety staffing "
             "collapsed, the union said. The strike closed the port to cargo ships for the day.")
    copy = Article(id=article_id(story, None), source="wire.txt", body=story, wire="AP", published="2026-03-10")
    own = make(story.replace("the union said", "union leaders told reporters"), outlet="Harbour Times",
               published="2026-03-10")
    with open_store(store_url) as store:
        store.ingest([copy, own], now=NOW, cluster=event_clusterer())
        events = store.events()
        assert len(events) == 1 and events[0]["outlets"] == ["AP", "Harbour Times"]
