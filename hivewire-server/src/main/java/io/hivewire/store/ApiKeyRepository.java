package io.hivewire.store;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Stored API keys: hashes and scopes, never the keys themselves. */
public final class ApiKeyRepository {

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
    jdbc.inTransaction(
        "storing an API key",
        tx -> {
          tx.update(
              "INSERT INTO api_keys (id, key_hash, scopes, description, created_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_hash) DO NOTHING",
              s -> {
                Array array =
                    s.getConnection().createArrayOf("text", scopes.stream().sorted().toArray());
                s.setObject(1, UUID.randomUUID());
                s.setString(2, keyHash);
                s.setArray(3, array);
                s.setString(4, description);
                s.setTimestamp(5, Timestamp.from(createdAt));
              });
          return null;
        });
  }

  /** The scopes of the key with this hash; empty when no key has it. */
  public Optional<List<String>> scopesOf(String keyHash) {
    return jdbc.queryOne(
        "SELECT scopes FROM api_keys WHERE key_hash = ?",
        s -> s.setString(1, keyHash),
        row -> List.of((String[]) row.getArray(1).getArray()));
  }
}
