package io.hivewire.connections;

import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Connections and their timestamped status history. */
public final class ConnectionRepository {

  private static final String COLUMNS =
      "id, name, region, bucket, schema_prefix, data_format, partitioning, endpoint, status,"
          + " status_reason, status_message, status_changed_at, created_at, updated_at";

  private final Jdbc jdbc;

  public ConnectionRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Stores a new connection in {@code status} and records that status in its history. */
  public Connection create(ConnectionSpec spec, StatusChange status) {
    UUID id = UUID.randomUUID();
    Instant now = status.at();
    jdbc.inTransaction(
        "creating connection " + spec.name(),
        tx -> {
          tx.update(
              "INSERT INTO connections ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              s -> {
                s.setObject(1, id);
                s.setString(2, spec.name());
                ConnectionSettings settings = spec.settings();
                s.setString(3, settings.region().code());
                s.setString(4, settings.bucket().value());
                s.setString(5, settings.schemaPrefix().value());
                s.setString(6, settings.dataFormat().name());
                s.setString(7, settings.partitioning().name());
                s.setString(8, spec.endpoint().map(URI::toString).orElse(null));
                bindStatus(s, 9, status);
                s.setTimestamp(13, Timestamp.from(now));
                s.setTimestamp(14, Timestamp.from(now));
              });
          insertHistory(tx, id, status);
          return null;
        });
    return new Connection(id, spec, status, now, now);
  }

  public Optional<Connection> find(UUID id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM connections WHERE id = ?",
        s -> s.setObject(1, id),
        ConnectionRepository::connection);
  }

  /** Every connection, oldest first. */
  public List<Connection> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM connections ORDER BY created_at, id",
        s -> {},
        ConnectionRepository::connection);
  }

  /** Renames a connection; false when it does not exist. */
  public boolean rename(UUID id, String name, Instant at) {
    return jdbc.update(
            "UPDATE connections SET name = ?, updated_at = ? WHERE id = ?",
            s -> {
              s.setString(1, name);
              s.setTimestamp(2, Timestamp.from(at));
              s.setObject(3, id);
            })
        == 1;
  }

  /** Moves a connection to a new status and records the change; false when it does not exist. */
  public boolean changeStatus(UUID id, StatusChange status) {
    return changeStatusIf(id, Optional.empty(), status);
  }

  /**
   * Moves a connection to a new status only while it is in {@code expected} (when given), so a
   * background check that finishes after a user deactivated the connection does not revive it.
   */
  public boolean changeStatusIf(UUID id, Optional<ConnectionStatus> expected, StatusChange status) {
    return jdbc.inTransaction(
        "changing the status of connection " + id,
        tx -> {
          int updated =
              tx.update(
                  "UPDATE connections SET status = ?, status_reason = ?, status_message = ?,"
                      + " status_changed_at = ?, updated_at = ? WHERE id = ?"
                      + (expected.isPresent() ? " AND status = ?" : ""),
                  s -> {
                    bindStatus(s, 1, status);
                    s.setTimestamp(5, Timestamp.from(status.at()));
                    s.setObject(6, id);
                    if (expected.isPresent()) {
                      s.setString(7, expected.get().name());
                    }
                  });
          if (updated == 1) {
            insertHistory(tx, id, status);
          }
          return updated == 1;
        });
  }

  /** The status changes of a connection, oldest first. */
  public List<StatusChange> history(UUID id) {
    return jdbc.query(
        "SELECT status, reason, message, changed_at FROM connection_status_history"
            + " WHERE connection_id = ? ORDER BY id",
        s -> s.setObject(1, id),
        row ->
            new StatusChange(
                ConnectionStatus.valueOf(row.getString(1)),
                Optional.ofNullable(row.getString(2)),
                Optional.ofNullable(row.getString(3)),
                row.getTimestamp(4).toInstant()));
  }

  /** Deletes a connection with its history, snapshot and resyncs; false when it did not exist. */
  public boolean delete(UUID id) {
    return jdbc.update("DELETE FROM connections WHERE id = ?", s -> s.setObject(1, id)) == 1;
  }

  private static void bindStatus(PreparedStatement s, int first, StatusChange status)
      throws SQLException {
    s.setString(first, status.status().name());
    s.setString(first + 1, status.reason().orElse(null));
    s.setString(first + 2, status.message().orElse(null));
    s.setTimestamp(first + 3, Timestamp.from(status.at()));
  }

  private static void insertHistory(Jdbc tx, UUID id, StatusChange status) {
    tx.update(
        "INSERT INTO connection_status_history (connection_id, status, reason, message, changed_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        s -> {
          s.setObject(1, id);
          bindStatus(s, 2, status);
        });
  }

  private static Connection connection(ResultSet row) throws SQLException {
    ConnectionSpec spec =
        new ConnectionSpec(
            row.getString("name"),
            new ConnectionSettings(
                new AwsRegion(row.getString("region")),
                new BucketName(row.getString("bucket")),
                new SchemaPrefix(row.getString("schema_prefix")),
                DataFormat.valueOf(row.getString("data_format")),
                Partitioning.valueOf(row.getString("partitioning"))),
            Optional.ofNullable(row.getString("endpoint")).map(URI::create));
    StatusChange status =
        new StatusChange(
            ConnectionStatus.valueOf(row.getString("status")),
            Optional.ofNullable(row.getString("status_reason")),
            Optional.ofNullable(row.getString("status_message")),
            row.getTimestamp("status_changed_at").toInstant());
    return new Connection(
        row.getObject("id", UUID.class),
        spec,
        status,
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }
}
