package io.hivewire.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When an open partition file must be closed: by age (the flush interval), by size (uncompressed
 * bytes), or because too many partitions are open. Pure: it decides, the writer acts.
 */
public record RotationPolicy(Duration flushInterval, long maxFileBytes, int maxOpenPartitions) {

  public static final Duration MIN_FLUSH_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(5);
  public static final long DEFAULT_MAX_FILE_BYTES = 128L * 1024 * 1024;
  public static final int DEFAULT_MAX_OPEN_PARTITIONS = 256;

  public RotationPolicy {
    Objects.requireNonNull(flushInterval, "flushInterval is null");
    if (flushInterval.compareTo(MIN_FLUSH_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "flush interval must be at least 1s, got " + flushInterval.toMillis() + "ms");
    }
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException(
          "max file size must be at least 1024 bytes, got " + maxFileBytes);
    }
    if (maxOpenPartitions < 1) {
      throw new IllegalArgumentException(
          "max open partitions must be at least 1, got " + maxOpenPartitions);
    }
  }

  /** 5 minutes, 128 MiB, 256 open partitions. */
  public static RotationPolicy defaults() {
    return new RotationPolicy(
        DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_OPEN_PARTITIONS);
  }

  public RotationPolicy withFlushInterval(Duration value) {
    return new RotationPolicy(value, maxFileBytes, maxOpenPartitions);
  }

  public RotationPolicy withMaxFileBytes(long value) {
    return new RotationPolicy(flushInterval, value, maxOpenPartitions);
  }

  public RotationPolicy withMaxOpenPartitions(int value) {
    return new RotationPolicy(flushInterval, maxFileBytes, value);
  }

  /**
   * Why a file open for {@code age}, holding {@code uncompressedBytes}, must close now while {@code
   * openPartitions} files are open; empty when it stays open. The writer asks for its files oldest
   * first, so the too-many-open rule closes the oldest.
   */
  public Optional<RollReason> decide(Duration age, long uncompressedBytes, int openPartitions) {
    if (uncompressedBytes >= maxFileBytes) {
      return Optional.of(RollReason.SIZE);
    }
    if (age.compareTo(flushInterval) >= 0) {
      return Optional.of(RollReason.AGE);
    }
    if (openPartitions > maxOpenPartitions) {
      return Optional.of(RollReason.TOO_MANY_OPEN);
    }
    return Optional.empty();
  }
}
