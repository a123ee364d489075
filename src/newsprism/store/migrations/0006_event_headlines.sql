-- Each event's headline (`title.event_title` of its articles), written in the ingest that changes the
-- event's members, so the events page, /api/events and `newsprism events` read it instead of
-- recomputing it from every article per request. NULL: not computed yet (events stored before this
-- migration), computed when read and written by the next ingest. The same file serves PostgreSQL.
ALTER TABLE events ADD COLUMN headline TEXT;
