-- The columns of its table an import knows: those it was created against plus the new columns
-- accepted since, as a one-table discovery document. Schema checks compare the files with it.
CREATE TABLE import_schemas (
    import_id  UUID        PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
    table_json TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The last schema check of each import: the table as its newest file showed it (the changes are
-- worked out from it and import_schemas on reading), or why the table could not be read.
CREATE TABLE import_schema_checks (
    import_id  UUID        PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,
    checked_at TIMESTAMPTZ NOT NULL,
    trigger    TEXT        NOT NULL CHECK (trigger IN ('REFRESH', 'RESYNC')),
    table_json TEXT,
    error      TEXT,
    CHECK ((table_json IS NULL) <> (error IS NULL))
);
