package io.hivewire.collect;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The full list of segments at one moment. Routed as one {@code segment} record per segment, all
 * with the snapshot's time, so that the newest file under {@code type=segment/} is complete.
 */
public record AudienceSegmentSnapshot(Instant time, List<AudienceSegment> segments) {

  /** The key of every segment entry. */
  public static final String SNAPSHOT_KEY = "segments";

  public AudienceSegmentSnapshot {
    time = Objects.requireNonNull(time, "time is null").truncatedTo(ChronoUnit.MICROS);
    // Ordered by code so that two snapshots of the same list render the same lines.
    segments = segments.stream().sorted(Comparator.comparingLong(AudienceSegment::code)).toList();
  }

  /**
   * One {@code segment} entry per segment, in code order, all under one key: every snapshot goes to
   * the same partition, whole and in order, so its newest file there is the whole list.
   */
  public List<LogEntry> toLogEntries() {
    return segments.stream()
        .map(s -> new LogEntry(RecordType.SEGMENT, time, RecordJson.segment(s, time), SNAPSHOT_KEY))
        .toList();
  }
}
