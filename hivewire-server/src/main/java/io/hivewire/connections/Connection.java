package io.hivewire.connections;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A stored connection: its spec and its current status. */
public record Connection(
    UUID id, ConnectionSpec spec, StatusChange status, Instant createdAt, Instant updatedAt) {

  public Connection {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(updatedAt, "updatedAt is null");
  }
}
