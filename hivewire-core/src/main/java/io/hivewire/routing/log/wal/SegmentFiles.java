package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * The ordered segment files of one log directory. The writer thread appends, rolls and forces;
 * readers and reclamation run on any thread. The set of segments is guarded by a read-write lock so
 * that a segment is never deleted under a reader.
 */
final class SegmentFiles implements AutoCloseable {

  private static final int WRITE_BUFFER_BYTES = 1024 * 1024;

  private final Path directory;
  private final long segmentBytes;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final AtomicLong sizeBytes = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();
  private Segment active;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
  private long nextOffset;

  private SegmentFiles(Path directory, long segmentBytes) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
  }

  /**
   * Opens the segments under {@code directory}: earlier ones as sealed, the last one recovered (its
   * torn or corrupt tail cut off); creates the first segment of an empty log.
   */
  static SegmentFiles open(Path directory, long segmentBytes) throws IOException {
    SegmentFiles files = new SegmentFiles(directory, segmentBytes);
    List<Long> bases;
    try (Stream<Path> list = Files.list(directory)) {
      bases = list.map(Segment::baseOffsetOf).flatMap(java.util.Optional::stream).sorted().toList();
    }
    try {
      for (int i = 0; i < bases.size(); i++) {
        long base = bases.get(i);
        Path file = directory.resolve(Segment.fileName(base));
        Segment segment =
            i == bases.size() - 1
                ? Segment.recover(file, base)
                : Segment.sealed(file, base, bases.get(i + 1));
        files.segments.put(base, segment);
        files.sizeBytes.addAndGet(segment.size());
      }
      if (files.segments.isEmpty()) {
        files.segments.put(0L, Segment.create(directory, 0));
      }
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
    files.active = files.segments.lastEntry().getValue();
    files.nextOffset = files.active.nextOffset();
    return files;
  }

  /** The offset the next appended record gets. Writer thread only. */
  long nextOffset() {
    return nextOffset;
  }

  long startOffset() {
    lock.readLock().lock();
    try {
      return segments.firstKey();
    } finally {
      lock.readLock().unlock();
    }
  }

  long sizeBytes() {
    return sizeBytes.get();
  }

  /** How many times segment files have been forced to disk. */
  long syncCount() {
    return syncs.get();
  }

  /**
   * Encodes and writes the entries (not yet forced), rolling to a new segment when the active one
   * is full; returns the offset of the first. Writer thread only.
   */
  long append(List<LogEntry> entries) throws IOException {
    long first = nextOffset;
    for (LogEntry entry : entries) {
      int frameBytes = RecordCodec.frameSize(entry);
      long activeBytes = active.size() + buffer.position();
      if (activeBytes > 0 && activeBytes + frameBytes > segmentBytes) {
        roll();
      }
      if (buffer.remaining() < frameBytes) {
        flush();
        if (buffer.capacity() < frameBytes) {
          buffer = ByteBuffer.allocateDirect(frameBytes);
        }
      }
      active.indexFrame(nextOffset, active.size() + buffer.position());
      RecordCodec.encode(nextOffset, entry, buffer);
      nextOffset++;
    }
    return first;
  }

  /** Writes what is buffered and forces the active segment. Writer thread only. */
  void force() throws IOException {
    flush();
    active.force();
    syncs.incrementAndGet();
  }

  private void flush() throws IOException {
    buffer.flip();
    int bytes = buffer.remaining();
    active.write(buffer, nextOffset);
    sizeBytes.addAndGet(bytes);
    buffer.clear();
  }

  /** Seals the active segment (forced, so that recovery only ever needs to scan the last one). */
  private void roll() throws IOException {
    force();
    Segment next = Segment.create(directory, nextOffset);
    lock.writeLock().lock();
    try {
      segments.put(nextOffset, next);
      active = next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Reads up to {@code max} records with offsets in [{@code from}, {@code limit}), starting from
   * {@code hint} when it is where the previous read of this reader stopped.
   */
  ReadResult read(long from, long limit, int max, ReadPosition hint, ReadBuffer reader)
      throws IOException {
    lock.readLock().lock();
    try {
      long start = segments.firstKey();
      if (from < start) {
        throw new IllegalArgumentException(
            "offset "
                + from
                + " is no longer in the event log (it starts at "
                + start
                + "): its segment was reclaimed after every consumer committed past it");
      }
      Map.Entry<Long, Segment> entry = segments.floorEntry(from);
      Segment segment = entry.getValue();
      long position =
          hint.baseOffset() == segment.baseOffset() && hint.offset() == from
              ? hint.position()
              : segment.positionBefore(from);
      List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
      long next = from;
      while (true) {
        position = segment.read(next, limit, position, max - out.size(), out, reader);
        if (!out.isEmpty()) {
          next = out.getLast().offset() + 1;
        }
        if (out.size() >= max || next >= limit) {
          break;
        }
        Map.Entry<Long, Segment> following = segments.higherEntry(segment.baseOffset());
        if (following == null || following.getKey() > next) {
          break;
        }
        segment = following.getValue();
        position = 0;
      }
      return new ReadResult(out, new ReadPosition(segment.baseOffset(), next, position));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Deletes every sealed segment whose records all lie below {@code offset}; returns how many. Safe
   * against readers: it waits for them.
   */
  int deleteBelow(long offset) throws IOException {
    lock.writeLock().lock();
    try {
      int deleted = 0;
      while (segments.size() > 1) {
        Segment first = segments.firstEntry().getValue();
        long firstOfNext = segments.higherKey(first.baseOffset());
        if (first == active || firstOfNext > offset) {
          break;
        }
        long bytes = first.size();
        segments.pollFirstEntry();
        first.delete();
        sizeBytes.addAndGet(-bytes);
        deleted++;
      }
      // No directory fsync: a deletion a crash undoes is done again when the log is opened, and
      // the fsync held the committing routing thread for tens of milliseconds.
      return deleted;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      IOException failure = null;
      for (Segment segment : segments.values()) {
        try {
          segment.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Where a reader's previous read stopped: the frame of {@code offset} starts at {@code position}.
   */
  record ReadPosition(long baseOffset, long offset, long position) {
    static final ReadPosition NONE = new ReadPosition(-1, -1, 0);
  }

  /** Records read and where the next read continues. */
  record ReadResult(List<LogRecord> records, ReadPosition next) {}
}
