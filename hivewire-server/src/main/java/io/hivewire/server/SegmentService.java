package io.hivewire.server;

import io.hivewire.collect.Segment;
import io.hivewire.collect.SegmentSnapshot;
import io.hivewire.routing.log.EventLog;
import io.hivewire.store.SegmentRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Segment metadata: every change routes a full snapshot of the segments, durable in the log before
 * the change commits.
 */
public final class SegmentService {

  private final SegmentRepository segments;
  private final EventLog log;
  private final InstantSource clock;

  public SegmentService(SegmentRepository segments, EventLog log, InstantSource clock) {
    this.segments = Objects.requireNonNull(segments, "segments is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  public List<Segment> list() {
    return segments.list();
  }

  public Segment get(UUID id) {
    return segments.find(id).orElseThrow(() -> notFound(id));
  }

  /** Creates or replaces {@code segment}; its code must not belong to another segment. */
  public Segment save(Segment segment) {
    Instant now = clock.instant();
    if (!segments.save(segment, now, all -> route(all, now))) {
      throw new ConflictException(
          "segment code "
              + segment.code()
              + " belongs to another segment: choose a free code (GET /api/v1/segments lists them)");
    }
    return segment;
  }

  /** Deletes the segment with {@code id}. */
  public void delete(UUID id) {
    Instant now = clock.instant();
    if (!segments.delete(id, all -> route(all, now))) {
      throw notFound(id);
    }
  }

  /** Routes the current list again, e.g. daily, so the newest snapshot is never old. */
  public void snapshot() {
    Instant now = clock.instant();
    route(segments.list(), now);
  }

  private void route(List<Segment> all, Instant time) {
    if (!all.isEmpty()) {
      log.append(new SegmentSnapshot(time, all).toLogEntries());
    }
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException(
        "no segment with id " + id + ": GET /api/v1/segments lists the segments");
  }
}
