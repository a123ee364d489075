-- Full-text search over articles (SQLite FTS5; PostgreSQL has its own file under postgres/).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, outlet, body, content='articles', content_rowid='rowid',
                                            tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, outlet, body) VALUES (new.rowid, new.title, new.outlet, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, outlet, body)
    VALUES ('delete', old.rowid, old.title, old.outlet, old.body);
END;

INSERT INTO articles_fts(rowid, title, outlet, body) SELECT rowid, title, outlet, body FROM articles;
