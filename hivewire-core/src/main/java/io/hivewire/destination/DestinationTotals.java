package io.hivewire.destination;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a destination has written to its bucket over its whole life (pauses and restarts included):
 * files, gzip bytes, and the last file's key with when it arrived.
 */
public record DestinationTotals(
    long filesWritten, long bytesWritten, Optional<String> lastKey, Optional<Instant> lastKeyAt) {

  /** A destination that has written nothing yet. */
  public static final DestinationTotals NONE =
      new DestinationTotals(0, 0, Optional.empty(), Optional.empty());

  public DestinationTotals {
    Objects.requireNonNull(lastKey, "lastKey is null");
    Objects.requireNonNull(lastKeyAt, "lastKeyAt is null");
    if (filesWritten < 0 || bytesWritten < 0) {
      throw new IllegalArgumentException(
          "totals must not be negative, got "
              + filesWritten
              + " files and "
              + bytesWritten
              + " bytes");
    }
    if (lastKey.isPresent() != lastKeyAt.isPresent()) {
      throw new IllegalArgumentException("lastKey and lastKeyAt go together");
    }
  }

  /** These totals with one more file, {@code key} of {@code bytes}, arrived {@code at}. */
  public DestinationTotals plus(String key, long bytes, Instant at) {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(at, "at is null");
    return new DestinationTotals(
        filesWritten + 1, bytesWritten + bytes, Optional.of(key), Optional.of(at));
  }
}
