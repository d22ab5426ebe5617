package io.hivewire.routing;

import io.hivewire.routing.log.LogRecord;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One open partition file: records stream through gzip into a local spill file, so that the heap
 * holds only small buffers however many partitions are open. Tracks the log range and sizes that
 * decide when it rolls and what it is named.
 */
public final class OpenFile implements AutoCloseable {

  /**
   * Bytes buffered before gzip: large enough that native deflate gets big chunks (fewer calls per
   * byte), small enough that a thousand open partitions fit in a modest heap.
   */
  public static final int LINE_BUFFER_BYTES = 64 * 1024;

  /** Bytes of gzip's own output buffer. */
  public static final int GZIP_BUFFER_BYTES = 32 * 1024;

  private static final byte NEWLINE = '\n';

  private final PartitionKey partition;
  private final Path spill;
  private final Instant openedAt;
  private final CountingOutputStream compressed;
  private final OutputStream out;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private Instant firstRecordTime = Instant.EPOCH;
  private long records;
  private long uncompressedBytes;
  private boolean closed;

  private OpenFile(
      PartitionKey partition, Path spill, Instant openedAt, OutputStream file, int gzipLevel)
      throws IOException {
    this.partition = partition;
    this.spill = spill;
    this.openedAt = openedAt;
    this.compressed = new CountingOutputStream(file);
    this.out = new BufferedOutputStream(new LeveledGzip(compressed, gzipLevel), LINE_BUFFER_BYTES);
  }

  /** Creates the spill file {@code spill} and opens it for {@code partition}. */
  public static OpenFile create(
      PartitionKey partition, Path spill, int gzipLevel, Instant openedAt) {
    Objects.requireNonNull(partition, "partition is null");
    Objects.requireNonNull(spill, "spill is null");
    Objects.requireNonNull(openedAt, "openedAt is null");
    checkGzipLevel(gzipLevel);
    OutputStream file = null;
    try {
      file = Files.newOutputStream(spill);
      return new OpenFile(partition, spill, openedAt, file, gzipLevel);
    } catch (IOException e) {
      if (file != null) {
        try {
          file.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("cannot create spill file " + spill + ": " + e, e);
    }
  }

  /** Rejects levels outside gzip's 1 (fastest) to 9 (smallest). */
  public static void checkGzipLevel(int gzipLevel) {
    if (gzipLevel < 1 || gzipLevel > 9) {
      throw new IllegalArgumentException("gzip level must be 1..9, got " + gzipLevel);
    }
  }

  /** Appends one record as a JSON line. Records must come in log order. */
  public void append(LogRecord record) {
    if (closed) {
      throw new IllegalStateException("file of " + partition + " is already closed");
    }
    if (record.offset() <= lastOffset) {
      throw new IllegalArgumentException(
          "record " + record.offset() + " is not after " + lastOffset + " in " + partition);
    }
    try {
      out.write(record.payload());
      out.write(NEWLINE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write spill file " + spill + ": " + e, e);
    }
    if (records == 0) {
      firstOffset = record.offset();
      firstRecordTime = record.time();
    }
    lastOffset = record.offset();
    records++;
    uncompressedBytes += record.payload().length + 1L;
  }

  public PartitionKey partition() {
    return partition;
  }

  public Instant openedAt() {
    return openedAt;
  }

  /** The offset of the first record, which holds back the committed log position. */
  public long firstOffset() {
    return firstOffset;
  }

  public long records() {
    return records;
  }

  /** The time of the first record ({@link Instant#EPOCH} while there is none). */
  public Instant firstRecordTime() {
    return firstRecordTime;
  }

  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  public Duration age(Instant now) {
    return Duration.between(openedAt, now);
  }

  /** Finishes the gzip stream and returns the file, ready to upload. */
  public ClosedFile finish(RollReason reason) {
    if (records == 0) {
      throw new IllegalStateException("an empty file of " + partition + " cannot be finished");
    }
    close();
    return new ClosedFile(
        new FileRange(partition, firstOffset, lastOffset),
        spill,
        firstRecordTime,
        openedAt,
        records,
        new ClosedFile.FileSize(uncompressedBytes, compressed.count),
        reason);
  }

  /** Closes the spill file without handing it on; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish spill file " + spill + ": " + e, e);
    }
  }

  /** Closes and deletes the spill file: its records will be read again from the log. */
  public void discard() {
    try {
      close();
    } finally {
      try {
        Files.deleteIfExists(spill);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete spill file " + spill + ": " + e, e);
      }
    }
  }

  /** A gzip stream at a chosen compression level. */
  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out, int level) throws IOException {
      super(out, GZIP_BUFFER_BYTES);
      def.setLevel(level);
    }
  }

  /** Counts the compressed bytes as they reach the spill file. */
  private static final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
