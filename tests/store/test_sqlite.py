"""The SQLite store on real files."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import article_id
from newsprism.errors import StoreError
from newsprism.model import Article, Boilerplate, Skipped
from newsprism.settings import default_db_path
from newsprism.store import SqliteStore, open_store
from newsprism.store.sqlite import _migrations

NOW = "2026-01-01T00:00:00+00:00"


def make(body: str, outlet: str | None = "Example", **fields) -> Article:
    return Article(id=article_id(body, outlet), source=f"{body[:8]}.txt", body=body, outlet=outlet, **fields)


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "s.db"
    with SqliteStore.open(path) as store:
        assert store.migrations()[:3] == ["0001_articles", "0002_events", "0003_article_vectors"]
    with SqliteStore.open(path) as store:
        assert store.migrations()[:3] == ["0001_articles", "0002_events", "0003_article_vectors"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(_migrations())


def test_reingest_stores_nothing_twice(tmp_path):
    articles = [make("First body."), make("Second body.")]
    with SqliteStore.open(tmp_path / "s.db") as store:
        first = store.ingest(articles, [Skipped("x.bin", "binary")], now=NOW)
        second = store.ingest(articles, now=NOW)
        assert len(first.added) == 2 and first.present == () and len(first.skipped) == 1
        assert second.added == () and set(second.present) == {a.id for a in articles}
        assert store.count() == 2
        assert [i["added"] for i in store.ingests()] == [2, 0]


def test_an_ingest_that_fails_halfway_leaves_nothing(tmp_path):
    def articles():
        yield make("One.")
        yield make("Two.")
        raise RuntimeError("reader crashed")

    with SqliteStore.open(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            store.ingest(articles(), now=NOW)
        assert store.count() == 0
        assert store.ingests() == []


def test_a_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s.db"
    SqliteStore.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with SqliteStore.open(path, busy_timeout_ms=200) as store:
            with pytest.raises(StoreError, match="busy"):
                store.ingest([make("Body.")], now=NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a database"):
        SqliteStore.open(path)


def test_folder_path(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        SqliteStore.open(tmp_path)


def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    SqliteStore.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES ('0099_future', 'now')")
    with pytest.raises(StoreError, match="newer newsprism"):
        SqliteStore.open(path)


def test_get_by_id_and_unique_prefix(tmp_path):
    a, b = make("Alpha body."), make("Beta body.")
    with SqliteStore.open(tmp_path / "s.db") as store:
        store.ingest([a, b], now=NOW)
        assert store.get(a.id) == a
        assert store.get(a.id[:6]) == a
        assert store.get(a.id[:3]) is None
        assert store.get("ffffffffffff") is None


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_text, title=st.none() | _text, kinds=st.lists(st.sampled_from(["donation", "licence"]), max_size=3))
def test_articles_round_trip_exactly(tmp_path_factory, body, title, kinds):
    article = make(body, title=title, boilerplate=tuple(Boilerplate(k, f"{k} text {i}") for i, k in enumerate(kinds)))
    with SqliteStore.open(tmp_path_factory.mktemp("rt") / "s.db") as store:
        store.ingest([article], now=NOW)
        assert store.articles() == [article]


def test_default_path_from_environment(tmp_path):
    assert default_db_path({"NEWSPRISM_DB": str(tmp_path / "x.db")}) == tmp_path / "x.db"
    assert default_db_path({}).name == "newsprism.db"
    with open_store(env={"NEWSPRISM_DB": str(tmp_path / "y.db")}) as store:
        assert store.path == tmp_path / "y.db"
