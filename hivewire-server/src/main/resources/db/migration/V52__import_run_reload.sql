-- A run asked to reload loads every file again (e.g. to fill columns accepted after the files
-- were loaded), not only new and changed ones.
ALTER TABLE import_runs ADD COLUMN reload BOOLEAN NOT NULL DEFAULT FALSE;
