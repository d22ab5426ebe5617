package io.hivewire.routing;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes records to one open file per partition (type and hour of the record's time) and closes
 * files as the {@link RotationPolicy} decides. All per-file state lives in the {@link OpenFile};
 * the map keeps opening order, so the oldest file is the first. A file of a snapshot type holds
 * exactly one snapshot: it closes when the snapshot ends, never by size, age or room. Not
 * thread-safe: one owner drives it.
 */
final class PartitionedWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionedWriter.class);

  private static final long SECONDS_PER_HOUR = 3600;

  /** Snapshot types are not partitioned by hour: each has this one partition. */
  private static final List<PartitionKey> SNAPSHOT_PARTITIONS =
      Arrays.stream(RecordType.values())
          .filter(RecordType::snapshots)
          .map(type -> new PartitionKey(type, Optional.empty()))
          .toList();

  private final Path spillDir;
  private final BlockGzip gzip;
  private final RotationPolicy policy;
  private final Map<PartitionKey, OpenFile> open = new LinkedHashMap<>();
  private PartitionKey lastPartition;
  private long lastHour;

  /** A writer whose files compress on {@code gzip}, which stays the caller's to close. */
  public PartitionedWriter(Path spillDir, BlockGzip gzip, RotationPolicy policy) {
    this.spillDir = Objects.requireNonNull(spillDir, "spillDir is null");
    this.policy = Objects.requireNonNull(policy, "policy is null");
    this.gzip = Objects.requireNonNull(gzip, "gzip is null");
    try {
      Files.createDirectories(spillDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create spill directory " + spillDir + ": " + e, e);
    }
  }

  /**
   * Writes {@code record} into its partition's file, opening one if needed, and returns the files
   * that closed because of it (the file reached its size, or the oldest made room).
   */
  public List<ClosedFile> write(LogRecord record, Instant now) {
    PartitionKey partition = partitionOf(record);
    List<ClosedFile> closed = new ArrayList<>(0);
    closeSnapshotsEndedBy(record, partition, closed);
    OpenFile file = open.get(partition);
    if (file == null) {
      file = OpenFile.create(partition, spillDir.resolve(record.offset() + ".jsonl.gz"), gzip, now);
      open.put(partition, file);
      closeOldestWhileTooMany(now, closed);
    }
    file.append(record);
    if (!record.type().snapshots() && file.uncompressedBytes() >= policy.maxFileBytes()) {
      open.remove(partition);
      closed.add(roll(file, RollReason.SIZE));
    }
    return closed;
  }

  /** The record's partition; consecutive records mostly share an hour, so the last one is kept. */
  private PartitionKey partitionOf(LogRecord record) {
    long hour = Math.floorDiv(record.time().getEpochSecond(), SECONDS_PER_HOUR);
    if (lastPartition == null || hour != lastHour || record.type() != lastPartition.type()) {
      lastPartition = PartitionKey.of(record);
      lastHour = hour;
    }
    return lastPartition;
  }

  /**
   * A snapshot is appended in one call, so its records are contiguous in the log and share one
   * time: any record that is not of the same snapshot ends the open one. The check looks at the
   * snapshot partitions only, so it costs the same however many hourly files are open.
   */
  private void closeSnapshotsEndedBy(
      LogRecord record, PartitionKey partition, List<ClosedFile> closed) {
    for (PartitionKey snapshotPartition : SNAPSHOT_PARTITIONS) {
      OpenFile file = open.get(snapshotPartition);
      boolean sameSnapshot =
          snapshotPartition.equals(partition)
              && file != null
              && file.firstRecordTime().equals(record.time());
      if (file != null && file.records() > 0 && !sameSnapshot) {
        open.remove(snapshotPartition);
        closed.add(roll(file, RollReason.SNAPSHOT));
      }
    }
  }

  /**
   * Closes the open snapshot files. Call it only when the log has been read up to its durable end:
   * appends become visible whole, so every snapshot read is then complete.
   */
  public List<ClosedFile> rollSnapshots() {
    List<ClosedFile> closed = new ArrayList<>(0);
    for (PartitionKey snapshotPartition : SNAPSHOT_PARTITIONS) {
      OpenFile file = open.get(snapshotPartition);
      if (file != null && file.records() > 0) {
        open.remove(snapshotPartition);
        closed.add(roll(file, RollReason.SNAPSHOT));
      }
    }
    return closed;
  }

  /** Whether a snapshot file is open (it closes when the snapshot ends). */
  public boolean holdsSnapshot() {
    return SNAPSHOT_PARTITIONS.stream().anyMatch(open::containsKey);
  }

  private static boolean isSnapshot(OpenFile file) {
    return file.partition().type().snapshots();
  }

  private void closeOldestWhileTooMany(Instant now, List<ClosedFile> closed) {
    Iterator<OpenFile> oldestFirst = open.values().iterator();
    while (open.size() > policy.maxOpenPartitions() && oldestFirst.hasNext()) {
      OpenFile oldest = oldestFirst.next();
      if (oldest.records() == 0 || isSnapshot(oldest)) {
        continue;
      }
      Optional<RollReason> reason =
          policy.decide(oldest.age(now), oldest.uncompressedBytes(), open.size());
      if (reason.isPresent()) {
        oldestFirst.remove();
        closed.add(roll(oldest, reason.get()));
      }
    }
  }

  /**
   * Closes every file that the policy says is due at {@code now} (by age, even with no records).
   */
  public List<ClosedFile> rollDue(Instant now) {
    List<ClosedFile> closed = new ArrayList<>(0);
    Iterator<OpenFile> files = open.values().iterator();
    while (files.hasNext()) {
      OpenFile file = files.next();
      if (isSnapshot(file)) {
        continue;
      }
      Optional<RollReason> reason =
          policy.decide(file.age(now), file.uncompressedBytes(), open.size());
      if (reason.isPresent()) {
        files.remove();
        closed.add(roll(file, reason.get()));
      }
    }
    return closed;
  }

  /** Closes every open file for {@code reason}. */
  public List<ClosedFile> rollAll(RollReason reason) {
    List<ClosedFile> closed = new ArrayList<>(open.size());
    for (OpenFile file : open.values()) {
      closed.add(roll(file, reason));
    }
    open.clear();
    return closed;
  }

  private static ClosedFile roll(OpenFile file, RollReason reason) {
    ClosedFile closed = file.finish(reason);
    LOG.info(
        "rolled {} offsets {}..{} ({} records, {} bytes, {} gzip) because {}",
        closed.range().partition(),
        closed.range().firstOffset(),
        closed.range().lastOffset(),
        closed.records(),
        closed.size().uncompressedBytes(),
        closed.size().compressedBytes(),
        reason);
    return closed;
  }

  /** The first offset of the oldest record in an open file, which the log must keep. */
  public OptionalLong lowestOpenOffset() {
    return open.values().stream().mapToLong(OpenFile::firstOffset).min();
  }

  /** When the oldest open file was opened. */
  public Optional<Instant> oldestOpenedAt() {
    return open.values().stream().map(OpenFile::openedAt).min(Instant::compareTo);
  }

  public int openPartitions() {
    return open.size();
  }

  /** Discards every open file: their records stay in the log and will be read again. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (OpenFile file : open.values()) {
      try {
        file.discard();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
