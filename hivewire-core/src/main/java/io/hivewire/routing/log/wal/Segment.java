package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.wal.RecordCodec.Corrupt;
import io.hivewire.routing.log.wal.RecordCodec.Decoded;
import io.hivewire.routing.log.wal.RecordCodec.Frame;
import io.hivewire.routing.log.wal.RecordCodec.Incomplete;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One segment file, named by the offset of its first record. Only the writer thread appends; any
 * thread reads, with positional reads, up to the bytes already forced to disk.
 */
final class Segment implements AutoCloseable {

  static final String SUFFIX = ".log";

  /** Recovery reads whole segments, in bigger chunks than a tailing reader. */
  private static final int SCAN_CHUNK_BYTES = 4 * ReadBuffer.CHUNK_BYTES;

  private final Path file;
  private final long baseOffset;
  private final FileChannel channel;
  private final SparseIndex index = new SparseIndex();
  private volatile boolean indexed;
  private volatile long size;
  private volatile long durableSize;
  private volatile long nextOffset;

  private Segment(Path file, long baseOffset, FileChannel channel, long size, long nextOffset) {
    this.file = file;
    this.baseOffset = baseOffset;
    this.channel = channel;
    this.size = size;
    this.durableSize = size;
    this.nextOffset = nextOffset;
  }

  static String fileName(long baseOffset) {
    return String.format(Locale.ROOT, "%020d%s", baseOffset, SUFFIX);
  }

  /** The base offset a segment file name stands for, if it is one. */
  static Optional<Long> baseOffsetOf(Path file) {
    String name = file.getFileName().toString();
    if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(name.substring(0, 20)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Creates an empty segment and makes its directory entry durable. */
  static Segment create(Path directory, long baseOffset) throws IOException {
    Path file = directory.resolve(fileName(baseOffset));
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Directories.force(directory);
    Segment segment = new Segment(file, baseOffset, channel, 0, baseOffset);
    segment.indexed = true;
    return segment;
  }

  /**
   * Opens the segment a crash may have left half-written: verifies every frame and cuts the file
   * after the last good one, so that appends continue from there.
   */
  static Segment recover(Path file, long baseOffset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Segment segment = new Segment(file, baseOffset, channel, channel.size(), baseOffset);
    long validBytes = segment.scan();
    if (validBytes < channel.size()) {
      channel.truncate(validBytes);
      channel.force(true);
    }
    segment.size = validBytes;
    segment.durableSize = validBytes;
    segment.indexed = true;
    return segment;
  }

  /**
   * Opens a segment that was forced before the next one was created; it is verified and indexed on
   * its first read rather than at start-up.
   */
  static Segment sealed(Path file, long baseOffset, long nextOffset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new Segment(file, baseOffset, channel, channel.size(), nextOffset);
  }

  long baseOffset() {
    return baseOffset;
  }

  long nextOffset() {
    return nextOffset;
  }

  long size() {
    return size;
  }

  Path file() {
    return file;
  }

  /** Notes where the frame of {@code offset} will start; called by the writer before writing it. */
  void indexFrame(long offset, long position) {
    index.add(offset, position);
  }

  /** Appends encoded frames ending with the record before {@code nextOffset}. */
  void write(ByteBuffer frames, long nextOffset) throws IOException {
    long position = size;
    while (frames.hasRemaining()) {
      position += channel.write(frames, position);
    }
    size = position;
    this.nextOffset = nextOffset;
  }

  /** Forces the written bytes to disk and lets readers see them. */
  void force() throws IOException {
    long written = size;
    channel.force(false);
    durableSize = written;
  }

  /**
   * Adds to {@code out} up to {@code max} records with offsets in [{@code from}, {@code limit}),
   * reading forced bytes from {@code position}, the start of a frame at or before {@code from}.
   * Returns the position of the first frame not returned.
   */
  long read(long from, long limit, long position, int max, List<LogRecord> out, ReadBuffer reader)
      throws IOException {
    long end = durableSize;
    ByteBuffer buffer = ByteBuffer.allocate(0);
    long bufferStart = position;
    int taken = 0;
    while (taken < max && position < end) {
      if (position >= bufferStart + buffer.limit()) {
        buffer = reader.load(channel, position, Math.min(end - position, ReadBuffer.CHUNK_BYTES));
        bufferStart = position;
      }
      buffer.position((int) (position - bufferStart));
      Decoded decoded = RecordCodec.decode(buffer);
      if (decoded instanceof Incomplete incomplete) {
        if (position + incomplete.frameBytes() > end) {
          throw corrupt(position, "a frame runs past the end of the forced bytes");
        }
        buffer =
            reader.load(
                channel, position, Math.max(incomplete.frameBytes(), ReadBuffer.CHUNK_BYTES));
        bufferStart = position;
        continue;
      }
      if (decoded instanceof Corrupt c) {
        throw corrupt(position, c.reason());
      }
      LogRecord record = ((Frame) decoded).record();
      if (record.offset() >= limit) {
        break;
      }
      if (record.offset() >= from) {
        out.add(record);
        taken++;
      }
      position += ((Frame) decoded).frameBytes();
    }
    return position;
  }

  /** A position to start reading {@code offset} from: a frame start at or before it. */
  long positionBefore(long offset) throws IOException {
    if (!indexed) {
      buildIndex();
    }
    return index.floorPosition(offset);
  }

  private synchronized void buildIndex() throws IOException {
    if (indexed) {
      return;
    }
    long validBytes = scan();
    if (validBytes != size) {
      throw corrupt(validBytes, "the segment was sealed but its frames end here");
    }
    indexed = true;
  }

  /**
   * Verifies frames from the start, indexing them and advancing {@link #nextOffset}; returns the
   * number of bytes that hold whole, valid, consecutive frames.
   */
  private long scan() throws IOException {
    long fileSize = channel.size();
    long position = 0;
    long expected = baseOffset;
    ByteBuffer buffer = ByteBuffer.allocate(0);
    long bufferStart = 0;
    while (position < fileSize) {
      if (position >= bufferStart + buffer.limit()) {
        buffer = readAt(position, Math.min(fileSize - position, SCAN_CHUNK_BYTES));
        bufferStart = position;
      }
      buffer.position((int) (position - bufferStart));
      Decoded decoded = RecordCodec.decode(buffer);
      if (decoded instanceof Incomplete incomplete) {
        if (position + incomplete.frameBytes() > fileSize) {
          break;
        }
        buffer = readAt(position, Math.max(incomplete.frameBytes(), SCAN_CHUNK_BYTES));
        bufferStart = position;
        continue;
      }
      if (!(decoded instanceof Frame frame) || frame.record().offset() != expected) {
        break;
      }
      index.add(expected, position);
      expected++;
      position += frame.frameBytes();
    }
    nextOffset = expected;
    return position;
  }

  private ByteBuffer readAt(long position, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        break;
      }
    }
    return buffer.flip();
  }

  private IOException corrupt(long position, String reason) {
    return new IOException(
        "event log segment " + file + " is corrupt at byte " + position + ": " + reason);
  }

  /** Closes and removes the file. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
