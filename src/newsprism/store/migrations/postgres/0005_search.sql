-- Full-text search over articles: an expression index PostgreSQL's planner uses for the same
-- to_tsvector('simple', ...) the store queries with ('simple': no stemming, names stay whole).
CREATE INDEX articles_fts ON articles
    USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(outlet, '') || ' ' || body));
