package io.hivewire.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection API and routing destinations: the master key that seals stored credentials (a key
 * file under the data dir when absent), the largest request body accepted, and how often the
 * segment list is routed again when nothing changes.
 */
public record CollectConfig(
    Optional<Secret> masterKey, int maxBodyBytes, Duration segmentSnapshotInterval) {

  public CollectConfig {
    Objects.requireNonNull(masterKey, "masterKey is null");
    Objects.requireNonNull(segmentSnapshotInterval, "segmentSnapshotInterval is null");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }
}
