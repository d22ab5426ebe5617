package io.hivewire.routing.log.wal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a write-ahead log is laid out and bounded.
 *
 * @param directory where the segment files ({@code 00000000000000000000.log}, named by the offset
 *     of their first record) and the {@code consumers/} positions are kept
 * @param segmentBytes the size at which the active segment is sealed and a new one started
 * @param maxBytes the disk quota: appends beyond it fail fast
 * @param maxPendingAppends how many appends may wait for the writer before appenders block
 */
public record WalSettings(Path directory, long segmentBytes, long maxBytes, int maxPendingAppends) {

  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;
  public static final int DEFAULT_MAX_PENDING_APPENDS = 4096;

  /** The smallest quota {@link #withQuota} accepts: two segments of the smallest size. */
  public static final long MIN_QUOTA_BYTES = 4 * 1024;

  public WalSettings {
    Objects.requireNonNull(directory, "directory is null");
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException(
          "segmentBytes is " + segmentBytes + ": use at least 1024 (default 64 MiB)");
    }
    // The active segment is never deleted: with room for only one, a full log could never roll.
    if (maxBytes / 2 < segmentBytes) {
      throw new IllegalArgumentException(
          "the log's quota (maxBytes) is "
              + maxBytes
              + ": it must hold at least two segments of "
              + segmentBytes
              + " bytes");
    }
    if (maxPendingAppends < 1) {
      throw new IllegalArgumentException(
          "maxPendingAppends is " + maxPendingAppends + ": use at least 1");
    }
  }

  /** 64 MiB segments, a 10 GiB quota, up to 4096 appends waiting for the writer. */
  public static WalSettings defaults(Path directory) {
    return new WalSettings(
        directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES, DEFAULT_MAX_PENDING_APPENDS);
  }

  /**
   * The defaults with a quota of {@code maxBytes} (at least {@link #MIN_QUOTA_BYTES}), and segments
   * of at most a quarter of it, so that a small quota still rolls and frees space.
   */
  public static WalSettings withQuota(Path directory, long maxBytes) {
    WalSettings defaults = defaults(directory);
    return defaults
        .withSegmentBytes(Math.min(defaults.segmentBytes(), Math.max(1024, maxBytes / 4)))
        .withMaxBytes(maxBytes);
  }

  public WalSettings withSegmentBytes(long bytes) {
    return new WalSettings(directory, bytes, maxBytes, maxPendingAppends);
  }

  public WalSettings withMaxBytes(long bytes) {
    return new WalSettings(directory, segmentBytes, bytes, maxPendingAppends);
  }
}
