package io.hivewire.audiences;

import io.hivewire.collect.AudienceSegment;
import io.hivewire.collect.AudienceSegmentState;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Segment metadata. Every change hands the full list after it to a callback inside the transaction,
 * one change at a time, so snapshots are routed in the order changes commit.
 */
public final class AudienceSegmentRepository {

  private static final String COLUMNS = "id, code, name, description, tags, state";

  private final Jdbc jdbc;

  public AudienceSegmentRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Every segment, by code. */
  public List<AudienceSegment> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM segments ORDER BY code",
        s -> {},
        AudienceSegmentRepository::segment);
  }

  /** The segment with this id. */
  public Optional<AudienceSegment> find(UUID id) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM segments WHERE id = ?",
        s -> s.setObject(1, id),
        AudienceSegmentRepository::segment);
  }

  /**
   * Inserts or replaces {@code segment}; false when another segment already has its code (nothing
   * changed then).
   */
  public boolean save(
      AudienceSegment segment, Instant at, Consumer<List<AudienceSegment>> beforeCommit) {
    return change(
        "saving segment " + segment.code(),
        tx -> {
          boolean codeTaken =
              tx.queryOne(
                      "SELECT 1 FROM segments WHERE code = ? AND id <> ?",
                      s -> {
                        s.setLong(1, segment.code());
                        s.setObject(2, segment.id());
                      },
                      row -> true)
                  .isPresent();
          if (codeTaken) {
            return false;
          }
          tx.update(
              "INSERT INTO segments ("
                  + COLUMNS
                  + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name,"
                  + " description = EXCLUDED.description, tags = EXCLUDED.tags,"
                  + " state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
              s -> bind(s, segment, at));
          return true;
        },
        beforeCommit);
  }

  /** Deletes the segment with this id; false when there is none. */
  public boolean delete(UUID id, Consumer<List<AudienceSegment>> beforeCommit) {
    return change(
        "deleting segment " + id,
        tx -> tx.update("DELETE FROM segments WHERE id = ?", s -> s.setObject(1, id)) == 1,
        beforeCommit);
  }

  /** Hands the full list to {@code beforeCommit} under the same lock as a change. */
  public void snapshot(Consumer<List<AudienceSegment>> beforeCommit) {
    change("snapshotting the segments", tx -> true, beforeCommit);
  }

  private interface Change {
    boolean apply(Jdbc tx) throws SQLException;
  }

  private boolean change(String what, Change change, Consumer<List<AudienceSegment>> beforeCommit) {
    return jdbc.inTransaction(
        what,
        tx -> {
          // One change at a time: each snapshot then holds every change committed before it.
          tx.update("LOCK TABLE segments IN EXCLUSIVE MODE", s -> {});
          if (!change.apply(tx)) {
            return false;
          }
          beforeCommit.accept(
              tx.query(
                  "SELECT " + COLUMNS + " FROM segments ORDER BY code",
                  s -> {},
                  AudienceSegmentRepository::segment));
          return true;
        });
  }

  private static void bind(PreparedStatement s, AudienceSegment segment, Instant at)
      throws SQLException {
    Array tags = s.getConnection().createArrayOf("text", segment.tags().toArray());
    s.setObject(1, segment.id());
    s.setLong(2, segment.code());
    s.setString(3, segment.name());
    s.setString(4, segment.description());
    s.setArray(5, tags);
    s.setString(6, segment.state().name());
    s.setTimestamp(7, Timestamp.from(at));
  }

  private static AudienceSegment segment(ResultSet row) throws SQLException {
    return new AudienceSegment(
        row.getObject(1, UUID.class),
        row.getLong(2),
        row.getString(3),
        row.getString(4),
        List.of((String[]) row.getArray(5).getArray()),
        AudienceSegmentState.valueOf(row.getString(6)));
  }
}
