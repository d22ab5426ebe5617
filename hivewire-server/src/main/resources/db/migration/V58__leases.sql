-- Work that one node at a time does (an import run, a connection check, a schedule) is held under a
-- lease its node renews; a lease that expired is anyone's, so the work of a node that died goes on
-- elsewhere. Times are the database's, so the nodes' clocks need not agree.
CREATE TABLE leases (
    name        TEXT        PRIMARY KEY,
    holder      TEXT        NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX leases_holder ON leases (holder);
