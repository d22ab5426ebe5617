-- An import's table goes with the import however the import is deleted, on its own or with its
-- connection (ON DELETE CASCADE), in the same transaction: no table is left behind. The staging
-- table a failed full refresh may have left (<target_table>_next, see ImportRunner) goes too.
CREATE FUNCTION drop_import_tables() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I', OLD.target_table);
    EXECUTE format('DROP TABLE IF EXISTS %I', OLD.target_table || '_next');
    RETURN OLD;
END;
$$;

CREATE TRIGGER imports_drop_tables AFTER DELETE ON imports
    FOR EACH ROW EXECUTE FUNCTION drop_import_tables();
