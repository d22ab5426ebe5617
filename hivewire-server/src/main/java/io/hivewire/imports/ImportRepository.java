package io.hivewire.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.OnError;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.source.schema.Column;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import io.hivewire.store.PostgresTypes;
import io.hivewire.store.StoreException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Import definitions as created through the API. */
public final class ImportRepository {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, name, connection_id, table_name, data_type, mapping::text, columns, partition_filter,"
          + " schedule, mode, on_error, max_errors, target_table, created_at";

  private final Jdbc jdbc;

  public ImportRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Stores a new import; its rows go to a table named after its id. */
  public StoredImport create(ImportDefinition definition, Instant at) {
    UUID id = UUID.randomUUID();
    String target = "import_" + id.toString().replace("-", "");
    jdbc.update(
        "INSERT INTO imports ("
            + COLUMNS.replace("mapping::text", "mapping")
            + ") VALUES (?, ?, ?, ?, ?, CAST(? AS json), ?, ?, ?, ?, ?, ?, ?, ?)",
        s -> {
          s.setObject(1, id);
          s.setString(2, definition.name());
          s.setObject(3, definition.connectionId());
          s.setString(4, definition.table());
          s.setString(5, definition.dataType().name());
          s.setString(6, mappingJson(definition.mapping()));
          s.setArray(7, s.getConnection().createArrayOf("text", definition.columns().toArray()));
          s.setString(8, definition.partitionFilter().map(PartitionFilter::text).orElse(null));
          s.setString(9, definition.schedule().text());
          s.setString(10, definition.mode().name());
          s.setString(11, definition.onError().name());
          s.setInt(12, definition.maxErrors());
          s.setString(13, target);
          s.setTimestamp(14, Timestamp.from(at));
        });
    return new StoredImport(id, definition, target, at);
  }

  public Optional<StoredImport> find(UUID id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM imports WHERE id = ?",
        s -> s.setObject(1, id),
        ImportRepository::map);
  }

  public List<StoredImport> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM imports ORDER BY created_at, id",
        s -> {},
        ImportRepository::map);
  }

  /**
   * Changes an import's name, schedule, mode, error handling and columns, in one transaction with
   * its PostgreSQL table (when it exists): {@code added} columns are added, nullable and NULL in
   * the rows already loaded, and {@code dropped} ones dropped with their values.
   *
   * @return false, changing nothing, when the import's columns are no longer those of {@code
   *     before} (columns accepted meanwhile) or the import is gone
   */
  public boolean update(
      StoredImport before, ImportDefinition after, List<Column> added, List<String> dropped) {
    String table = PostgresTypes.quote(before.targetTable());
    return jdbc.inTransaction(
        "change import " + before.id(),
        transaction -> {
          int changed =
              transaction.update(
                  "UPDATE imports SET name = ?, columns = ?, schedule = ?, mode = ?,"
                      + " on_error = ?, max_errors = ? WHERE id = ? AND columns = ?",
                  s -> {
                    s.setString(1, after.name());
                    s.setArray(
                        2, s.getConnection().createArrayOf("text", after.columns().toArray()));
                    s.setString(3, after.schedule().text());
                    s.setString(4, after.mode().name());
                    s.setString(5, after.onError().name());
                    s.setInt(6, after.maxErrors());
                    s.setObject(7, before.id());
                    s.setArray(
                        8,
                        s.getConnection()
                            .createArrayOf("text", before.definition().columns().toArray()));
                  });
          if (changed == 0) {
            return false;
          }
          for (Column column : added) {
            transaction.update(
                "ALTER TABLE IF EXISTS "
                    + table
                    + " ADD COLUMN IF NOT EXISTS "
                    + PostgresTypes.quote(column.name())
                    + " "
                    + PostgresTypes.of(column.type()),
                s -> {});
          }
          for (String column : dropped) {
            transaction.update(
                "ALTER TABLE IF EXISTS "
                    + table
                    + " DROP COLUMN IF EXISTS "
                    + PostgresTypes.quote(column),
                s -> {});
          }
          return true;
        });
  }

  /**
   * Deletes an import with its runs, manifest and rejects, and drops its tables (a trigger does,
   * also when the import goes with its connection); false when there was none.
   */
  public boolean delete(UUID id) {
    return jdbc.update("DELETE FROM imports WHERE id = ?", s -> s.setObject(1, id)) > 0;
  }

  private static StoredImport map(ResultSet r) throws SQLException {
    Array columns = r.getArray(7);
    ImportDefinition definition =
        new ImportDefinition(
            r.getString(2),
            r.getObject(3, UUID.class),
            r.getString(4),
            DataType.valueOf(r.getString(5)),
            mapping(r.getString(6)),
            List.of((String[]) columns.getArray()),
            Optional.ofNullable(r.getString(8)).map(PartitionFilter::parse),
            Schedule.parse(r.getString(9)),
            ImportMode.valueOf(r.getString(10)),
            OnError.valueOf(r.getString(11)),
            r.getInt(12));
    return new StoredImport(
        r.getObject(1, UUID.class), definition, r.getString(13), r.getTimestamp(14).toInstant());
  }

  private static String mappingJson(Mapping mapping) {
    Map<String, Object> json = new LinkedHashMap<>(mapping.entries());
    json.put("attributes", mapping.attributes());
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write the mapping as JSON: " + e.getMessage(), e);
    }
  }

  private static Mapping mapping(String text) {
    try {
      Map<String, Object> json =
          JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
      Map<String, String> entries = new LinkedHashMap<>();
      List<String> attributes = List.of();
      for (Map.Entry<String, Object> entry : json.entrySet()) {
        if (entry.getKey().equals("attributes") && entry.getValue() instanceof List<?> list) {
          attributes = list.stream().map(String::valueOf).toList();
        } else {
          entries.put(entry.getKey(), String.valueOf(entry.getValue()));
        }
      }
      return new Mapping(entries, attributes);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored mapping is not JSON: " + e.getMessage(), e);
    }
  }
}
