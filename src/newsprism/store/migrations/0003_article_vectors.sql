-- Each placed article's document vector and day, so events are compared on their members, not a centroid.
CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    vector     BLOB NOT NULL,            -- float32 e5 document vector of title and lead
    day        TEXT                      -- published date, or a full date written in the lead, or NULL
);
