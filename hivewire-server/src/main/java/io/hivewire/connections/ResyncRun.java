package io.hivewire.connections;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One re-discovery of a connection's tables; {@code changesJson} holds what changed (tables added
 * and removed, columns added) once it completed.
 */
public record ResyncRun(
    UUID id,
    UUID connectionId,
    ResyncStatus status,
    Optional<String> changesJson,
    Optional<String> error,
    Instant startedAt,
    Optional<Instant> finishedAt) {

  public ResyncRun {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(connectionId, "connectionId is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(changesJson, "changesJson is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(startedAt, "startedAt is null");
    Objects.requireNonNull(finishedAt, "finishedAt is null");
  }
}
