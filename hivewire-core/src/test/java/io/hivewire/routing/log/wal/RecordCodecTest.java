package io.hivewire.routing.log.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.RecordCodec.Corrupt;
import io.hivewire.routing.log.wal.RecordCodec.Frame;
import io.hivewire.routing.log.wal.RecordCodec.Incomplete;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RecordCodecTest {

  private static ByteBuffer encoded(long offset, LogEntry entry) {
    ByteBuffer buffer = ByteBuffer.allocate(RecordCodec.frameSize(entry));
    RecordCodec.encode(offset, entry, buffer);
    return buffer.flip();
  }

  @ParameterizedTest
  @EnumSource(RecordType.class)
  void aFrameDecodesToTheSameOffsetTypeTimeAndPayload(RecordType type) {
    Instant time = Instant.parse("2026-01-15T14:00:03.120001Z");
    byte[] payload = "{\"name\":\"Pageview\",\"é\":1}".getBytes(StandardCharsets.UTF_8);

    Frame frame = (Frame) RecordCodec.decode(encoded(42, new LogEntry(type, time, payload)));

    assertThat(frame.frameBytes()).isEqualTo(25 + payload.length);
    assertThat(frame.record().offset()).isEqualTo(42);
    assertThat(frame.record().type()).isEqualTo(type);
    assertThat(frame.record().time()).isEqualTo(time);
    assertThat(frame.record().payload()).isEqualTo(payload);
  }

  @ParameterizedTest
  @CsvSource({
    "1970-01-01T00:00:00Z, 0",
    "1969-12-31T23:59:59.999999Z, -1",
    "2026-01-15T14:00:03.120001999Z, 1768485603120001"
  })
  void timesAreStoredAsEpochMicrosecondsTruncatingNanos(Instant time, long micros) {
    assertThat(RecordCodec.epochMicros(time)).isEqualTo(micros);
    assertThat(RecordCodec.instantOf(micros)).isEqualTo(time.truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void aFrameCutShortIsIncomplete() {
    ByteBuffer whole = encoded(0, new LogEntry(RecordType.EVENTS, Instant.EPOCH, new byte[40]));
    for (int length = 0; length < whole.limit(); length++) {
      assertThat(RecordCodec.decode(whole.slice(0, length))).isInstanceOf(Incomplete.class);
    }
  }

  @Test
  void anyFlippedByteIsCorruptOrIncompleteNeverAWrongRecord() {
    LogEntry entry =
        new LogEntry(
            RecordType.EVENTS, Instant.EPOCH, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    ByteBuffer whole = encoded(7, entry);
    for (int i = 0; i < whole.limit(); i++) {
      ByteBuffer damaged = ByteBuffer.allocate(whole.limit()).put(whole.duplicate()).flip();
      damaged.put(i, (byte) (damaged.get(i) ^ 0x01));
      assertThat(RecordCodec.decode(damaged)).isInstanceOfAny(Corrupt.class, Incomplete.class);
    }
  }

  @Test
  void zeroBytesAreNotAFrame() {
    assertThat(RecordCodec.decode(ByteBuffer.allocate(64))).isInstanceOf(Corrupt.class);
  }
}
