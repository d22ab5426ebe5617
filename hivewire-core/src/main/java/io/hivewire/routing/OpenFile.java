package io.hivewire.routing;

import io.hivewire.routing.log.LogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One open partition file: records are staged in a block that {@link BlockGzip} compresses on its
 * threads and whose output streams to a local spill file, so that the heap holds only one small
 * block per open partition. Tracks the log range and sizes that decide when it rolls and what it is
 * named.
 */
final class OpenFile implements AutoCloseable {

  private static final byte NEWLINE = '\n';

  /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
  private static final byte[] GZIP_HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };

  private final PartitionKey partition;
  private final Path spill;
  private final Instant openedAt;
  private final BlockGzip gzip;
  private final OutputStream file;
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BlockGzip.MIN_BLOCK_BYTES];
  private int staged;
  private long compressedBytes;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private Instant firstRecordTime = Instant.EPOCH;
  private long records;
  private long uncompressedBytes;
  private boolean closed;

  private OpenFile(
      PartitionKey partition, Path spill, Instant openedAt, OutputStream file, BlockGzip gzip)
      throws IOException {
    this.partition = partition;
    this.spill = spill;
    this.openedAt = openedAt;
    this.file = file;
    this.gzip = gzip;
    file.write(GZIP_HEADER);
    compressedBytes = GZIP_HEADER.length;
  }

  /** Creates the spill file {@code spill} and opens it for {@code partition}. */
  public static OpenFile create(
      PartitionKey partition, Path spill, BlockGzip gzip, Instant openedAt) {
    Objects.requireNonNull(partition, "partition is null");
    Objects.requireNonNull(spill, "spill is null");
    Objects.requireNonNull(gzip, "gzip is null");
    Objects.requireNonNull(openedAt, "openedAt is null");
    OutputStream file = null;
    try {
      file = Files.newOutputStream(spill);
      return new OpenFile(partition, spill, openedAt, file, gzip);
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

  /** Appends one record as a JSON line. Records must come in log order. */
  public void append(LogRecord record) {
    if (closed) {
      throw new IllegalStateException("file of " + partition + " is already closed");
    }
    if (record.offset() <= lastOffset) {
      throw new IllegalArgumentException(
          "record " + record.offset() + " is not after " + lastOffset + " in " + partition);
    }
    byte[] payload = record.payload();
    stage(payload);
    if (staged == block.length) {
      makeRoom(1);
    }
    block[staged++] = NEWLINE;
    if (records == 0) {
      firstOffset = record.offset();
      firstRecordTime = record.time();
    }
    lastOffset = record.offset();
    records++;
    uncompressedBytes += payload.length + 1L;
  }

  private void stage(byte[] bytes) {
    int from = 0;
    while (from < bytes.length) {
      if (staged == block.length) {
        makeRoom(bytes.length - from + 1);
      }
      int n = Math.min(bytes.length - from, block.length - staged);
      System.arraycopy(bytes, from, block, staged, n);
      staged += n;
      from += n;
    }
  }

  /** Grows the full block if the budget allows, else hands it to the compressor. */
  private void makeRoom(int wanted) {
    int grown = Math.min(BlockGzip.MAX_BLOCK_BYTES, Math.max(2 * block.length, staged + wanted));
    if (grown > block.length && gzip.reserveGrowth(grown - block.length)) {
      block = Arrays.copyOf(block, grown);
    } else {
      submit(false);
      block = gzip.newBlock(block.length);
    }
  }

  private void submit(boolean last) {
    crc.update(block, 0, staged);
    gzip.submit(this::writeCompressed, block, staged, last);
    staged = 0;
  }

  private void writeCompressed(byte[] compressed, int length) {
    try {
      file.write(compressed, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write spill file " + spill + ": " + e, e);
    }
    compressedBytes += length;
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
    if (closed) {
      throw new IllegalStateException("file of " + partition + " is already closed");
    }
    submit(true);
    gzip.writeAll();
    ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).putInt((int) uncompressedBytes);
    writeCompressed(trailer.array(), trailer.capacity());
    close();
    return new ClosedFile(
        new FileRange(partition, firstOffset, lastOffset),
        spill,
        firstRecordTime,
        openedAt,
        records,
        new ClosedFile.FileSize(uncompressedBytes, compressedBytes),
        reason);
  }

  /**
   * Closes the spill file without handing it on; idempotent. Blocks of this file still in flight
   * are written first, so none lands in a closed file.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    gzip.releaseGrowth(block.length - (long) BlockGzip.MIN_BLOCK_BYTES);
    RuntimeException failure = null;
    try {
      gzip.writeAll();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      file.close();
    } catch (IOException e) {
      UncheckedIOException closing =
          new UncheckedIOException("cannot finish spill file " + spill + ": " + e, e);
      if (failure == null) {
        failure = closing;
      } else {
        failure.addSuppressed(closing);
      }
    }
    if (failure != null) {
      throw failure;
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
}
