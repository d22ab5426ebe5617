package io.hivewire.connections;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The last discovery result of a connection, as JSON, and when it was taken. */
public record DiscoverySnapshot(UUID connectionId, String resultJson, Instant discoveredAt) {

  public DiscoverySnapshot {
    Objects.requireNonNull(connectionId, "connectionId is null");
    Objects.requireNonNull(resultJson, "resultJson is null");
    Objects.requireNonNull(discoveredAt, "discoveredAt is null");
  }
}
