-- Languages, events found by clustering, merged events' redirects, and cached briefings.
-- As ../0002_events.sql, but PostgreSQL has no rowid: event_articles.seq keeps the order
-- members joined in (a member that moves gets a new seq, as a replaced SQLite row gets a new rowid).
ALTER TABLE articles ADD COLUMN language TEXT;

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    title       TEXT,
    first_at    TEXT,
    last_at     TEXT,
    size        BIGINT NOT NULL,
    centroid    BYTEA NOT NULL,
    keys        TEXT NOT NULL,
    day_sum     BIGINT NOT NULL,
    dated       BIGINT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE SEQUENCE event_articles_seq;

CREATE TABLE event_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL,
    seq        BIGINT NOT NULL DEFAULT nextval('event_articles_seq')
);

CREATE TABLE event_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE TABLE briefings (
    event_id    TEXT NOT NULL,
    format      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    content     TEXT NOT NULL,
    PRIMARY KEY (event_id, format)
);

CREATE INDEX event_articles_event ON event_articles(event_id);
