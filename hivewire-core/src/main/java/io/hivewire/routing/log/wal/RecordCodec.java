package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of one record: {@code int length | int crc32c | long offset | byte type |
 * long epochMicros | payload}, big-endian, where length counts the bytes after the checksum and the
 * checksum covers exactly those bytes.
 */
final class RecordCodec {

  /** Length and checksum, before the checksummed body. */
  static final int PREFIX_BYTES = 8;

  /** Offset, type and time at the start of the checksummed body. */
  static final int HEADER_BYTES = 17;

  /**
   * A bound on one payload, so that a corrupt length field is recognised instead of being read as a
   * huge frame.
   */
  static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private RecordCodec() {}

  /** The bytes one entry occupies on disk. */
  static int frameSize(LogEntry entry) {
    return PREFIX_BYTES + HEADER_BYTES + entry.payload().length;
  }

  /** Writes the frame of {@code entry} at {@code offset} into {@code out}, which must have room. */
  static void encode(long offset, LogEntry entry, ByteBuffer out) {
    int start = out.position();
    int bodyLength = HEADER_BYTES + entry.payload().length;
    out.putInt(bodyLength);
    out.putInt(0);
    out.putLong(offset);
    out.put(typeCode(entry.type()));
    out.putLong(epochMicros(entry.time()));
    out.put(entry.payload());
    CRC32C crc = new CRC32C();
    crc.update(out.slice(start + PREFIX_BYTES, bodyLength));
    out.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * Decodes the frame at the buffer's position without moving it. A frame that is not wholly in the
   * buffer is {@link Incomplete}; a frame whose length, checksum or type is wrong is {@link
   * Corrupt}.
   */
  static Decoded decode(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < PREFIX_BYTES) {
      return new Incomplete(PREFIX_BYTES + HEADER_BYTES);
    }
    int bodyLength = in.getInt(start);
    if (bodyLength < HEADER_BYTES || bodyLength > HEADER_BYTES + MAX_PAYLOAD_BYTES) {
      return new Corrupt("invalid frame length " + bodyLength);
    }
    int frameBytes = PREFIX_BYTES + bodyLength;
    if (in.remaining() < frameBytes) {
      return new Incomplete(frameBytes);
    }
    CRC32C crc = new CRC32C();
    crc.update(in.slice(start + PREFIX_BYTES, bodyLength));
    if ((int) crc.getValue() != in.getInt(start + 4)) {
      return new Corrupt("checksum mismatch");
    }
    long offset = in.getLong(start + PREFIX_BYTES);
    byte code = in.get(start + PREFIX_BYTES + 8);
    long micros = in.getLong(start + PREFIX_BYTES + 9);
    if (offset < 0 || code < 1 || code > 3) {
      return new Corrupt("invalid header (offset " + offset + ", type code " + code + ")");
    }
    byte[] payload = new byte[bodyLength - HEADER_BYTES];
    in.get(start + PREFIX_BYTES + HEADER_BYTES, payload);
    return new Frame(new LogRecord(offset, typeOf(code), instantOf(micros), payload), frameBytes);
  }

  private static byte typeCode(RecordType type) {
    // Explicit codes, not ordinals: reordering the enum must not change files already written.
    return switch (type) {
      case EVENTS -> 1;
      case SYNC_ALIASES -> 2;
      case SEGMENT -> 3;
    };
  }

  private static RecordType typeOf(byte code) {
    return switch (code) {
      case 1 -> RecordType.EVENTS;
      case 2 -> RecordType.SYNC_ALIASES;
      default -> RecordType.SEGMENT;
    };
  }

  static long epochMicros(Instant time) {
    return Math.addExact(
        Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
  }

  static Instant instantOf(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
  }

  /** The outcome of decoding at a position. */
  sealed interface Decoded permits Frame, Incomplete, Corrupt {}

  /** A whole, verified frame of {@code frameBytes} bytes. */
  record Frame(LogRecord record, int frameBytes) implements Decoded {}

  /** The buffer ends inside a frame of (at least) {@code frameBytes} bytes. */
  record Incomplete(int frameBytes) implements Decoded {}

  /** The bytes at the position are not a valid frame. */
  record Corrupt(String reason) implements Decoded {}
}
