package io.hivewire.routing.log;

import java.time.Instant;
import java.util.Objects;

/**
 * A record to append: the log assigns its offset. Entries with the same non-empty {@code key} (a
 * user id) go to the same partition, so they keep their order; an empty key leaves the partition to
 * the log.
 */
public record LogEntry(RecordType type, Instant time, byte[] payload, String key) {

  public LogEntry {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(time, "time is null");
    Objects.requireNonNull(payload, "payload is null");
    Objects.requireNonNull(key, "key is null");
  }

  /** An entry without a key. */
  public LogEntry(RecordType type, Instant time, byte[] payload) {
    this(type, time, payload, "");
  }
}
