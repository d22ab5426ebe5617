-- API keys: only a SHA-256 hash of each key is kept; the key itself is shown once, when created.
CREATE TABLE api_keys (
    id          UUID PRIMARY KEY,
    key_hash    TEXT        NOT NULL UNIQUE,
    scopes      TEXT[]      NOT NULL,
    description TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- S3 source connections. No customer secret: hivewire reads buckets with its own identity.
CREATE TABLE connections (
    id                UUID PRIMARY KEY,
    name              TEXT        NOT NULL,
    region            TEXT        NOT NULL,
    bucket            TEXT        NOT NULL,
    schema_prefix     TEXT        NOT NULL,
    data_format       TEXT        NOT NULL CHECK (data_format IN ('PARQUET', 'CSV')),
    partitioning      TEXT        NOT NULL CHECK (partitioning IN ('ALL', 'NONE')),
    endpoint          TEXT,
    status            TEXT        NOT NULL CHECK (status IN ('PROCESSING', 'ACTIVE', 'FAILED', 'INACTIVE')),
    status_reason     TEXT,
    status_message    TEXT,
    status_changed_at TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE connection_status_history (
    id            BIGSERIAL PRIMARY KEY,
    connection_id UUID        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    status        TEXT        NOT NULL,
    reason        TEXT,
    message       TEXT,
    changed_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX connection_status_history_by_connection ON connection_status_history (connection_id, id);

-- The last discovery result per connection (tables, columns, skipped tables), as served by the API.
CREATE TABLE discovery_snapshots (
    connection_id UUID PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    result        JSONB       NOT NULL,
    discovered_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE resync_runs (
    id            UUID PRIMARY KEY,
    connection_id UUID        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    status        TEXT        NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED', 'ERROR')),
    changes       JSON,  -- JSON, not JSONB: keeps the key order of what was recorded
    error_message TEXT,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX resync_runs_by_connection ON resync_runs (connection_id, started_at);
