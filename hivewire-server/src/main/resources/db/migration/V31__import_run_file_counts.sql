-- Runs count the files they replaced (changed since loaded) and those whose rows they removed
-- (gone from the bucket); files_done keeps counting loaded + failed files.
ALTER TABLE import_runs ADD COLUMN files_replaced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_runs ADD COLUMN files_deleted INTEGER NOT NULL DEFAULT 0;
