"""What the web app keeps in the store, written once for both stores: users, API tokens, feeds,
settings, and the per-event figures the events page shows.

A store class mixes `SharedTables` in (with the reads of articles and events, the same SQL in both) and
provides three primitives over its own connection:
`_rows(sql, params)`, `_one(sql, params)` and `_run(sql, params)` (one write in its own
transaction). SQL here is written with `?` placeholders in the subset both SQLite and PostgreSQL
speak; the PostgreSQL store turns `?` into `%s`. Search differs between the two (FTS5 and
`to_tsvector`), so each store writes its own `search_articles`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsprism.model import Article, Boilerplate

__all__ = ["ARTICLE_COLUMNS", "MIN_ID_PREFIX", "ROLES", "SharedTables"]

ARTICLE_COLUMNS = ("id", "source", "outlet", "title", "published", "url", "dateline", "wire", "caption",
                   "duplicate_of", "body", "language")
# An id prefix shorter than this is too likely to be ambiguous to accept.
MIN_ID_PREFIX = 6

#: Roles in order of what they may do: readers read, editors add articles and feeds, admins manage users.
ROLES = ("reader", "editor", "admin")

_FEED_COLUMNS = ("id", "url", "interval_s", "next_at", "last_fetch_at", "last_status", "last_error", "failures",
                 "added_total", "created_by", "created_at")


class SharedTables:
    """Articles and events as read back, users, tokens, feeds, settings and event figures, over `_rows` /
    `_one` / `_run`."""

    # The store's aggregate of an event's outlets (an agency copy with no outlet: its wire) into one
    # comma-separated text, the order members were added in, and a text parameter that may be NULL.
    _OUTLETS = "group_concat(DISTINCT COALESCE(a.outlet, a.wire))"
    _MEMBER_ORDER = "m.rowid"
    _TEXT_PARAM = "?"

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:  # pragma: no cover - provided by the store
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence = ()) -> tuple | None:  # pragma: no cover
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence = ()) -> int:  # pragma: no cover
        """Run one write in its own transaction; the number of rows it touched."""
        raise NotImplementedError

    # --- articles and events -----------------------------------------------------------

    def count(self) -> int:
        return self._one("SELECT count(*) FROM articles")[0]

    def articles(self) -> list[Article]:
        rows = self._rows(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY ingested_at, id")
        return [self._article(row) for row in rows]

    def get(self, id_or_prefix: str) -> Article | None:
        """An article by id, or by a unique prefix of at least six characters."""
        if len(id_or_prefix) < MIN_ID_PREFIX:
            return None
        rows = self._rows(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id LIKE ? LIMIT 2",
                          (_prefix_pattern(id_or_prefix),))
        return self._article(rows[0]) if len(rows) == 1 else None

    def _article(self, row: tuple) -> Article:
        fields = dict(zip(ARTICLE_COLUMNS, row))
        boilerplate = tuple(Boilerplate(kind, text) for kind, text in self._rows(
            "SELECT kind, text FROM boilerplate WHERE article_id = ? ORDER BY position", (fields["id"],)))
        return Article(**fields, boilerplate=boilerplate)

    def ingests(self) -> list[dict]:
        rows = self._rows("SELECT id, started_at, added, present, skipped FROM ingests ORDER BY id")
        return [dict(zip(("id", "started_at", "added", "present", "skipped"), row)) for row in rows]

    def resolve_event(self, id_or_prefix: str) -> str | None:
        """The live event an id (or a unique prefix, or a merged event's id) stands for."""
        if len(id_or_prefix) < MIN_ID_PREFIX:
            return None
        pattern = _prefix_pattern(id_or_prefix)
        rows = self._rows("SELECT new_id FROM event_redirects WHERE old_id LIKE ? LIMIT 2", (pattern,))
        if len(rows) == 1:
            return rows[0][0]
        rows = self._rows("SELECT id FROM events WHERE id LIKE ? LIMIT 2", (pattern,))
        return rows[0][0] if len(rows) == 1 else None

    def events(self) -> list[dict]:
        """Events, newest last article first (undated ones last): id, title, first and last date, outlets,
        article count."""
        rows = self._rows(
            f"SELECT e.id, e.title, e.headline, e.first_at, e.last_at, e.size, {self._OUTLETS} "
            "FROM events e JOIN event_articles m ON m.event_id = e.id JOIN articles a ON a.id = m.article_id "
            "GROUP BY e.id ORDER BY e.last_at DESC NULLS LAST, e.first_at DESC NULLS LAST, e.id")
        return [{"id": i, "title": self._title(i, h, t), "first": f, "last": l, "articles": n,
                 "outlets": sorted(o.split(",")) if o else []} for i, t, h, f, l, n, o in rows]

    def event_articles(self, event_id: str) -> list[Article]:
        """The event's articles by id (two queries, not two per article)."""
        rows = self._rows(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_COLUMNS)} FROM event_articles m "
            f"JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.article_id", (event_id,))
        boilerplate: dict[str, list[Boilerplate]] = {}
        for article_id, kind, text in self._rows(
                "SELECT b.article_id, b.kind, b.text FROM event_articles m JOIN boilerplate b "
                "ON b.article_id = m.article_id WHERE m.event_id = ? ORDER BY b.article_id, b.position", (event_id,)):
            boilerplate.setdefault(article_id, []).append(Boilerplate(kind, text))
        return [Article(**dict(zip(ARTICLE_COLUMNS, row)), boilerplate=tuple(boilerplate.get(row[0], ())))
                for row in rows]

    def load_events(self, since: str | None = None) -> list:
        """Live events' running state with their members' vectors (merged events are gone; their ids
        redirect); with `since`, only events undated or with an article on or after that day."""
        from collections import Counter

        import numpy as np

        from newsprism.cluster import Event

        query = "SELECT id, title, first_at, last_at, size, centroid, keys, day_sum, dated FROM events"
        rows = self._rows(query + " WHERE last_at IS NULL OR last_at >= ?", (since,)) if since else self._rows(query)
        events = {i: Event(i, t, f, l, n, np.frombuffer(bytes(c), dtype=np.float32).copy(), Counter(json.loads(k)),
                           ds, dd)
                  for i, t, f, l, n, c, k, ds, dd in rows}
        members = self._rows(
            "SELECT m.event_id, m.article_id, v.vector, v.day FROM event_articles m JOIN events e ON e.id = m.event_id "
            "LEFT JOIN article_vectors v ON v.article_id = m.article_id "
            f"WHERE {self._TEXT_PARAM} IS NULL OR e.last_at IS NULL OR e.last_at >= ? ORDER BY {self._MEMBER_ORDER}",
            (since, since))
        for event_id, article_id, vector, day in members:
            event = events.get(event_id)
            if event is None:
                continue
            # A store written before member vectors were kept: the centroid stands in for each member.
            event.members.append(article_id)
            event.vectors.append(np.frombuffer(bytes(vector), dtype=np.float32).copy() if vector else event.centroid)
            event.days.append(day)
        return list(events.values())

    def cached_briefing(self, event_id: str, fmt: str, fingerprint: str) -> str | None:
        row = self._one("SELECT content FROM briefings WHERE event_id = ? AND format = ? AND fingerprint = ?",
                        (event_id, fmt, fingerprint))
        return row[0] if row else None

    # --- settings ---------------------------------------------------------------------

    def setting(self, name: str, default: str | None = None) -> str | None:
        row = self._one("SELECT value FROM app_settings WHERE name = ?", (name,))
        return row[0] if row else default

    def setting_once(self, name: str, value: str) -> str:
        """The stored value of `name`, storing `value` first when there is none (first writer wins)."""
        self._run("INSERT INTO app_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", (name, value))
        return self.setting(name)

    # --- users and tokens -------------------------------------------------------------

    def add_user(self, name: str, password_hash: str, role: str, now: str) -> bool:
        """Add a user, or replace the password and role of an existing one (its sessions end). True when new."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        existed = self.user(name) is not None
        self._run("INSERT INTO users (name, password_hash, role, created_at, session_version) VALUES (?, ?, ?, ?, 1) "
                  "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, "
                  "session_version = users.session_version + 1", (name, password_hash, role, now))
        return not existed

    def user(self, name: str) -> dict | None:
        row = self._one("SELECT name, password_hash, role, session_version FROM users WHERE name = ?", (name,))
        return dict(zip(("name", "password_hash", "role", "session_version"), row)) if row else None

    def users(self) -> list[dict]:
        return [{"name": n, "role": r, "created_at": c}
                for n, r, c in self._rows("SELECT name, role, created_at FROM users ORDER BY name")]

    def user_count(self) -> int:
        return self._one("SELECT count(*) FROM users")[0]

    def remove_user(self, name: str) -> bool:
        return self._run("DELETE FROM users WHERE name = ?", (name,)) > 0

    def add_token(self, token_hash: str, user_name: str, label: str | None, now: str) -> None:
        self._run("INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)",
                  (token_hash, user_name, label, now))

    def token_user(self, token_hash: str) -> dict | None:
        row = self._one("SELECT u.name, u.role, u.session_version FROM api_tokens t JOIN users u ON u.name = t.user_name "
                        "WHERE t.token_hash = ?", (token_hash,))
        return dict(zip(("name", "role", "session_version"), row)) if row else None

    # --- feeds ------------------------------------------------------------------------

    def add_feed(self, url: str, interval_s: int, created_by: str | None, now: str) -> dict:
        """Follow a feed (first fetch due now); an already followed URL is returned as it is."""
        self._run("INSERT INTO feeds (url, interval_s, next_at, failures, added_total, created_by, created_at) "
                  "VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (url) DO NOTHING", (url, interval_s, now, created_by, now))
        return self._feed_where("url = ?", (url,))[0]

    def feeds(self) -> list[dict]:
        return self._feed_where("1 = 1 ORDER BY id", ())

    def feed(self, feed_id: int) -> dict | None:
        found = self._feed_where("id = ?", (feed_id,))
        return found[0] if found else None

    def remove_feed(self, feed_id: int) -> bool:
        return self._run("DELETE FROM feeds WHERE id = ?", (feed_id,)) > 0

    def due_feeds(self, now: str, limit: int = 20) -> list[dict]:
        return self._feed_where("next_at <= ? ORDER BY next_at LIMIT ?", (now, limit))

    def claim_feed(self, feed: dict, until: str) -> bool:
        """Take a due feed for one fetch: moves its next fetch to `until` unless another server took it first."""
        return self._run("UPDATE feeds SET next_at = ? WHERE id = ? AND next_at = ?",
                         (until, feed["id"], feed["next_at"])) == 1

    def record_feed_fetch(self, feed_id: int, *, now: str, next_at: str, ok: bool, error: str | None,
                          added: int) -> None:
        if ok:
            self._run("UPDATE feeds SET last_fetch_at = ?, last_status = 'ok', last_error = NULL, failures = 0, "
                      "next_at = ?, added_total = added_total + ? WHERE id = ?", (now, next_at, added, feed_id))
        else:
            self._run("UPDATE feeds SET last_fetch_at = ?, last_status = 'error', last_error = ?, "
                      "failures = failures + 1, next_at = ? WHERE id = ?", (now, error, next_at, feed_id))

    def _feed_where(self, where: str, params: Sequence) -> list[dict]:
        rows = self._rows(f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds WHERE {where}", params)
        return [dict(zip(_FEED_COLUMNS, row)) for row in rows]

    # --- events, as the events page shows them -----------------------------------------

    def event_figures(self) -> dict[str, dict]:
        """Per live event: when it last changed, and its article count per outlet."""
        figures: dict[str, dict] = {}
        for event_id, updated in self._rows("SELECT id, updated_at FROM events"):
            figures[event_id] = {"updated_at": updated, "outlets": {}}
        for event_id, outlet, n in self._rows(
                "SELECT m.event_id, a.outlet, count(*) FROM event_articles m JOIN articles a ON a.id = m.article_id "
                "GROUP BY m.event_id, a.outlet"):
            if event_id in figures:
                figures[event_id]["outlets"][outlet or "unknown outlet"] = n
        return figures

    def event_members(self) -> list[tuple[str, str]]:
        """(event id, article id) of every live event's members, by event then article id (each event's
        articles in the order `event_articles` gives them)."""
        return [(e, a) for e, a in self._rows("SELECT event_id, article_id FROM event_articles "
                                              "ORDER BY event_id, article_id")]

    def briefing_fingerprints(self, fmt: str) -> dict[str, str]:
        """Event id -> the fingerprint its cached briefing in `fmt` was computed for."""
        return dict(self._rows("SELECT event_id, fingerprint FROM briefings WHERE format = ?", (fmt,)))

    def event_headline(self, event_id: str) -> str | None:
        """The event's stored headline (`title.event_title` of its articles when they last changed);
        None for an unknown event or one not titled yet."""
        row = self._one("SELECT headline FROM events WHERE id = ?", (event_id,))
        return row[0] if row else None

    def _title(self, event_id: str, headline: str | None, cluster_title: str | None) -> str | None:
        """An events row's title: the stored headline, else (an event stored before headlines were)
        computed now; the clustering's title when the articles give none, as `newsprism events` always did."""
        if headline is None:
            from newsprism.title import event_title

            headline = event_title(self.event_articles(event_id))
        return headline or cluster_title

    # --- headlines, written with the events (inside the ingest's transaction) ----------

    def _events_left(self, memberships) -> set[str]:
        """Events the articles of `memberships` belong to now: read before the memberships are written,
        so an event an article moves out of is titled again too."""
        moving = [a for a, _ in memberships]
        found: set[str] = set()
        for i in range(0, len(moving), 500):
            chunk = moving[i:i + 500]
            found.update(r[0] for r in self._rows(
                f"SELECT DISTINCT event_id FROM event_articles WHERE article_id IN ({', '.join('?' * len(chunk))})",
                chunk))
        return found

    def _headlines(self, changed: set[str]) -> list[tuple[str, str]]:
        """(headline, event id) for the live events among `changed` and every live event without a headline
        (stored before headlines were): `title.event_title` of the event's articles, as they are now."""
        from newsprism.title import event_title

        live = dict(self._rows("SELECT id, headline FROM events"))
        todo = sorted({e for e in changed if e in live} | {e for e, h in live.items() if h is None})
        return [(event_title(self.event_articles(e)), e) for e in todo]

    def _changed_events(self, changes, left: set[str]) -> set[str]:
        """Events whose members `changes` altered: the ones it saves, joins articles to, or merges into,
        and the ones articles left (`_events_left`)."""
        return ({e.id for e in changes.events} | {e for _, e in changes.memberships}
                | {new for _, new in changes.redirects} | left)

    def event_article_outlets(self, event_id: str) -> list[tuple[str, str | None]]:
        """(article id, outlet) of an event's articles, by id: the order `event_articles` gives, without
        loading bodies (enough for the briefing cache's fingerprint and for links)."""
        return [(a, o) for a, o in self._rows(
            "SELECT m.article_id, a.outlet FROM event_articles m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_id = ? ORDER BY m.article_id", (event_id,))]

    def briefing_fingerprint(self, event_id: str, fmt: str) -> str | None:
        """The fingerprint the cached briefing was computed for (without reading the briefing)."""
        row = self._one("SELECT fingerprint FROM briefings WHERE event_id = ? AND format = ?", (event_id, fmt))
        return row[0] if row else None

    def article_event(self, article_id: str) -> str | None:
        row = self._one("SELECT event_id FROM event_articles WHERE article_id = ?", (article_id,))
        return row[0] if row else None

    def recent_articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        rows = self._rows("SELECT a.id, a.outlet, a.title, a.published, a.ingested_at, m.event_id FROM articles a "
                          "LEFT JOIN event_articles m ON m.article_id = a.id "
                          "ORDER BY a.ingested_at DESC, a.id LIMIT ? OFFSET ?", (limit, offset))
        return [dict(zip(("id", "outlet", "title", "published", "ingested_at", "event"), row)) for row in rows]


def _prefix_pattern(id_or_prefix: str) -> str:
    """A LIKE pattern for ids starting with the given text (its wildcard and escape characters dropped)."""
    return id_or_prefix.replace("%", "").replace("_", "").replace("\\", "") + "%"
