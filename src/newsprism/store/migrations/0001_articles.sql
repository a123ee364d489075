-- Articles, the boilerplate removed from them, and a record of every ingest.
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,      -- content hash of outlet and cleaned body
    source       TEXT NOT NULL,
    outlet       TEXT,
    title        TEXT,
    published    TEXT,
    url          TEXT,
    dateline     TEXT,
    wire         TEXT,
    caption      TEXT,
    duplicate_of TEXT,
    body         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    ingest_id    INTEGER NOT NULL REFERENCES ingests(id)
);

CREATE TABLE boilerplate (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE ingests (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    added       INTEGER NOT NULL,
    present     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL
);

CREATE TABLE skipped (
    ingest_id INTEGER NOT NULL REFERENCES ingests(id) ON DELETE CASCADE,
    source    TEXT NOT NULL,
    reason    TEXT NOT NULL
);

CREATE INDEX articles_ingested ON articles(ingested_at, id);
