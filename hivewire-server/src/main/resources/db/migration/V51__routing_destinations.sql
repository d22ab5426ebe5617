-- Routing destinations. Credentials are stored only encrypted (AES-GCM under the master key);
-- access_key_id_masked is what reads show.
CREATE TABLE routing_destinations (
    id                    UUID PRIMARY KEY,
    name                  TEXT        NOT NULL,
    bucket                TEXT        NOT NULL,
    region                TEXT        NOT NULL,
    prefix                TEXT        NOT NULL,
    endpoint              TEXT,
    encryption            TEXT        NOT NULL CHECK (encryption IN ('NONE', 'AES256', 'KMS')),
    kms_key_id            TEXT,
    flush_interval_ms     BIGINT      NOT NULL,
    access_key_id_masked  TEXT        NOT NULL,
    access_key_id_sealed  TEXT        NOT NULL,
    secret_key_sealed     TEXT        NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('PROCESSING', 'ACTIVE', 'FAILED', 'PAUSED')),
    status_message        TEXT,
    status_changed_at     TIMESTAMPTZ NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL
);
