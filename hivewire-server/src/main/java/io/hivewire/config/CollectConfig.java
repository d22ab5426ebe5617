package io.hivewire.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The collection API and routing destinations: the master key that seals stored credentials (a key
 * file under the data dir when absent) and the largest request body accepted.
 */
public record CollectConfig(Optional<Secret> masterKey, int maxBodyBytes) {

  public CollectConfig {
    Objects.requireNonNull(masterKey, "masterKey is null");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }
}
