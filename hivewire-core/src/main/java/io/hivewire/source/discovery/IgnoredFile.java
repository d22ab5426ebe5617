package io.hivewire.source.discovery;

import java.util.Objects;

/** An object that discovery saw and did not read, with the reason. */
public record IgnoredFile(String key, IgnoreReason reason) {

  public IgnoredFile {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
