package io.hivewire.routing.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One record in the event log: its position, its type, the time that decides its hour partition,
 * and the JSON line exactly as it will be written (UTF-8, no line end).
 */
public record LogRecord(long offset, RecordType type, Instant time, byte[] payload) {

  public LogRecord {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(time, "time is null");
    Objects.requireNonNull(payload, "payload is null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
  }
}
