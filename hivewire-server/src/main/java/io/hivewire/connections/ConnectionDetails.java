package io.hivewire.connections;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A connection with its status history, latest resync and when its tables were last discovered. */
public record ConnectionDetails(
    Connection connection,
    List<StatusChange> history,
    Optional<ResyncRun> lastResync,
    Optional<Instant> discoveredAt) {

  public ConnectionDetails {
    Objects.requireNonNull(connection, "connection is null");
    history = List.copyOf(Objects.requireNonNull(history, "history is null"));
    Objects.requireNonNull(lastResync, "lastResync is null");
    Objects.requireNonNull(discoveredAt, "discoveredAt is null");
  }
}
