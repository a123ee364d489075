-- The web app's tables: users and their API tokens, followed feeds, and settings shared by every server.
CREATE TABLE users (
    name            TEXT PRIMARY KEY,
    password_hash   TEXT NOT NULL,            -- argon2id, with its own salt and parameters
    role            TEXT NOT NULL,            -- reader, editor or admin
    created_at      TEXT NOT NULL,
    session_version INTEGER NOT NULL          -- raised to sign out every session of the user
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,              -- sha256 of the token (the token itself is shown once)
    user_name  TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    label      TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    interval_s    INTEGER NOT NULL,           -- seconds between fetches when all is well
    next_at       TEXT NOT NULL,              -- UTC ISO time of the next fetch (later after failures)
    last_fetch_at TEXT,
    last_status   TEXT,                       -- ok, error, or null before the first fetch
    last_error    TEXT,
    failures      INTEGER NOT NULL,           -- failures in a row: the backoff grows with them
    added_total   INTEGER NOT NULL,
    created_by    TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE app_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE INDEX feeds_next ON feeds(next_at);
