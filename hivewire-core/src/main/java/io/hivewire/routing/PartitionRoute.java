package io.hivewire.routing;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing state of one log partition that this member of the group owns: its writer, the files
 * cut but not yet recorded, the recorded cuts whose files are uploading, and its offsets.
 *
 * <p>Files are cut a whole partition at a time: when any file is due, every open file rolls at one
 * cut offset, and the cut is recorded in the commit metadata (with the committed offset unchanged)
 * before any of its files uploads. Between two cuts the records alone decide the files (one per
 * type and hour, plus size rolls and open-file rolls that depend only on the records), so the next
 * owner, reading the same records between the same cuts, re-creates the same files under the same
 * keys. The committed offset moves to a cut only once every file below it is in the bucket.
 *
 * <p>Only the routing thread calls it, except {@link #uploaded}, {@link #committed}, {@link #lag}
 * and {@link #partition}, which any thread may call.
 */
final class PartitionRoute implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionRoute.class);

  /** The files of one recorded cut, each removed from {@code waiting} once it is in the bucket. */
  private record Segment(CutPoint cut, Set<String> waiting) {}

  /** Files cut at {@code cut}, to be uploaded once {@code metadata} is committed. */
  record PreparedCut(CutPoint cut, List<NamedFile> files, String metadata) {}

  private final LogPartition partition;
  private final Path spillDir;
  private final BlockGzip gzip;
  private final RotationPolicy current;
  private final ObjectNamer namer;
  private final List<ClosedFile> uncut = new ArrayList<>(0);
  private final Deque<Segment> uploading = new ConcurrentLinkedDeque<>();
  private final Deque<CutPoint> toRecreate = new ConcurrentLinkedDeque<>();
  private PartitionedWriter writer;
  private RotationPolicy cutsPolicy;
  private boolean resumed;
  private long nextOffset;
  private long drainTarget = -1;
  private volatile long committed;
  private volatile long endOffset = -1;

  PartitionRoute(
      LogPartition partition,
      Path spillDir,
      BlockGzip gzip,
      RotationPolicy current,
      ObjectNamer namer) {
    this.partition = Objects.requireNonNull(partition, "partition is null");
    this.spillDir = Objects.requireNonNull(spillDir, "spillDir is null");
    this.gzip = Objects.requireNonNull(gzip, "gzip is null");
    this.current = Objects.requireNonNull(current, "current is null");
    this.namer = Objects.requireNonNull(namer, "namer is null");
    this.cutsPolicy = current;
  }

  LogPartition partition() {
    return partition;
  }

  /** Whether {@link #resume} has not run yet: the route does not know where to start. */
  boolean needsResume() {
    return !resumed;
  }

  /**
   * Starts from the group's committed position: the recorded cuts above it are re-created, with the
   * limits they were cut under, before anything new is cut.
   */
  void resume(CommittedPosition position) {
    RecordedCuts recorded = RecordedCuts.parse(position.metadata(), current);
    cutsPolicy = recorded.policy(current);
    committed = position.offset();
    nextOffset = position.offset();
    toRecreate.addAll(recorded.cuts());
    writer = new PartitionedWriter(spillDir, gzip, cutsPolicy);
    resumed = true;
    if (!recorded.cuts().isEmpty()) {
      LOG.info(
          "{}: re-creating the files of {} recorded cuts above offset {} ({})",
          partition,
          recorded.cuts().size(),
          committed,
          position.metadata());
    }
  }

  long nextOffset() {
    return nextOffset;
  }

  /**
   * Writes a batch read from {@link #nextOffset}; {@code position} is where the log's next read
   * continues. Returns the files of recorded cuts that the batch completed, named with their
   * cutters' ids: they were recorded before, so they may upload at once.
   */
  List<NamedFile> write(List<LogRecord> batch, Instant now, long position) {
    List<NamedFile> recreated = new ArrayList<>(0);
    for (LogRecord record : batch) {
      while (!toRecreate.isEmpty() && record.offset() >= toRecreate.peekFirst().offset()) {
        recreated.addAll(recreate(toRecreate.pollFirst()));
      }
      uncut.addAll(writer.write(record, now));
      nextOffset = record.offset() + 1;
    }
    nextOffset = Math.max(nextOffset, position);
    while (!toRecreate.isEmpty() && nextOffset >= toRecreate.peekFirst().offset()) {
      recreated.addAll(recreate(toRecreate.pollFirst()));
    }
    if (writer.openPartitions() == 0 && uncut.isEmpty() && nextOffset >= drainTarget) {
      drainTarget = -1; // nothing open to close
    }
    return recreated;
  }

  private List<NamedFile> recreate(CutPoint cut) {
    List<ClosedFile> files = rollAll(RollReason.RECOVERED);
    if (toRecreate.isEmpty() && !cutsPolicy.equals(current)) {
      // Every recorded cut is re-created and the writer is empty: new files follow today's limits.
      writer = new PartitionedWriter(spillDir, gzip, current);
    }
    List<NamedFile> named = name(files, namer.withWorker(cut.worker()));
    uploading.add(segment(cut, named));
    return named;
  }

  private List<ClosedFile> rollAll(RollReason reason) {
    List<ClosedFile> files = new ArrayList<>(uncut);
    uncut.clear();
    files.addAll(writer.rollAll(reason));
    return files;
  }

  private List<NamedFile> name(List<ClosedFile> files, ObjectNamer by) {
    return files.stream()
        .map(f -> new NamedFile(f, by.key(f.range(), f.firstRecordTime(), partition.number())))
        .toList();
  }

  private static Segment segment(CutPoint cut, List<NamedFile> files) {
    Set<String> waiting = ConcurrentHashMap.newKeySet();
    files.forEach(f -> waiting.add(f.key()));
    return new Segment(cut, waiting);
  }

  /** Closes every open file once everything below {@code target} is read. */
  void drainTo(long target) {
    drainTarget = Math.max(drainTarget, target);
  }

  /** The log end this route last heard of, which decides when a snapshot is complete, and lag. */
  void endOffset(long value) {
    endOffset = value;
  }

  /**
   * Why the open files should be cut now (empty when they should not): a file closed by size or to
   * make room, a file open for the flush interval, a snapshot read up to the log's end, or a drain.
   */
  Optional<RollReason> dueCut(Instant now) {
    if (!toRecreate.isEmpty()) {
      return Optional.empty();
    }
    if (!uncut.isEmpty()) {
      return Optional.of(uncut.getFirst().reason());
    }
    if (writer.openPartitions() == 0) {
      return Optional.empty();
    }
    if (drainTarget >= 0 && nextOffset >= drainTarget) {
      return Optional.of(RollReason.SHUTDOWN);
    }
    Optional<Instant> oldest = writer.oldestOpenedAt();
    if (oldest.isPresent()
        && Duration.between(oldest.get(), now).compareTo(current.flushInterval()) >= 0) {
      return Optional.of(RollReason.AGE);
    }
    if (writer.holdsSnapshot() && endOffset >= 0 && nextOffset >= endOffset) {
      return Optional.of(RollReason.SNAPSHOT);
    }
    return Optional.empty();
  }

  /**
   * Whether a new cut may be recorded now: not before every recorded cut is re-created, not beyond
   * {@link RecordedCuts#MAX_CUTS} cuts waiting for uploads, and not beside cuts made under other
   * limits (the metadata holds one set of limits).
   */
  boolean canCut() {
    return toRecreate.isEmpty()
        && uploading.size() < RecordedCuts.MAX_CUTS
        && (uploading.isEmpty() || cutsPolicy.equals(current));
  }

  /** Whether reading should pause: a cut is due but cannot be recorded until uploads finish. */
  boolean holdsBack(Instant now) {
    return !canCut() && toRecreate.isEmpty() && dueCut(now).isPresent();
  }

  /**
   * Rolls every open file at the current offset, named by this worker; the caller commits the
   * metadata, then hands the cut to {@link #recorded}, or to {@link #abandon} when the commit
   * failed.
   */
  PreparedCut prepareCut(RollReason reason) {
    if (nextOffset >= drainTarget) {
      drainTarget = -1;
    }
    CutPoint cut = new CutPoint(nextOffset, namer.worker());
    List<NamedFile> files = name(rollAll(reason), namer);
    List<CutPoint> cuts = new ArrayList<>(uploading.stream().map(Segment::cut).toList());
    cuts.add(cut);
    String metadata =
        new RecordedCuts(current.maxFileBytes(), current.maxOpenPartitions(), cuts).encode();
    return new PreparedCut(cut, files, metadata);
  }

  /** The cut is committed: its files may upload, and each holds back the committed offset. */
  void recorded(PreparedCut cut) {
    cutsPolicy = current;
    uploading.add(segment(cut.cut(), cut.files()));
  }

  /** The cut's commit failed: its files are deleted unread; their records are read again. */
  static void abandon(PreparedCut cut) {
    cut.files().forEach(f -> deleteQuietly(f.file().spill()));
  }

  /** The file {@code key} is in the bucket; called on the upload's thread. */
  void uploaded(String key) {
    for (Segment segment : uploading) {
      if (segment.waiting().remove(key)) {
        return;
      }
    }
  }

  /**
   * Where the group may commit now, with the cuts still waiting as metadata; empty when that is
   * where it already is. Every file below it is in the bucket.
   */
  Optional<CommittedPosition> committable() {
    long offset = committed;
    List<CutPoint> waiting = new ArrayList<>();
    boolean done = true;
    for (Segment segment : uploading) {
      if (done && segment.waiting().isEmpty()) {
        offset = segment.cut().offset();
      } else {
        done = false;
        waiting.add(segment.cut());
      }
    }
    waiting.addAll(toRecreate);
    if (waiting.isEmpty() && uncut.isEmpty() && writer.openPartitions() == 0) {
      offset = Math.max(offset, nextOffset);
    }
    if (offset <= committed) {
      return Optional.empty();
    }
    String metadata =
        new RecordedCuts(cutsPolicy.maxFileBytes(), cutsPolicy.maxOpenPartitions(), waiting)
            .encode();
    return Optional.of(new CommittedPosition(offset, metadata));
  }

  /** The group committed {@code offset}: the cuts at or below it are done. */
  void committedAt(long offset) {
    while (!uploading.isEmpty() && uploading.peekFirst().cut().offset() <= offset) {
      uploading.pollFirst();
    }
    committed = offset;
  }

  /** The first offset not known to be in the bucket (the group's committed offset). */
  long committed() {
    return committed;
  }

  /** Records between the group's committed offset and the log's end (zero before it is known). */
  long lag() {
    long end = endOffset;
    return end < 0 ? 0 : Math.max(0, end - committed);
  }

  int openPartitions() {
    return writer == null ? 0 : writer.openPartitions() + uncut.size();
  }

  Optional<Instant> oldestOpenedAt() {
    Optional<Instant> oldest = writer == null ? Optional.empty() : writer.oldestOpenedAt();
    for (ClosedFile file : uncut) {
      if (oldest.isEmpty() || file.openedAt().isBefore(oldest.get())) {
        oldest = Optional.of(file.openedAt());
      }
    }
    return oldest;
  }

  /**
   * Discards the open and unrecorded files (their records are read again by whoever owns the
   * partition next); uploads of recorded cuts go on or are abandoned, both safe with fixed keys.
   */
  @Override
  public void close() {
    uncut.forEach(f -> deleteQuietly(f.spill()));
    uncut.clear();
    if (writer != null) {
      writer.close();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete spill file {}: {}", file, e.toString());
    }
  }
}
