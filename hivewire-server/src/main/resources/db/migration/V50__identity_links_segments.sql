-- Identity: each alias (tag + id) is linked to exactly one user; relinking moves it.
CREATE TABLE identity_links (
    tag       TEXT        NOT NULL,
    alias_id  TEXT        NOT NULL,
    user_id   UUID        NOT NULL,
    priority  INTEGER     NOT NULL CHECK (priority >= 0),
    linked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tag, alias_id)
);
CREATE INDEX identity_links_user ON identity_links (user_id);

-- Segment metadata; every change is routed as a full snapshot.
CREATE TABLE segments (
    id          UUID PRIMARY KEY,
    code        BIGINT      NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL,
    tags        TEXT[]      NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('ACTIVE', 'INACTIVE', 'ARCHIVED')),
    updated_at  TIMESTAMPTZ NOT NULL
);
