"""The embedded article store: one SQLite file.

- Schema changes are numbered SQL files in `migrations/`, applied in order and
  recorded by name in a `migrations` table; a store written by a newer
  newsprism (a migration we do not know) is refused rather than guessed at.
- An ingest is one transaction opened with BEGIN IMMEDIATE, which is also the
  single-writer lock: a second writer waits up to the busy timeout, then gets a
  clear error. A failed or killed ingest leaves no part of itself behind.
- sqlite3 errors become StoreError here and nowhere else.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsprism.errors import StoreError
from newsprism.model import Article, Skipped
from newsprism.store.shared import ARTICLE_COLUMNS, SharedTables

__all__ = ["IngestResult", "SqliteStore", "StoreCheck", "check_store", "file_damage"]

# Long enough for another ingest of a few hundred articles to commit; short
# enough that a stuck writer is reported while the user still waits.
DEFAULT_BUSY_TIMEOUT_MS = 30_000


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did: article ids added and already present, inputs skipped, and the added
    articles placed in events without any date (by their content alone)."""

    added: tuple[str, ...]
    present: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    undated: tuple[str, ...] = ()


def _migrations() -> list[tuple[str, str]]:
    folder = resources.files("newsprism.store").joinpath("migrations")
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


class SqliteStore(SharedTables):
    """Articles in a SQLite file; use as a context manager or call close()."""

    dialect = "sqlite"

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    @classmethod
    def open(cls, path: str | Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> SqliteStore:
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"store path {path} is a folder; give a file path such as {path / 'newsprism.db'}")
        damage = file_damage(path)
        if damage:
            raise StoreError(f"cannot use store {path}: {damage}; the file was left untouched "
                             f"(`newsprism check --db {path}` reports on it)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from None
        store = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            store._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(describe(path, exc, f"cannot use store {path}")) from None
        return store

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error):  # a damaged page met while reading: the edge gets a StoreError
            raise StoreError(describe(self.path, exc, f"store {self.path} could not be read")) from None

    def close(self) -> None:
        self._conn.close()

    # --- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        conn = self._conn
        conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        known = _migrations()
        unknown = applied - {name for name, _ in known}
        if unknown:
            raise StoreError(f"store {self.path} was written by a newer newsprism (migrations "
                             f"{', '.join(sorted(unknown))}); upgrade newsprism to use it")
        for name, sql in known:
            if name in applied:
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
                conn.execute("COMMIT")
            except sqlite3.Error:
                _rollback(conn)
                raise

    def migrations(self) -> list[str]:
        return [row[0] for row in self._conn.execute("SELECT name FROM migrations ORDER BY name")]

    # --- writing ----------------------------------------------------------------

    def ingest(self, articles: Iterable[Article], skipped: Iterable[Skipped] = (), *, now: str,
               cluster=None) -> IngestResult:
        """Store new articles and the skip list as one transaction; known ids count as present.

        `cluster(added_articles, load_events) -> EventChanges`, when given, places the added articles
        into events inside the same transaction, so a store never holds an article without its event."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"store {self.path} is busy: another ingest is writing ({exc})") from None
        try:
            cursor = conn.execute("INSERT INTO ingests (started_at, added, present, skipped) VALUES (?, 0, 0, 0)",
                                  (now,))
            ingest_id = cursor.lastrowid
            added, present, added_articles, undated = [], [], [], ()
            for article in articles:
                if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                    present.append(article.id)
                    continue
                self._insert(article, now, ingest_id)
                added.append(article.id)
                added_articles.append(article)
            skips = tuple(skipped)
            conn.executemany("INSERT INTO skipped VALUES (?, ?, ?)", [(ingest_id, s.source, s.reason) for s in skips])
            if cluster is not None and added:
                changes = cluster(added_articles, self.load_events)
                self._save_events(changes, now)
                undated = tuple(getattr(changes, "undated", ()))
            conn.execute("UPDATE ingests SET added = ?, present = ?, skipped = ? WHERE id = ?",
                         (len(added), len(present), len(skips), ingest_id))
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(describe(self.path, exc, f"ingest into {self.path} failed and was rolled back; "
                                                          f"the store is as it was before")) from None
            raise
        return IngestResult(tuple(added), tuple(present), skips, undated)

    def _insert(self, article: Article, now: str, ingest_id: int) -> None:
        values = [getattr(article, c) for c in ARTICLE_COLUMNS]
        self._conn.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, ingested_at, ingest_id) "
            f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))}, ?, ?)", (*values, now, ingest_id))
        self._conn.executemany("INSERT INTO boilerplate VALUES (?, ?, ?, ?)",
                               [(article.id, i, b.kind, b.text) for i, b in enumerate(article.boilerplate)])

    # --- events -----------------------------------------------------------------

    def _save_events(self, changes, now: str) -> None:
        import numpy as np

        conn = self._conn
        for event in changes.events:
            conn.execute(
                "INSERT INTO events (id, title, first_at, last_at, size, centroid, keys, day_sum, dated, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title=excluded.title, "
                "first_at=excluded.first_at, last_at=excluded.last_at, size=excluded.size, "
                "centroid=excluded.centroid, keys=excluded.keys, day_sum=excluded.day_sum, "
                "dated=excluded.dated, updated_at=excluded.updated_at",
                (event.id, event.title, event.first, event.last, event.size,
                 np.asarray(event.total, dtype=np.float32).tobytes(), json.dumps(dict(event.keys)),
                 event.day_sum, event.dated, now))
            # An event split off under the id of an article whose old event had merged is live again.
            conn.execute("DELETE FROM event_redirects WHERE old_id = ?", (event.id,))
        days = {a: d for e in changes.events for a, d in zip(e.members, e.days)}
        conn.executemany("INSERT OR REPLACE INTO article_vectors (article_id, vector, day) VALUES (?, ?, ?)",
                         [(a, np.asarray(v, dtype=np.float32).tobytes(), days.get(a))
                          for a, v in getattr(changes, "vectors", ())])
        left = self._events_left(changes.memberships)
        conn.executemany("INSERT OR REPLACE INTO event_articles (article_id, event_id) VALUES (?, ?)",
                         changes.memberships)
        for old, new in changes.redirects:
            conn.execute("UPDATE event_articles SET event_id = ? WHERE event_id = ?", (new, old))
            conn.execute("UPDATE event_redirects SET new_id = ? WHERE new_id = ?", (new, old))
            conn.execute("INSERT OR REPLACE INTO event_redirects VALUES (?, ?, ?)", (old, new, now))
            conn.execute("DELETE FROM events WHERE id = ?", (old,))
        # Titled here, once per change, so no reader recomputes a title from all of an event's articles.
        conn.executemany("UPDATE events SET headline = ? WHERE id = ?",
                         self._headlines(self._changed_events(changes, left)))

    def store_briefing(self, event_id: str, fmt: str, fingerprint: str, content: str) -> None:
        with self._write():
            self._conn.execute("INSERT OR REPLACE INTO briefings VALUES (?, ?, ?, ?)",
                               (event_id, fmt, fingerprint, content))

    def _write(self):
        from contextlib import contextmanager

        @contextmanager
        def transaction():
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"store {self.path} is busy: {exc}") from None
            try:
                yield
                self._conn.execute("COMMIT")
            except BaseException:
                _rollback(self._conn)
                raise

        return transaction()

    # --- reading ----------------------------------------------------------------

    # --- primitives of the shared tables (store/shared.py), and search -------------------

    def _rows(self, sql: str, params=()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params=()) -> tuple | None:
        return self._conn.execute(sql, params).fetchone()

    def _run(self, sql: str, params=()) -> int:
        with self._write():
            return self._conn.execute(sql, params).rowcount

    def search_articles(self, query: str, limit: int = 50) -> list[dict]:
        """Articles matching every word of `query` (FTS5, best first), with a snippet: matches between
        \x02 and \x03, for the caller to mark after escaping."""
        words = search_words(query)
        if not words:
            return []
        rows = self._conn.execute(
            "SELECT a.id, a.outlet, a.title, a.published, m.event_id, "
            "snippet(articles_fts, 2, char(2), char(3), '…', 16) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid LEFT JOIN event_articles m ON m.article_id = a.id "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (" ".join(f'"{w}"' for w in words), limit)).fetchall()
        return [dict(zip(("id", "outlet", "title", "published", "event", "snippet"), row)) for row in rows]


def search_words(query: str) -> list[str]:
    """The words of a search box's text (letters and digits; quotes and operators dropped), at most 12."""
    import re

    return re.findall(r"\w+", query)[:12]


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (no semicolons inside our literals; a trigger's
    BEGIN ... END body is kept whole: pieces join until SQLite calls the statement complete)."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    statements, pending = [], ""
    for piece in "\n".join(lines).split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().removesuffix(";"))
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip().removesuffix(";"))
    return statements


# --- faults: damaged files, full disks ------------------------------------------------

_MAGIC = b"SQLite format 3\x00"


def file_damage(path: Path) -> str | None:
    """What is visibly wrong with an existing store file, from its header alone (no write, no lock).

    None for a missing or empty file (a new store) and for a whole SQLite file.
    The header names the page size and, when it is current, the number of
    pages: a file shorter than that lost its end."""
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with path.open("rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    if not header.startswith(_MAGIC):
        if _MAGIC.startswith(header):
            return f"the file is truncated ({size} bytes, shorter than a SQLite header)"
        return "the file is not a database (no SQLite header: is it a newsprism store?)"
    if len(header) < 100:
        return f"the file is truncated ({size} bytes, shorter than a SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file's header is damaged (impossible page size)"
    pages = int.from_bytes(header[28:32], "big")
    header_is_current = header[24:28] == header[92:96] and pages > 0
    wal = path.with_name(path.name + "-wal")
    if header_is_current and size < pages * page_size and not (wal.exists() and wal.stat().st_size > 0):
        return f"the file is truncated ({size:,} bytes; its header says {pages * page_size:,})"
    return None


def describe(path: Path, exc: BaseException, what: str) -> str:
    """A store error for a person: what failed, SQLite's words, and what to do."""
    text = str(exc)
    if "full" in text.lower() or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
        hint = f"the disk holding {path} is full; free some space and run the command again"
    elif "malformed" in text or "not a database" in text or "corrupt" in text.lower():
        hint = f"the file is damaged; `newsprism check --db {path}` reports what is wrong"
    elif "readonly" in text or "read-only" in text or "permission" in text.lower():
        hint = "the file or its folder is not writable"
    else:
        hint = "check the path, the free space and the permissions"
    return f"{what}: {text} ({hint})"


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back what is still open; SQLite has already rolled back after some errors (a full disk)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the transaction is gone either way: nothing of it was committed


@dataclass(frozen=True, slots=True)
class StoreCheck:
    """What `check_store` found: `ok`, the problems, and counts when the file could be read."""

    path: Path
    ok: bool
    problems: tuple[str, ...]
    articles: int | None = None
    events: int | None = None
    migrations: tuple[str, ...] = ()


def check_store(path: str | Path) -> StoreCheck:
    """The store's header, then SQLite's `PRAGMA integrity_check`, read-only (the file is never written)."""
    path = Path(path).expanduser()
    if not path.is_file():
        return StoreCheck(path, False, (f"no store file at {path}",))
    damage = file_damage(path)
    if damage:
        return StoreCheck(path, False, (damage,))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        return StoreCheck(path, False, (f"cannot open: {exc}",))
    try:
        problems = tuple(row[0] for row in conn.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok")
        if problems:
            return StoreCheck(path, False, problems)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "migrations" not in tables or "articles" not in tables:
            return StoreCheck(path, False, ("a SQLite database, but not a newsprism store (no articles table)",))
        migrations = tuple(r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name"))
        unknown = sorted(set(migrations) - {name for name, _ in _migrations()})
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0] if "events" in tables else 0
        notes = (f"written by a newer newsprism (migrations {', '.join(unknown)})",) if unknown else ()
        return StoreCheck(path, not notes, notes, articles, events, migrations)
    except sqlite3.Error as exc:
        return StoreCheck(path, False, (describe(path, exc, "integrity check failed"),))
    finally:
        conn.close()
