package io.hivewire.routing.log;

import java.time.Instant;
import java.util.Objects;

/** A record to append: the log assigns its offset. */
public record LogEntry(RecordType type, Instant time, byte[] payload) {

  public LogEntry {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(time, "time is null");
    Objects.requireNonNull(payload, "payload is null");
  }
}
