package io.hivewire.apikeys;

import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Stored API keys: hashes and scopes, never the keys themselves. */
public final class ApiKeyRepository {

  /** How precisely the last use of a key is kept. */
  public static final Duration USE_PRECISION = Duration.ofMinutes(1);

  private final Jdbc jdbc;

  public ApiKeyRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Whether any key has been stored yet. */
  public boolean isEmpty() {
    return jdbc.queryOne("SELECT 1 FROM api_keys LIMIT 1", s -> {}, row -> true).isEmpty();
  }

  /** Stores a key hash; storing a hash that is already there changes nothing. */
  public void add(String keyHash, Set<String> scopes, String description, Instant createdAt) {
    add(UUID.randomUUID(), keyHash, scopes, description, createdAt);
  }

  /** Stores a key hash under {@code id}; storing a hash that is already there changes nothing. */
  public void add(
      UUID id, String keyHash, Set<String> scopes, String description, Instant createdAt) {
    jdbc.inTransaction(
        "storing an API key",
        tx -> {
          tx.update(
              "INSERT INTO api_keys (id, key_hash, scopes, description, created_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_hash) DO NOTHING",
              s -> {
                Array array =
                    s.getConnection().createArrayOf("text", scopes.stream().sorted().toArray());
                s.setObject(1, id);
                s.setString(2, keyHash);
                s.setArray(3, array);
                s.setString(4, description);
                s.setTimestamp(5, Timestamp.from(createdAt));
              });
          return null;
        });
  }

  /**
   * The scopes of the key with this hash, recording it as used at {@code at}; empty when no key has
   * it. The use is written at most once a {@link #USE_PRECISION}, so that a key verified every few
   * seconds does not rewrite its row each time.
   */
  public Optional<List<String>> useOf(String keyHash, Instant at) {
    return use("key_hash = ?", s -> s.setString(1, keyHash), at);
  }

  /** The id of the key with this hash; empty when no key has it. */
  public Optional<UUID> idOf(String keyHash) {
    return jdbc.queryOne(
        "SELECT id FROM api_keys WHERE key_hash = ?",
        s -> s.setString(1, keyHash),
        row -> row.getObject(1, UUID.class));
  }

  /**
   * The scopes of the key with this id, recording it as used at {@code at} like {@link
   * #useOf(String, Instant)}; empty when it was revoked or never existed.
   */
  public Optional<List<String>> useOf(UUID id, Instant at) {
    return use("id = ?", s -> s.setObject(1, id), at);
  }

  private Optional<List<String>> use(String which, Jdbc.Binder bindKey, Instant at) {
    Timestamp now = Timestamp.from(at);
    Timestamp stale = Timestamp.from(at.minus(USE_PRECISION));
    return jdbc.queryOne(
        "WITH k AS (SELECT id, scopes, last_used_at FROM api_keys WHERE "
            + which
            + "), used AS (UPDATE api_keys SET last_used_at = ? FROM k WHERE api_keys.id = k.id"
            + " AND (k.last_used_at IS NULL OR k.last_used_at < ?) RETURNING 1)"
            + " SELECT scopes FROM k",
        s -> {
          bindKey.bind(s);
          s.setTimestamp(2, now);
          s.setTimestamp(3, stale);
        },
        row -> List.of((String[]) row.getArray(1).getArray()));
  }

  /** Every stored key, oldest first. */
  public List<StoredApiKey> list() {
    return jdbc.query(
        "SELECT id, description, scopes, created_at, last_used_at FROM api_keys"
            + " ORDER BY created_at, id",
        s -> {},
        ApiKeyRepository::key);
  }

  /**
   * Deletes the key with {@code id} unless it is the last one with {@code keptScope}; the result
   * says which happened.
   */
  public Revocation delete(UUID id, String keptScope) {
    return jdbc.inTransaction(
        "revoking API key " + id,
        tx -> {
          tx.update("LOCK TABLE api_keys IN EXCLUSIVE MODE", s -> {});
          Optional<StoredApiKey> key =
              tx.queryOne(
                  "SELECT id, description, scopes, created_at, last_used_at FROM api_keys"
                      + " WHERE id = ?",
                  s -> s.setObject(1, id),
                  ApiKeyRepository::key);
          if (key.isEmpty()) {
            return Revocation.NOT_FOUND;
          }
          if (key.get().scopes().contains(keptScope)) {
            long others =
                tx.queryOne(
                        "SELECT count(*) FROM api_keys WHERE id <> ? AND ? = ANY(scopes)",
                        s -> {
                          s.setObject(1, id);
                          s.setString(2, keptScope);
                        },
                        row -> row.getLong(1))
                    .orElse(0L);
            if (others == 0) {
              return Revocation.LAST_OF_SCOPE;
            }
          }
          tx.update("DELETE FROM api_keys WHERE id = ?", s -> s.setObject(1, id));
          return Revocation.REVOKED;
        });
  }

  /** What {@link #delete} did. */
  public enum Revocation {
    REVOKED,
    NOT_FOUND,
    LAST_OF_SCOPE
  }

  private static StoredApiKey key(ResultSet row) throws SQLException {
    return new StoredApiKey(
        row.getObject(1, UUID.class),
        row.getString(2),
        List.of((String[]) row.getArray(3).getArray()),
        row.getTimestamp(4).toInstant(),
        Optional.ofNullable(row.getTimestamp(5)).map(Timestamp::toInstant));
  }
}
