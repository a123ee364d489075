-- Languages, events found by clustering, merged events' redirects, and cached briefings.
ALTER TABLE articles ADD COLUMN language TEXT;

CREATE TABLE events (
    id          TEXT PRIMARY KEY,        -- the id of the event's first article, kept for good
    title       TEXT,
    first_at    TEXT,                    -- earliest published date (or ingest time) of its articles
    last_at     TEXT,
    size        INTEGER NOT NULL,
    centroid    BLOB NOT NULL,           -- float32 mean of its articles' document vectors
    keys        TEXT NOT NULL,           -- JSON: named places and bodies with counts
    day_sum     INTEGER NOT NULL,        -- sum of dated members' day ordinals (mean day = day_sum / dated)
    dated       INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE event_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL
);

CREATE TABLE event_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at     TEXT NOT NULL
);

CREATE TABLE briefings (
    event_id    TEXT NOT NULL,
    format      TEXT NOT NULL,
    fingerprint TEXT NOT NULL,           -- hash of the event's article ids: a changed event recomputes
    content     TEXT NOT NULL,
    PRIMARY KEY (event_id, format)
);

CREATE INDEX event_articles_event ON event_articles(event_id);
