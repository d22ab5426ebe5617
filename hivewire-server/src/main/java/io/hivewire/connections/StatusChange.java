package io.hivewire.connections;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A status a connection entered, when, and (for {@code FAILED}) a machine-readable reason with a
 * message a user can act on.
 */
public record StatusChange(
    ConnectionStatus status, Optional<String> reason, Optional<String> message, Instant at) {

  public StatusChange {
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(at, "at is null");
  }

  public static StatusChange of(ConnectionStatus status, Instant at) {
    return new StatusChange(status, Optional.empty(), Optional.empty(), at);
  }

  public static StatusChange failed(String reason, String message, Instant at) {
    return new StatusChange(ConnectionStatus.FAILED, Optional.of(reason), Optional.of(message), at);
  }
}
