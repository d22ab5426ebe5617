package io.hivewire.connections;

import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Resync runs of connections and the changes each found. */
public final class ResyncRepository {

  private static final String COLUMNS =
      "id, connection_id, status, changes::text, error_message, started_at, finished_at";

  private final Jdbc jdbc;

  public ResyncRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Records a run that has just started. */
  public ResyncRun start(UUID connectionId, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO resync_runs (id, connection_id, status, started_at) VALUES (?, ?, ?, ?)",
        s -> {
          s.setObject(1, id);
          s.setObject(2, connectionId);
          s.setString(3, ResyncStatus.IN_PROGRESS.name());
          s.setTimestamp(4, Timestamp.from(at));
        });
    return new ResyncRun(
        id,
        connectionId,
        ResyncStatus.IN_PROGRESS,
        Optional.empty(),
        Optional.empty(),
        at,
        Optional.empty());
  }

  /** Marks a run completed with the changes it found. */
  public void complete(UUID runId, String changesJson, Instant at) {
    finish(runId, ResyncStatus.COMPLETED, changesJson, null, at);
  }

  /** Marks a run failed with a message a user can act on. */
  public void fail(UUID runId, String message, Instant at) {
    finish(runId, ResyncStatus.ERROR, null, message, at);
  }

  private void finish(UUID runId, ResyncStatus status, String changes, String error, Instant at) {
    jdbc.update(
        "UPDATE resync_runs SET status = ?, changes = CAST(? AS json), error_message = ?,"
            + " finished_at = ? WHERE id = ?",
        s -> {
          s.setString(1, status.name());
          s.setString(2, changes);
          s.setString(3, error);
          s.setTimestamp(4, Timestamp.from(at));
          s.setObject(5, runId);
        });
  }

  public Optional<ResyncRun> find(UUID runId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM resync_runs WHERE id = ?",
        s -> s.setObject(1, runId),
        ResyncRepository::run);
  }

  /** The runs still in progress, oldest first: what nodes that work claim. */
  public List<ResyncRun> inProgress() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM resync_runs WHERE status = ? ORDER BY started_at, id",
        s -> s.setString(1, ResyncStatus.IN_PROGRESS.name()),
        ResyncRepository::run);
  }

  /** The runs of a connection, newest first. */
  public List<ResyncRun> list(UUID connectionId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM resync_runs WHERE connection_id = ? ORDER BY started_at DESC, id",
        s -> s.setObject(1, connectionId),
        ResyncRepository::run);
  }

  private static ResyncRun run(ResultSet row) throws SQLException {
    Timestamp finished = row.getTimestamp(7);
    return new ResyncRun(
        row.getObject(1, UUID.class),
        row.getObject(2, UUID.class),
        ResyncStatus.valueOf(row.getString(3)),
        Optional.ofNullable(row.getString(4)),
        Optional.ofNullable(row.getString(5)),
        row.getTimestamp(6).toInstant(),
        Optional.ofNullable(finished).map(Timestamp::toInstant));
  }
}
