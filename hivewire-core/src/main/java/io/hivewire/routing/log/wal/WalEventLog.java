package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default event log: a local write-ahead log of segment files with group commit. Thread-safe:
 * any number of threads may append and read at once; each {@link EventLog.Consumer} is for one
 * thread at a time. One process at a time may open a directory.
 */
public final class WalEventLog implements EventLog {

  private static final String LOCK_FILE = ".lock";

  private final WalSettings settings;
  private final FileChannel lockChannel;
  private final SegmentFiles files;
  private final DurableWatermark watermark;
  private final GroupCommitter committer;
  private final ConsumerOffsets offsets;
  private final Map<String, Long> committed;
  private final Map<String, WalConsumer> consumers = new HashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private WalEventLog(
      WalSettings settings,
      FileChannel lockChannel,
      SegmentFiles files,
      ConsumerOffsets offsets,
      Map<String, Long> committed) {
    this.settings = settings;
    this.lockChannel = lockChannel;
    this.files = files;
    this.offsets = offsets;
    this.committed = new HashMap<>(committed);
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
                + " is already open in another process: stop it, or give this one its own data"
                + " directory");
      }
      files = SegmentFiles.open(directory, settings.segmentBytes());
      ConsumerOffsets offsets = new ConsumerOffsets(directory.resolve("consumers"));
      return new WalEventLog(settings, lockChannel, files, offsets, offsets.load());
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
   * <p>Blocks while {@link WalSettings#maxPendingAppends()} appends already wait for the writer.
   */
  @Override
  public long append(List<LogEntry> entries) {
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
      return watermark.get();
    }
    long size = files.sizeBytes();
    if (size + frameBytes > settings.maxBytes()) {
      throw GroupCommitter.logFull(settings.maxBytes(), size, frameBytes);
    }
    try {
      return committer.submit(copy, frameBytes).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        // Rethrown as a new exception of the same kind would lose the writer's stack: the
        // caller's own stack is kept as a suppressed exception instead.
        cause.addSuppressed(new Exception("appended from here"));
        throw cause;
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the offset after the last durable record, so that while appends are in flight the next
   * one may get a later offset.
   */
  @Override
  public long endOffset() {
    return watermark.get();
  }

  @Override
  public long startOffset() {
    requireOpen();
    return files.startOffset();
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
  public Consumer consumer(String id) {
    ConsumerOffsets.requireValidId(id);
    requireOpen();
    synchronized (consumers) {
      WalConsumer existing = consumers.get(id);
      if (existing != null) {
        return existing;
      }
      if (!committed.containsKey(id)) {
        store(id, watermark.get());
      }
      WalConsumer consumer = new WalConsumer(id);
      consumers.put(id, consumer);
      return consumer;
    }
  }

  @Override
  public void removeConsumer(String id) {
    ConsumerOffsets.requireValidId(id);
    requireOpen();
    synchronized (consumers) {
      try {
        offsets.delete(id);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove event log consumer '" + id + "'", e);
      }
      committed.remove(id);
      consumers.remove(id);
      reclaim();
    }
  }

  private void commit(String id, long offset) {
    requireOpen();
    synchronized (consumers) {
      Long previous = committed.get(id);
      if (previous == null || consumers.get(id) == null) {
        throw new IllegalStateException(
            "event log consumer '" + id + "' was removed: get it again with consumer(id)");
      }
      long end = watermark.get();
      if (offset < previous || offset > end) {
        throw new IllegalArgumentException(
            "consumer '"
                + id
                + "' cannot commit offset "
                + offset
                + ": commits move forward from "
                + previous
                + " and stay at or below the end of the log, "
                + end);
      }
      if (offset == previous) {
        return;
      }
      store(id, offset);
      reclaim();
    }
  }

  private void store(String id, long offset) {
    try {
      offsets.store(id, offset);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store the position of event log consumer '" + id + "'", e);
    }
    committed.put(id, offset);
  }

  /** Deletes segments every consumer has committed past; none while there is no consumer. */
  private void reclaim() {
    long lowest = committed.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    if (lowest <= 0) {
      return;
    }
    try {
      files.deleteBelow(lowest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete reclaimed event log segments in " + settings.directory(), e);
    }
  }

  private ReadResult read(long from, int max, Duration wait, ReadPosition hint) {
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
      return files.read(from, end, max, hint);
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

  /** A consumer's view: its committed position and where its last read stopped. */
  private final class WalConsumer implements Consumer {

    private final String id;
    private ReadPosition next = ReadPosition.NONE;

    private WalConsumer(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public long committedOffset() {
      synchronized (consumers) {
        Long offset = committed.get(id);
        if (offset == null) {
          throw new IllegalStateException(
              "event log consumer '" + id + "' was removed: get it again with consumer(id)");
        }
        return offset;
      }
    }

    @Override
    public List<LogRecord> read(long fromOffset, int maxRecords, Duration wait) {
      ReadResult result = WalEventLog.this.read(fromOffset, maxRecords, wait, next);
      next = result.next();
      return result.records();
    }

    @Override
    public void commit(long offset) {
      WalEventLog.this.commit(id, offset);
    }
  }
}
