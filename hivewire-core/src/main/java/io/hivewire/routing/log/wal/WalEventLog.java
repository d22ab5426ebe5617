package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.wal.SegmentFiles.ReadPosition;
import io.hivewire.routing.log.wal.SegmentFiles.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default event log: a local write-ahead log of segment files with group commit. Thread-safe:
 * any number of threads may append and read at once; each {@link EventLog.Consumer} is for one
 * thread at a time. One process at a time may open a directory. It is one partition, {@link
 * #PARTITION}, assigned to the one open member of each group: keys only name users, since the whole
 * log is in order anyway.
 */
public final class WalEventLog implements EventLog {

  /** The only partition of a local log. */
  public static final LogPartition PARTITION = new LogPartition("local", 0);

  private static final String LOCK_FILE = ".lock";

  private final WalSettings settings;
  private final FileChannel lockChannel;
  private final SegmentFiles files;
  private final DurableWatermark watermark;
  private final GroupCommitter committer;
  private final ConsumerPositions positions;

  /** Guards the groups' positions against reclamation running between a look-up and a change. */
  private final Object consumers = new Object();

  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object peekLock = new Object();
  private ReadBuffer peekBuffer;

  private WalEventLog(
      WalSettings settings,
      FileChannel lockChannel,
      SegmentFiles files,
      ConsumerPositions positions) {
    this.settings = settings;
    this.lockChannel = lockChannel;
    this.files = files;
    this.positions = positions;
    this.watermark = new DurableWatermark(files.nextOffset());
    this.committer =
        new GroupCommitter(
            files,
            watermark,
            settings,
            Thread.ofPlatform().name("wal-writer " + settings.directory()).daemon().factory());
  }

  /**
   * Opens (creating if needed) the log in {@code settings.directory()}, cutting off a tail that a
   * crash left half-written.
   */
  public static WalEventLog open(WalSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    Path directory = settings.directory();
    FileChannel lockChannel = null;
    SegmentFiles files = null;
    try {
      Files.createDirectories(directory);
      lockChannel =
          FileChannel.open(
              directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel);
      if (lock == null) {
        throw new IllegalStateException(
            "the event log in "
                + directory
                + " is already open (in this or another process): stop the other one, or give this one its"
                + " own data directory");
      }
      ConsumerPositions positions = ConsumerPositions.load(directory.resolve("consumers"));
      files = SegmentFiles.open(directory, settings.segmentBytes());
      // A crash between a commit and its deletions leaves segments that are no longer needed.
      OptionalLong lowest = positions.lowest();
      if (lowest.isPresent()) {
        files.deleteBelow(lowest.getAsLong());
      }
      return new WalEventLog(settings, lockChannel, files, positions);
    } catch (IOException | RuntimeException e) {
      closeQuietly(files, e);
      closeQuietly(lockChannel, e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open the event log in " + directory, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void closeQuietly(AutoCloseable resource, Exception cause) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Invalid entries and a full log throw here, before anything is queued. Blocks while {@link
   * WalSettings#maxPendingAppends()} appends already wait for the writer.
   */
  @Override
  public CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    List<LogEntry> copy = List.copyOf(entries);
    requireOpen();
    long frameBytes = 0;
    for (LogEntry entry : copy) {
      if (entry.payload().length > RecordCodec.MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            "a "
                + entry.type().wireName()
                + " record of "
                + entry.payload().length
                + " bytes is larger than the event log accepts ("
                + RecordCodec.MAX_PAYLOAD_BYTES
                + " bytes): split it");
      }
      frameBytes += RecordCodec.frameSize(entry);
    }
    if (copy.isEmpty()) {
      return CompletableFuture.completedFuture(watermark.get());
    }
    return committer.submit(copy, frameBytes);
  }

  /**
   * The offset after the last durable record, so that while appends are in flight the next one may
   * get a later offset.
   */
  public long endOffset() {
    return watermark.get();
  }

  /** The lowest offset still stored: reads below it fail, its segment having been reclaimed. */
  public long startOffset() {
    requireOpen();
    return files.startOffset();
  }

  @Override
  public List<LogPartition> partitions() {
    return List.of(PARTITION);
  }

  @Override
  public long endOffset(LogPartition partition) {
    requireLocal(partition);
    return endOffset();
  }

  private static void requireLocal(LogPartition partition) {
    if (!PARTITION.equals(partition)) {
      throw new IllegalArgumentException(
          "the local event log has one partition, " + PARTITION + ", not " + partition);
    }
  }

  @Override
  public Optional<LogRecord> recordAt(LogPartition partition, long offset) {
    requireLocal(partition);
    requireOpen();
    long end = watermark.get();
    // One buffer for every such read, made at the first: they are rare (status requests), and a
    // buffer is 1 MiB.
    synchronized (peekLock) {
      if (offset < files.startOffset() || offset >= end) {
        return Optional.empty();
      }
      if (peekBuffer == null) {
        peekBuffer = new ReadBuffer();
      }
      try {
        return files.read(offset, end, 1, ReadPosition.NONE, peekBuffer).records().stream()
            .findFirst();
      } catch (IllegalArgumentException e) {
        // Its segment was reclaimed since the check above: the log no longer holds the record.
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the event log in " + settings.directory() + " at offset " + offset, e);
      }
    }
  }

  @Override
  public long sizeBytes() {
    return files.sizeBytes();
  }

  /** How many times segment data has been forced to disk: one per group of appends. */
  public long syncCount() {
    return files.syncCount();
  }

  @Override
  public void addGroup(String group) {
    ConsumerPositions.requireValidId(group);
    requireOpen();
    synchronized (consumers) {
      // From the start of what is retained: records appended while no destination existed are
      // delivered to the first one, not skipped.
      positions.register(group, files.startOffset());
    }
  }

  @Override
  public CommittedPosition committed(String group, LogPartition partition) {
    requireLocal(partition);
    ConsumerPositions.requireValidId(group);
    requireOpen();
    synchronized (consumers) {
      return positions.contains(group)
          ? positions.committed(group)
          : CommittedPosition.at(files.startOffset());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here every member owns the only partition from the start: the log lives on one node, so
   * there is no one to share it with.
   */
  @Override
  public Consumer consumer(String group, AssignmentListener listener) {
    Objects.requireNonNull(listener, "listener is null");
    addGroup(group);
    return new WalConsumer(this, group, listener);
  }

  @Override
  public void removeGroup(String group) {
    ConsumerPositions.requireValidId(group);
    requireOpen();
    synchronized (consumers) {
      positions.remove(group);
    }
    reclaim();
  }

  CommittedPosition committed(String id) {
    return positions.committed(id);
  }

  void commit(String id, CommittedPosition position) {
    requireOpen();
    synchronized (consumers) {
      positions.commit(id, position, watermark.get());
    }
    reclaim();
  }

  /**
   * Deletes the segments every consumer has committed past. With no consumer, nothing is deleted:
   * records are only ever given up once something has delivered them.
   */
  private void reclaim() {
    // Under the consumers' lock, so that a consumer registered at the start offset meanwhile is
    // never left below what gets deleted.
    synchronized (consumers) {
      OptionalLong lowest = positions.lowest();
      if (lowest.isEmpty()) {
        return;
      }
      try {
        files.deleteBelow(lowest.getAsLong());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot delete reclaimed event log segments in " + settings.directory(), e);
      }
    }
  }

  ReadResult read(long from, int max, Duration wait, ReadPosition hint, ReadBuffer reader) {
    Objects.requireNonNull(wait, "wait is null");
    if (max < 1) {
      throw new IllegalArgumentException("maxRecords is " + max + ": read at least 1");
    }
    requireOpen();
    long end = watermark.get();
    if (from > end) {
      throw new IllegalArgumentException(
          "offset " + from + " is beyond the end of the event log (" + end + ")");
    }
    end = watermark.awaitAbove(from, wait);
    requireOpen();
    if (from >= end) {
      return new ReadResult(List.of(), hint);
    }
    try {
      return files.read(from, end, max, hint, reader);
    } catch (IOException e) {
      requireOpen();
      throw new UncheckedIOException(
          "cannot read the event log in " + settings.directory() + " at offset " + from, e);
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the event log in " + settings.directory() + " is closed");
    }
  }

  /**
   * Stops accepting appends, writes and acknowledges those already queued, wakes waiting readers
   * and closes the files. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    committer.close();
    watermark.close();
    try {
      try {
        files.close();
      } finally {
        lockChannel.close(); // releases the directory lock
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the event log in " + settings.directory(), e);
    }
  }
}
