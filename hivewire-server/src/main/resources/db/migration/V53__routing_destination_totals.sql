-- What each destination has written over its whole life, so that its status counts across pauses
-- and server restarts.
ALTER TABLE routing_destinations
    ADD COLUMN files_written BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN bytes_written BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN last_key      TEXT,
    ADD COLUMN last_key_at   TIMESTAMPTZ;
