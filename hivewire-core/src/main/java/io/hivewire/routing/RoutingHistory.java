package io.hivewire.routing;

import io.hivewire.routing.log.RecordType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last hour of one destination's routing in one-minute buckets (records, files and bytes
 * uploaded, the worst freshness lag seen), and its files per record type since it was created.
 * Memory stays fixed: a ring of {@value #MINUTES} buckets, reused as the minutes pass.
 */
public final class RoutingHistory {

  /** How many one-minute buckets are kept: one hour. */
  public static final int MINUTES = 60;

  private static final long NONE = -1;
  private static final int STALE = -1;

  private final Instant since;
  private final long[] minuteOf = new long[MINUTES];
  private final long[] records = new long[MINUTES];
  private final long[] files = new long[MINUTES];
  private final long[] bytes = new long[MINUTES];
  private final long[] worstLagMillis = new long[MINUTES];
  private final Map<RecordType, Long> filesByType = new EnumMap<>(RecordType.class);
  private long recordsWritten;

  /** One minute of routing; {@code freshnessLag} is empty when none was sampled in it. */
  public record Minute(
      Instant start, long records, long files, long bytes, Optional<Duration> freshnessLag) {
    public Minute {
      Objects.requireNonNull(start, "start is null");
      Objects.requireNonNull(freshnessLag, "freshnessLag is null");
    }
  }

  /**
   * The history at one instant: the {@value #MINUTES} minutes up to and including the current one,
   * oldest first, and the records and the files per type written since {@code since}.
   */
  public record Snapshot(
      Instant since, List<Minute> minutes, long recordsWritten, Map<RecordType, Long> filesByType) {
    public Snapshot {
      Objects.requireNonNull(since, "since is null");
      minutes = List.copyOf(minutes);
      filesByType = Collections.unmodifiableMap(new EnumMap<>(filesByType));
    }

    /** The most records uploaded in one minute (0 when none was). */
    public long peakRecords() {
      return minutes.stream().mapToLong(Minute::records).max().orElse(0);
    }

    /** The worst freshness lag sampled in the hour (zero when none was). */
    public Duration peakLag() {
      return minutes.stream()
          .flatMap(m -> m.freshnessLag().stream())
          .max(Duration::compareTo)
          .orElse(Duration.ZERO);
    }

    /** Records uploaded over the whole hour. */
    public long totalRecords() {
      return minutes.stream().mapToLong(Minute::records).sum();
    }
  }

  /** An empty history, counting from {@code since}. */
  public RoutingHistory(Instant since) {
    this.since = Objects.requireNonNull(since, "since is null");
    Arrays.fill(minuteOf, NONE);
    for (RecordType type : RecordType.values()) {
      filesByType.put(type, 0L);
    }
  }

  /** Counts {@code file}, which reached the bucket {@code at}. */
  public synchronized void uploaded(UploadedFile file, Instant at) {
    Objects.requireNonNull(file, "file is null");
    int slot = slot(at);
    filesByType.merge(file.range().partition().type(), 1L, Long::sum);
    recordsWritten += file.records();
    if (slot == STALE) {
      return;
    }
    records[slot] += file.records();
    files[slot] += 1;
    bytes[slot] += file.bytes();
  }

  /** Keeps {@code lag}, sampled {@code at}, when it is the worst of its minute. */
  public synchronized void sampled(Duration lag, Instant at) {
    Objects.requireNonNull(lag, "lag is null");
    int slot = slot(at);
    if (slot == STALE) {
      return;
    }
    worstLagMillis[slot] = Math.max(worstLagMillis[slot], Math.max(0, lag.toMillis()));
  }

  /** The hour up to {@code now}. */
  public synchronized Snapshot snapshot(Instant now) {
    long current = minute(now);
    List<Minute> minutes = new ArrayList<>(MINUTES);
    for (long minute = current - MINUTES + 1; minute <= current; minute++) {
      int slot = Math.floorMod(minute, MINUTES);
      Instant start = Instant.ofEpochSecond(minute * 60);
      if (minuteOf[slot] == minute) {
        minutes.add(
            new Minute(
                start,
                records[slot],
                files[slot],
                bytes[slot],
                worstLagMillis[slot] == NONE
                    ? Optional.empty()
                    : Optional.of(Duration.ofMillis(worstLagMillis[slot]))));
      } else {
        minutes.add(new Minute(start, 0, 0, 0, Optional.empty()));
      }
    }
    return new Snapshot(since, minutes, recordsWritten, filesByType);
  }

  /**
   * The bucket of {@code at}'s minute, emptied first when it still holds an older minute; {@link
   * #STALE} when {@code at} is over an hour older than a minute already counted (a clock set back).
   */
  private int slot(Instant at) {
    Objects.requireNonNull(at, "at is null");
    long minute = minute(at);
    int slot = Math.floorMod(minute, MINUTES);
    if (minuteOf[slot] > minute) {
      return STALE;
    }
    if (minuteOf[slot] != minute) {
      minuteOf[slot] = minute;
      records[slot] = 0;
      files[slot] = 0;
      bytes[slot] = 0;
      worstLagMillis[slot] = NONE;
    }
    return slot;
  }

  private static long minute(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 60L);
  }
}
