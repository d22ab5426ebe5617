-- Imports of discovered tables into PostgreSQL. Each import loads into its own table
-- (target_table); the manifest says which files it holds, so reruns load only what changed.
CREATE TABLE imports (
    id               UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    connection_id    UUID        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    table_name       TEXT        NOT NULL,
    data_type        TEXT        NOT NULL,
    mapping          JSON        NOT NULL,  -- JSON, not JSONB: keeps the key order as given
    columns          TEXT[]      NOT NULL,
    partition_filter TEXT,
    schedule         TEXT        NOT NULL,
    mode             TEXT        NOT NULL CHECK (mode IN ('INCREMENTAL', 'FULL_REFRESH')),
    on_error         TEXT        NOT NULL CHECK (on_error IN ('FAIL', 'SKIP', 'REJECT')),
    max_errors       INTEGER     NOT NULL CHECK (max_errors >= 0),
    target_table     TEXT        NOT NULL UNIQUE,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX imports_by_connection ON imports (connection_id);

CREATE TABLE import_runs (
    id            UUID PRIMARY KEY,
    import_id     UUID        NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    status        TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    files_total   INTEGER     NOT NULL DEFAULT 0,
    files_done    INTEGER     NOT NULL DEFAULT 0,
    files_failed  INTEGER     NOT NULL DEFAULT 0,
    bytes_read    BIGINT      NOT NULL DEFAULT 0,
    rows_read     BIGINT      NOT NULL DEFAULT 0,
    rows_loaded   BIGINT      NOT NULL DEFAULT 0,
    rows_rejected BIGINT      NOT NULL DEFAULT 0,
    errors        TEXT[]      NOT NULL DEFAULT '{}',
    queued_at     TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX import_runs_by_import ON import_runs (import_id, queued_at);
-- One run per import at a time: at most one QUEUED or RUNNING row each.
CREATE UNIQUE INDEX import_runs_one_active ON import_runs (import_id)
    WHERE status IN ('QUEUED', 'RUNNING');

-- Written in the same transaction as the file's rows: a file is in the manifest exactly when its
-- rows are in the import's table.
CREATE TABLE import_manifest (
    import_id     UUID        NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    file_key      TEXT        NOT NULL,
    size          BIGINT      NOT NULL,
    etag          TEXT        NOT NULL,
    last_modified TIMESTAMPTZ NOT NULL,
    row_count     BIGINT      NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (import_id, file_key)
);

CREATE TABLE import_rejects (
    id          BIGSERIAL PRIMARY KEY,
    import_id   UUID        NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    file_key    TEXT        NOT NULL,
    line        BIGINT      NOT NULL,
    column_name TEXT,
    error       TEXT        NOT NULL,
    raw_text    TEXT        NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX import_rejects_by_file ON import_rejects (import_id, file_key);
