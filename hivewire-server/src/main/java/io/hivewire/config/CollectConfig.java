package io.hivewire.config;

import io.hivewire.routing.log.wal.WalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection API and routing destinations: the master key that seals stored credentials, given
 * or in a named file (a key file under the data dir when neither is set), the largest request body
 * accepted, how often the segment list is routed again when nothing changes, the event log's disk
 * quota, and where the event log lives.
 */
public record CollectConfig(
    Optional<Secret> masterKey,
    Optional<Path> masterKeyFile,
    int maxBodyBytes,
    Duration segmentSnapshotInterval,
    long eventLogMaxBytes,
    EventLogConfig eventLog) {

  public CollectConfig {
    Objects.requireNonNull(masterKey, "masterKey is null");
    Objects.requireNonNull(masterKeyFile, "masterKeyFile is null");
    if (masterKey.isPresent() && masterKeyFile.isPresent()) {
      throw new IllegalArgumentException("masterKey and masterKeyFile are both set");
    }
    Objects.requireNonNull(segmentSnapshotInterval, "segmentSnapshotInterval is null");
    Objects.requireNonNull(eventLog, "eventLog is null");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
    if (eventLogMaxBytes < WalSettings.MIN_QUOTA_BYTES) {
      throw new IllegalArgumentException(
          "eventLogMaxBytes must be at least "
              + WalSettings.MIN_QUOTA_BYTES
              + ", got "
              + eventLogMaxBytes);
    }
  }
}
