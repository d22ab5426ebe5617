package io.hivewire.imports;

import io.hivewire.source.schema.Column;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import io.hivewire.store.PostgresTypes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The columns each import knows and its last schema check, both as one-table discovery documents;
 * taking in new columns changes the import and its PostgreSQL table in one transaction.
 */
public final class ImportSchemaRepository {

  /** One import's last schema check: the table as found, or why it could not be read. */
  public record Check(
      UUID importId,
      Instant checkedAt,
      String trigger,
      Optional<String> tableJson,
      Optional<String> error) {

    public Check {
      Objects.requireNonNull(importId, "importId is null");
      Objects.requireNonNull(checkedAt, "checkedAt is null");
      Objects.requireNonNull(trigger, "trigger is null");
      Objects.requireNonNull(tableJson, "tableJson is null");
      Objects.requireNonNull(error, "error is null");
      if (tableJson.isPresent() == error.isPresent()) {
        throw new IllegalArgumentException("a check holds either the table found or an error");
      }
    }
  }

  private final Jdbc jdbc;

  public ImportSchemaRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** The table as the import knows it, when recorded. */
  public Optional<String> knownTable(UUID importId) {
    return jdbc.queryOne(
        "SELECT table_json FROM import_schemas WHERE import_id = ?",
        s -> s.setObject(1, importId),
        r -> r.getString(1));
  }

  /** Records the table as the import knows it. */
  public void saveKnownTable(UUID importId, String tableJson, Instant at) {
    jdbc.update(
        "INSERT INTO import_schemas (import_id, table_json, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (import_id) DO UPDATE"
            + " SET table_json = EXCLUDED.table_json, updated_at = EXCLUDED.updated_at",
        s -> {
          s.setObject(1, importId);
          s.setString(2, tableJson);
          s.setTimestamp(3, Timestamp.from(at));
        });
  }

  /** Replaces the import's last check. */
  public void saveCheck(Check check) {
    jdbc.update(
        "INSERT INTO import_schema_checks (import_id, checked_at, trigger, table_json, error)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (import_id) DO UPDATE"
            + " SET checked_at = EXCLUDED.checked_at, trigger = EXCLUDED.trigger,"
            + " table_json = EXCLUDED.table_json, error = EXCLUDED.error",
        s -> {
          s.setObject(1, check.importId());
          s.setTimestamp(2, Timestamp.from(check.checkedAt()));
          s.setString(3, check.trigger());
          s.setString(4, check.tableJson().orElse(null));
          s.setString(5, check.error().orElse(null));
        });
  }

  public Optional<Check> lastCheck(UUID importId) {
    return jdbc.queryOne(
        "SELECT checked_at, trigger, table_json, error FROM import_schema_checks"
            + " WHERE import_id = ?",
        s -> s.setObject(1, importId),
        r ->
            new Check(
                importId,
                r.getTimestamp(1).toInstant(),
                r.getString(2),
                Optional.ofNullable(r.getString(3)),
                Optional.ofNullable(r.getString(4))));
  }

  /**
   * Takes new columns into an import, in one transaction: the table it knows goes from {@code
   * knownJson} to {@code tableJson}, its column list becomes {@code columns}, and its PostgreSQL
   * table (when it exists) gets {@code added} as nullable columns, NULL in the rows already loaded.
   *
   * @return false, changing nothing, when the table it knows is no longer {@code knownJson}
   */
  public boolean accept(
      UUID importId,
      String targetTable,
      List<String> columns,
      String knownJson,
      String tableJson,
      List<Column> added,
      Instant at) {
    return jdbc.inTransaction(
        "take new columns into import " + importId,
        transaction -> {
          int changed =
              transaction.update(
                  "UPDATE import_schemas SET table_json = ?, updated_at = ?"
                      + " WHERE import_id = ? AND table_json = ?",
                  s -> {
                    s.setString(1, tableJson);
                    s.setTimestamp(2, Timestamp.from(at));
                    s.setObject(3, importId);
                    s.setString(4, knownJson);
                  });
          if (changed == 0) {
            return false;
          }
          transaction.update(
              "UPDATE imports SET columns = ? WHERE id = ?",
              s -> {
                s.setArray(1, s.getConnection().createArrayOf("text", columns.toArray()));
                s.setObject(2, importId);
              });
          for (Column column : added) {
            transaction.update(
                "ALTER TABLE IF EXISTS "
                    + PostgresTypes.quote(targetTable)
                    + " ADD COLUMN IF NOT EXISTS "
                    + PostgresTypes.quote(column.name())
                    + " "
                    + PostgresTypes.of(column.type()),
                s -> {});
          }
          return true;
        });
  }
}
