package io.hivewire.connections;

import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The last discovery result of each connection. */
public final class DiscoverySnapshotRepository {

  private final Jdbc jdbc;

  public DiscoverySnapshotRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Replaces the connection's snapshot. */
  public void save(DiscoverySnapshot snapshot) {
    jdbc.update(
        "INSERT INTO discovery_snapshots (connection_id, result, discovered_at)"
            + " VALUES (?, CAST(? AS jsonb), ?)"
            + " ON CONFLICT (connection_id) DO UPDATE"
            + " SET result = EXCLUDED.result, discovered_at = EXCLUDED.discovered_at",
        s -> {
          s.setObject(1, snapshot.connectionId());
          s.setString(2, snapshot.resultJson());
          s.setTimestamp(3, Timestamp.from(snapshot.discoveredAt()));
        });
  }

  public Optional<DiscoverySnapshot> find(UUID connectionId) {
    return jdbc.queryOne(
        "SELECT result::text, discovered_at FROM discovery_snapshots WHERE connection_id = ?",
        s -> s.setObject(1, connectionId),
        row ->
            new DiscoverySnapshot(connectionId, row.getString(1), row.getTimestamp(2).toInstant()));
  }
}
