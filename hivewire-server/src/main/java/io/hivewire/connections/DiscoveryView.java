package io.hivewire.connections;

import io.hivewire.source.discovery.DiscoveryResult;
import java.time.Instant;
import java.util.Objects;

/** A connection's last discovery and when it ran. */
public record DiscoveryView(DiscoveryResult result, Instant discoveredAt) {

  public DiscoveryView {
    Objects.requireNonNull(result, "result is null");
    Objects.requireNonNull(discoveredAt, "discoveredAt is null");
  }
}
