package io.hivewire.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An API key as stored: never the key itself, only what identifies and describes it, and when it
 * was last used (to the minute; empty when never).
 */
public record StoredApiKey(
    UUID id, String name, List<String> scopes, Instant createdAt, Optional<Instant> lastUsedAt) {

  public StoredApiKey {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(name, "name is null");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt is null");
  }
}
