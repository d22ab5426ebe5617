package io.hivewire.routing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A partition file that was closed and waits to be uploaded: its gzip spill file, the log range it
 * holds, the time of its first record, and its size before and after compression.
 */
record ClosedFile(
    FileRange range,
    Path spill,
    Instant firstRecordTime,
    Instant openedAt,
    long records,
    FileSize size,
    RollReason reason) {

  public ClosedFile {
    Objects.requireNonNull(range, "range is null");
    Objects.requireNonNull(spill, "spill is null");
    Objects.requireNonNull(firstRecordTime, "firstRecordTime is null");
    Objects.requireNonNull(openedAt, "openedAt is null");
    Objects.requireNonNull(size, "size is null");
    Objects.requireNonNull(reason, "reason is null");
    if (records < 1) {
      throw new IllegalArgumentException("a closed file holds at least one record: " + range);
    }
  }

  /** Bytes of JSON lines written, and bytes of gzip they became. */
  public record FileSize(long uncompressedBytes, long compressedBytes) {
    public FileSize {
      if (uncompressedBytes < 0 || compressedBytes < 0) {
        throw new IllegalArgumentException(
            "negative file size: " + uncompressedBytes + "/" + compressedBytes);
      }
    }
  }
}
