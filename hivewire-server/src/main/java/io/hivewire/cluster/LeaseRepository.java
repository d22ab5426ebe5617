package io.hivewire.cluster;

import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Leases by name in PostgreSQL. A lease belongs to its holder until it expires; then anyone may
 * take it. Expiry is judged by the database's clock only.
 */
public final class LeaseRepository {

  private final Jdbc jdbc;

  public LeaseRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /**
   * Takes up to {@code limit} of {@code candidates}, in their order, for {@code holder}: those no
   * one holds and those whose lease expired. Rows another claimer is taking at this moment are
   * skipped ({@code FOR UPDATE SKIP LOCKED}), never waited for.
   *
   * @return the leases taken, with when each expires
   */
  public List<HeldLease> claim(List<String> candidates, int limit, String holder, Duration ttl) {
    if (candidates.isEmpty() || limit < 1) {
      return List.of();
    }
    return jdbc.inTransaction(
        "claiming leases for " + holder,
        tx -> {
          Map<String, Boolean> expired = new HashMap<>();
          for (Map.Entry<String, Boolean> row :
              tx.query(
                  "SELECT name, expires_at <= clock_timestamp() FROM leases WHERE name = ANY(?)"
                      + " FOR UPDATE SKIP LOCKED",
                  s -> s.setArray(1, s.getConnection().createArrayOf("text", candidates.toArray())),
                  r -> Map.entry(r.getString(1), r.getBoolean(2)))) {
            expired.put(row.getKey(), row.getValue());
          }
          List<HeldLease> taken = new ArrayList<>();
          for (String name : candidates) {
            if (taken.size() == limit) {
              break;
            }
            Boolean lapsed = expired.get(name);
            Optional<Instant> until;
            if (lapsed == null) {
              // Absent, or locked by another claimer: the primary key decides which.
              until =
                  tx.queryOne(
                      "INSERT INTO leases (name, holder, acquired_at, expires_at)"
                          + " VALUES (?, ?, clock_timestamp(), clock_timestamp() + ?::interval)"
                          + " ON CONFLICT (name) DO NOTHING RETURNING expires_at",
                      s -> bind(s, name, holder, ttl),
                      r -> r.getTimestamp(1).toInstant());
            } else if (lapsed) {
              until =
                  tx.queryOne(
                      "UPDATE leases SET holder = ?, acquired_at = clock_timestamp(),"
                          + " expires_at = clock_timestamp() + ?::interval WHERE name = ?"
                          + " RETURNING expires_at",
                      s -> {
                        s.setString(1, holder);
                        s.setString(2, interval(ttl));
                        s.setString(3, name);
                      },
                      r -> r.getTimestamp(1).toInstant());
            } else {
              until = Optional.empty();
            }
            until.ifPresent(at -> taken.add(new HeldLease(name, at)));
          }
          return taken;
        });
  }

  /**
   * Extends {@code holder}'s leases among {@code names} by {@code ttl} from now.
   *
   * @return the leases still held, with their new expiry; a name missing was taken over
   */
  public List<HeldLease> renew(List<String> names, String holder, Duration ttl) {
    if (names.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "UPDATE leases SET expires_at = clock_timestamp() + ?::interval"
            + " WHERE name = ANY(?) AND holder = ? RETURNING name, expires_at",
        s -> {
          s.setString(1, interval(ttl));
          s.setArray(2, s.getConnection().createArrayOf("text", names.toArray()));
          s.setString(3, holder);
        },
        r -> new HeldLease(r.getString(1), r.getTimestamp(2).toInstant()));
  }

  /** Gives a lease up, if {@code holder} still holds it, so that another node may take it now. */
  public void release(String name, String holder) {
    jdbc.update(
        "DELETE FROM leases WHERE name = ? AND holder = ?",
        s -> {
          s.setString(1, name);
          s.setString(2, holder);
        });
  }

  /** Who holds {@code name} now, if anyone does and it has not expired. */
  public Optional<String> holder(String name) {
    return jdbc.queryOne(
        "SELECT holder FROM leases WHERE name = ? AND expires_at > clock_timestamp()",
        s -> s.setString(1, name),
        r -> r.getString(1));
  }

  /** The leases {@code holder} holds, unexpired, by name. */
  public List<HeldLease> heldBy(String holder) {
    return jdbc.query(
        "SELECT name, expires_at FROM leases WHERE holder = ? AND expires_at > clock_timestamp()"
            + " ORDER BY name",
        s -> s.setString(1, holder),
        r -> new HeldLease(r.getString(1), r.getTimestamp(2).toInstant()));
  }

  /** Deletes leases that expired more than {@code age} ago: their work is finished or gone. */
  public int purgeExpired(Duration age) {
    return jdbc.update(
        "DELETE FROM leases WHERE expires_at < clock_timestamp() - ?::interval",
        s -> s.setString(1, interval(age)));
  }

  private static void bind(PreparedStatement s, String name, String holder, Duration ttl)
      throws SQLException {
    s.setString(1, name);
    s.setString(2, holder);
    s.setString(3, interval(ttl));
  }

  private static String interval(Duration duration) {
    return duration.toMillis() + " milliseconds";
  }
}
