package io.hivewire.destination;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A routing destination as stored, without its credentials: only the masked access key id. */
public record StoredDestination(
    UUID id,
    DestinationSpec spec,
    String maskedAccessKeyId,
    SetupStatus status,
    Optional<String> statusMessage,
    Instant statusChangedAt) {

  public StoredDestination {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(spec, "spec is null");
    Objects.requireNonNull(maskedAccessKeyId, "maskedAccessKeyId is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(statusMessage, "statusMessage is null");
    Objects.requireNonNull(statusChangedAt, "statusChangedAt is null");
  }
}
