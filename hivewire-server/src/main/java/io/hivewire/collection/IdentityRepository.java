package io.hivewire.collection;

import io.hivewire.collect.Alias;
import io.hivewire.collect.AliasLink;
import io.hivewire.collect.IdentityResolution;
import io.hivewire.collect.IdentityView;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/** The links of aliases to users, changed one resolution at a time. */
public final class IdentityRepository {

  private final Jdbc jdbc;

  public IdentityRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /**
   * Resolves {@code aliases} against the stored links and stores the links it yields, in one
   * transaction that holds a lock per alias so that concurrent calls with the same alias line up.
   * {@code beforeCommit} runs inside the transaction (to make the links durable elsewhere first);
   * if it throws, nothing is stored.
   */
  public IdentityResolution link(
      List<Alias> aliases,
      Function<IdentityView, IdentityResolution> resolve,
      Consumer<IdentityResolution> beforeCommit) {
    return jdbc.inTransaction(
        "linking aliases",
        tx -> {
          // Sorted, so two calls that share aliases take their locks in the same order.
          List<String> keys =
              aliases.stream()
                  .map(a -> a.tag() + '\n' + a.id())
                  .distinct()
                  .sorted(Comparator.naturalOrder())
                  .toList();
          for (String key : keys) {
            tx.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                s -> s.setString(1, key),
                row -> true);
          }
          IdentityResolution resolution = resolve.apply(new View(tx));
          for (AliasLink link : resolution.links()) {
            tx.update(
                "INSERT INTO identity_links (tag, alias_id, user_id, priority, linked_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tag, alias_id) DO UPDATE SET"
                    + " user_id = EXCLUDED.user_id, priority = EXCLUDED.priority,"
                    + " linked_at = EXCLUDED.linked_at",
                s -> {
                  s.setString(1, link.alias().tag());
                  s.setString(2, link.alias().id());
                  s.setObject(3, link.userId());
                  s.setInt(4, link.alias().priority());
                  s.setTimestamp(5, Timestamp.from(link.time()));
                });
          }
          beforeCommit.accept(resolution);
          return resolution;
        });
  }

  /** Every alias linked to {@code userId}, ordered by tag and id. */
  public List<Alias> aliasesOf(UUID userId) {
    return new View(jdbc).aliasesOf(userId);
  }

  /** The stored links as resolution reads them, inside the caller's transaction. */
  private record View(Jdbc tx) implements IdentityView {

    @Override
    public Optional<LinkedAlias> find(String tag, String id) {
      return tx.queryOne(
          "SELECT user_id, priority FROM identity_links WHERE tag = ? AND alias_id = ?",
          s -> {
            s.setString(1, tag);
            s.setString(2, id);
          },
          row -> new LinkedAlias(row.getObject(1, UUID.class), new Alias(tag, id, row.getInt(2))));
    }

    @Override
    public List<Alias> aliasesOf(UUID userId) {
      return tx.query(
          "SELECT tag, alias_id, priority FROM identity_links WHERE user_id = ?"
              + " ORDER BY tag, alias_id",
          s -> s.setObject(1, userId),
          row -> new Alias(row.getString(1), row.getString(2), row.getInt(3)));
    }
  }
}
