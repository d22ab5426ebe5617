package io.hivewire.destinations;

import io.hivewire.destination.StoredDestination;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A destination with how its routing goes: freshness lag, files and bytes written, the last file's
 * key, and the last error with its time.
 */
public record DestinationView(
    StoredDestination destination,
    Duration freshnessLag,
    long filesWritten,
    long bytesWritten,
    Optional<String> lastKey,
    Optional<Instant> lastKeyAt,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt) {

  public DestinationView {
    Objects.requireNonNull(destination, "destination is null");
    Objects.requireNonNull(freshnessLag, "freshnessLag is null");
    Objects.requireNonNull(lastKey, "lastKey is null");
    Objects.requireNonNull(lastKeyAt, "lastKeyAt is null");
    Objects.requireNonNull(lastError, "lastError is null");
    Objects.requireNonNull(lastErrorAt, "lastErrorAt is null");
  }
}
