package io.hivewire.audiences;

import io.hivewire.collect.AudienceSegment;
import io.hivewire.collect.AudienceSegmentSnapshot;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.routing.log.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Segment metadata: every change routes a full snapshot of the segments, durable in the log before
 * the change commits, and so does {@link #resnapshotIfDue} once the snapshot interval has passed
 * without one. Each snapshot has a time of its own (later than the one before), which is how the
 * routing writer tells snapshots apart and gives each a file.
 */
public final class AudienceSegmentService {

  private final AudienceSegmentRepository segments;
  private final EventLog log;
  private final InstantSource clock;
  private final Duration snapshotInterval;
  private final Object snapshots = new Object();
  private Instant lastSnapshot; // guarded by snapshots; null until the first one of this run

  public AudienceSegmentService(
      AudienceSegmentRepository segments,
      EventLog log,
      InstantSource clock,
      Duration snapshotInterval) {
    this.segments = Objects.requireNonNull(segments, "segments is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.snapshotInterval = Objects.requireNonNull(snapshotInterval, "snapshotInterval is null");
    if (snapshotInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "the segment snapshot interval must be at least 1s, got " + snapshotInterval);
    }
  }

  /** The interval after which the list is routed again although nothing changed. */
  public Duration snapshotInterval() {
    return snapshotInterval;
  }

  public List<AudienceSegment> list() {
    return segments.list();
  }

  public AudienceSegment get(UUID id) {
    return segments.find(id).orElseThrow(() -> notFound(id));
  }

  /** Creates or replaces {@code segment}; its code must not belong to another segment. */
  public AudienceSegment save(AudienceSegment segment) {
    if (!segments.save(segment, clock.instant(), this::route)) {
      throw new ConflictException(
          "segment code "
              + segment.code()
              + " belongs to another segment: choose a free code (GET /api/v1/segments lists them)");
    }
    return segment;
  }

  /** Deletes the segment with {@code id}. */
  public void delete(UUID id) {
    if (!segments.delete(id, this::route)) {
      throw notFound(id);
    }
  }

  /**
   * Routes the current list again when no snapshot was routed for the snapshot interval (or none
   * yet in this run); a scheduler calls it, and tests may with a clock of their own. Returns
   * whether it routed one.
   */
  public boolean resnapshotIfDue() {
    synchronized (snapshots) {
      if (lastSnapshot != null && clock.instant().isBefore(lastSnapshot.plus(snapshotInterval))) {
        return false;
      }
    }
    segments.snapshot(this::route);
    return true;
  }

  /**
   * Called inside the change's transaction, which holds the segments table lock: snapshots are
   * appended one at a time, in commit order.
   */
  private void route(List<AudienceSegment> all) {
    synchronized (snapshots) {
      Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
      if (lastSnapshot != null && !time.isAfter(lastSnapshot)) {
        time = lastSnapshot.plus(1, ChronoUnit.MICROS);
      }
      // No segment, no record: an empty list cannot be written as a file.
      if (!all.isEmpty()) {
        log.append(new AudienceSegmentSnapshot(time, all).toLogEntries());
      }
      lastSnapshot = time;
    }
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException(
        "no segment with id " + id + ": GET /api/v1/segments lists the segments");
  }
}
