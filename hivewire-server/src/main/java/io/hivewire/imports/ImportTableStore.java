package io.hivewire.imports;

import io.hivewire.importer.ManifestEntry;
import io.hivewire.importer.load.FileLoadResult;
import io.hivewire.importer.load.Reject;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.schema.Column;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import io.hivewire.store.PostgresTypes;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The PostgreSQL tables imports load into, with their manifests and rejects. Each file is loaded in
 * one transaction together with its manifest row and rejects, one load of a file at a time: the
 * table holds a file's rows exactly when the manifest lists the file, so a failure or a crash never
 * leaves half a file and a rerun never loads a row twice.
 */
public final class ImportTableStore {

  private final DataSource dataSource;
  private final Jdbc jdbc;

  public ImportTableStore(Database database) {
    Objects.requireNonNull(database, "database is null");
    this.dataSource = database.dataSource();
    this.jdbc = database.jdbc();
  }

  /** Creates the table an import loads into, unless it exists: its columns, {@code _file, _row}. */
  public void createTable(String table, List<Column> columns) {
    String definitions =
        columns.stream()
            .map(c -> PostgresTypes.quote(c.name()) + " " + PostgresTypes.of(c.type()))
            .collect(Collectors.joining(", "));
    String sql =
        "CREATE TABLE IF NOT EXISTS "
            + PostgresTypes.quote(table)
            + " ("
            + definitions
            + (columns.isEmpty() ? "" : ", ")
            + "_file TEXT NOT NULL, _row BIGINT NOT NULL)";
    String index =
        "CREATE INDEX IF NOT EXISTS "
            + PostgresTypes.quote(table + "_by_file")
            + " ON "
            + PostgresTypes.quote(table)
            + " (_file)";
    // IF NOT EXISTS does not make two creations at once safe (two nodes on one run, after a lease
    // was taken over): the second waits for the first and then finds the table.
    inTransaction(
        "create " + table,
        connection -> {
          try (PreparedStatement lock =
                  connection.prepareStatement(
                      "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
              Statement create = connection.createStatement()) {
            lock.setString(1, "table/" + table);
            lock.execute();
            create.execute(sql);
            create.execute(index);
          }
          return null;
        });
  }

  /** Creates an empty staging table for a full refresh, dropping one a failed refresh left. */
  public void createStagingTable(String stagingTable, List<Column> columns) {
    dropTable(stagingTable);
    createTable(stagingTable, columns);
  }

  /**
   * Loads one file: in one transaction, removes the rows an earlier version of the file left, COPYs
   * what {@code load} writes, records the file in the manifest and keeps its rejects. When {@code
   * load} throws, nothing of the file is kept (an earlier version's rows stay).
   */
  public FileLoadResult loadFile(
      UUID importId,
      String table,
      List<String> copyColumns,
      DataFile file,
      Function<OutputStream, FileLoadResult> load,
      Instant at) {
    return inTransaction(
        "load " + file.key() + " into " + table,
        connection -> {
          lockFile(connection, importId, file.key());
          deleteRows(connection, importId, table, file.key());
          FileLoadResult result = copy(connection, table, copyColumns, load);
          insertManifest(connection, importId, ManifestEntry.loaded(file, result.rowsLoaded()), at);
          insertRejects(connection, importId, result.rejects(), at);
          return result;
        });
  }

  /**
   * Loads one file into a staging table for a full refresh: COPY only, in one transaction; the
   * manifest and rejects are written when the table is swapped in.
   */
  public FileLoadResult loadStaged(
      String stagingTable,
      List<String> copyColumns,
      DataFile file,
      Function<OutputStream, FileLoadResult> load) {
    return inTransaction(
        "load " + file.key() + " into " + stagingTable,
        connection -> copy(connection, stagingTable, copyColumns, load));
  }

  /**
   * Replaces an import's table by a filled staging table, its manifest by {@code entries} and its
   * rejects by {@code rejects}, in one transaction: readers see the old table or the new one.
   */
  public void swapIn(
      UUID importId,
      String table,
      String stagingTable,
      List<ManifestEntry> entries,
      List<Reject> rejects,
      Instant at) {
    inTransaction(
        "swap " + stagingTable + " in for " + table,
        connection -> {
          try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + PostgresTypes.quote(table));
            s.execute(
                "ALTER TABLE "
                    + PostgresTypes.quote(stagingTable)
                    + " RENAME TO "
                    + PostgresTypes.quote(table));
            s.execute(
                "ALTER INDEX "
                    + PostgresTypes.quote(stagingTable + "_by_file")
                    + " RENAME TO "
                    + PostgresTypes.quote(table + "_by_file"));
          }
          try (PreparedStatement manifest =
                  connection.prepareStatement("DELETE FROM import_manifest WHERE import_id = ?");
              PreparedStatement oldRejects =
                  connection.prepareStatement("DELETE FROM import_rejects WHERE import_id = ?")) {
            manifest.setObject(1, importId);
            manifest.executeUpdate();
            oldRejects.setObject(1, importId);
            oldRejects.executeUpdate();
          }
          for (ManifestEntry entry : entries) {
            insertManifest(connection, importId, entry, at);
          }
          insertRejects(connection, importId, rejects, at);
          return null;
        });
  }

  /** Removes a file's rows, manifest entry and rejects, in one transaction. */
  public void deleteFile(UUID importId, String table, String fileKey) {
    inTransaction(
        "remove " + fileKey + " from " + table,
        connection -> {
          lockFile(connection, importId, fileKey);
          deleteRows(connection, importId, table, fileKey);
          return null;
        });
  }

  /** The files an import holds. */
  public List<ManifestEntry> manifest(UUID importId) {
    return jdbc.query(
        "SELECT file_key, size, etag, last_modified, row_count FROM import_manifest"
            + " WHERE import_id = ? ORDER BY file_key",
        s -> s.setObject(1, importId),
        r ->
            new ManifestEntry(
                r.getString(1),
                r.getLong(2),
                r.getString(3),
                r.getTimestamp(4).toInstant(),
                r.getLong(5)));
  }

  /** A stored reject with its id, the cursor for paging. */
  public record StoredReject(long id, Reject reject) {
    public StoredReject {
      Objects.requireNonNull(reject, "reject is null");
    }
  }

  /** The rows an import left out with ids above {@code afterId}, oldest first. */
  public List<StoredReject> rejects(UUID importId, long afterId, int limit) {
    return jdbc.query(
        "SELECT id, file_key, line, column_name, error, raw_text FROM import_rejects"
            + " WHERE import_id = ? AND id > ? ORDER BY id LIMIT ?",
        s -> {
          s.setObject(1, importId);
          s.setLong(2, afterId);
          s.setInt(3, limit);
        },
        r ->
            new StoredReject(
                r.getLong(1),
                new Reject(
                    r.getString(2),
                    r.getLong(3),
                    Optional.ofNullable(r.getString(4)),
                    r.getString(5),
                    r.getString(6))));
  }

  private static FileLoadResult copy(
      Connection connection,
      String table,
      List<String> copyColumns,
      Function<OutputStream, FileLoadResult> load)
      throws SQLException {
    String sql =
        "COPY "
            + PostgresTypes.quote(table)
            + " ("
            + copyColumns.stream().map(PostgresTypes::quote).collect(Collectors.joining(", "))
            + ") FROM STDIN";
    PGCopyOutputStream out =
        new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16);
    try {
      FileLoadResult result = load.apply(out);
      out.endCopy();
      return result;
    } catch (RuntimeException e) {
      if (out.isActive()) {
        try {
          out.cancelCopy();
        } catch (SQLException cancelFailure) {
          e.addSuppressed(cancelFailure);
        }
      }
      throw e;
    }
  }

  /**
   * Makes a second load of the same file wait for the first to commit, then replace its rows: two
   * nodes can load one file at once when a lease passed to another while its holder still worked.
   */
  private static void lockFile(Connection connection, UUID importId, String key)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      lock.setString(1, importId + "/" + key);
      lock.execute();
    }
  }

  private static void deleteRows(Connection connection, UUID importId, String table, String key)
      throws SQLException {
    try (PreparedStatement rows =
            connection.prepareStatement(
                "DELETE FROM " + PostgresTypes.quote(table) + " WHERE _file = ?");
        PreparedStatement manifest =
            connection.prepareStatement(
                "DELETE FROM import_manifest WHERE import_id = ? AND file_key = ?");
        PreparedStatement rejects =
            connection.prepareStatement(
                "DELETE FROM import_rejects WHERE import_id = ? AND file_key = ?")) {
      rows.setString(1, key);
      rows.executeUpdate();
      for (PreparedStatement statement : List.of(manifest, rejects)) {
        statement.setObject(1, importId);
        statement.setString(2, key);
        statement.executeUpdate();
      }
    }
  }

  private static void insertManifest(
      Connection connection, UUID importId, ManifestEntry entry, Instant at) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO import_manifest (import_id, file_key, size, etag, last_modified,"
                + " row_count, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, importId);
      s.setString(2, entry.key());
      s.setLong(3, entry.size());
      s.setString(4, entry.etag());
      s.setTimestamp(5, Timestamp.from(entry.lastModified()));
      s.setLong(6, entry.rows());
      s.setTimestamp(7, Timestamp.from(at));
      s.executeUpdate();
    }
  }

  private static void insertRejects(
      Connection connection, UUID importId, List<Reject> rejects, Instant at) throws SQLException {
    if (rejects.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO import_rejects (import_id, file_key, line, column_name, error, raw_text,"
                + " rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Reject reject : rejects) {
        s.setObject(1, importId);
        s.setString(2, reject.fileKey());
        s.setLong(3, reject.line());
        s.setString(4, reject.column().orElse(null));
        s.setString(5, reject.error());
        s.setString(6, reject.rawText().replace("\0", ""));
        s.setTimestamp(7, Timestamp.from(at));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Work on one connection inside a transaction. */
  private interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(String what, TransactionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw jdbc.failure(what + " failed", e);
    }
  }

  /** Drops an import's table (when the import is deleted). */
  public void dropTable(String table) {
    jdbc.update("DROP TABLE IF EXISTS " + PostgresTypes.quote(table), s -> {});
  }
}
