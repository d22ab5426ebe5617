package io.hivewire.routing.log.wal;

import static io.hivewire.routing.log.wal.WalEventLogTest.event;
import static io.hivewire.routing.log.wal.WalEventLogTest.payloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash mid-write leaves a torn or damaged tail; opening the log cuts it off and carries on. */
class WalRecoveryTest {

  private static final List<String> WRITTEN =
      IntStream.range(0, 5).mapToObj(i -> "{\"event_id\":\"e" + i + "\"}").toList();
  private static final String SEGMENT = Segment.fileName(0);

  @TempDir Path root;
  private Path original;
  private long lastRecordStart;
  private long fileSize;

  @BeforeEach
  void writeFiveRecords() throws IOException {
    original = root.resolve("original");
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(original))) {
      WRITTEN.forEach(json -> log.append(List.of(event(json))));
    }
    fileSize = Files.size(original.resolve(SEGMENT));
    lastRecordStart = fileSize - RecordCodec.frameSize(event(WRITTEN.getLast()));
  }

  @Test
  void aTailCutAtAnyByteOfTheLastRecordLosesOnlyThatRecord() throws IOException {
    for (long cut = lastRecordStart; cut < fileSize; cut++) {
      Path copy = copyOfLog("cut-" + cut);
      try (FileChannel channel =
          FileChannel.open(copy.resolve(SEGMENT), StandardOpenOption.WRITE)) {
        channel.truncate(cut);
      }
      assertRecoversTheFirstFourAndContinues(copy);
    }
  }

  @Test
  void aFlippedByteAnywhereInTheLastRecordLosesOnlyThatRecord() throws IOException {
    for (long position = lastRecordStart; position < fileSize; position++) {
      Path copy = copyOfLog("flip-" + position);
      flipByte(copy.resolve(SEGMENT), position);
      assertRecoversTheFirstFourAndContinues(copy);
    }
  }

  @Test
  void zeroFilledSpaceAfterTheLastRecordIsCutOff() throws IOException {
    Path copy = copyOfLog("zeros");
    try (FileChannel channel = FileChannel.open(copy.resolve(SEGMENT), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4096), fileSize);
    }
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(copy))) {
      assertThat(log.endOffset()).isEqualTo(5);
      assertThat(log.append(List.of(event("{\"after\":true}")))).isEqualTo(5);
    }
    assertThat(Files.size(copy.resolve(SEGMENT)))
        .isEqualTo(fileSize + RecordCodec.frameSize(event("{\"after\":true}")));
  }

  @Test
  void damageInsideASealedSegmentIsReportedOnReadNamingTheFile() throws IOException {
    Path rolled = root.resolve("rolled");
    WalSettings settings = WalSettings.defaults(rolled).withSegmentBytes(1024);
    try (WalEventLog log = WalEventLog.open(settings)) {
      for (int i = 0; i < 100; i++) {
        log.append(List.of(event("{\"event_id\":\"e" + i + "\"}")));
      }
    }
    flipByte(rolled.resolve(SEGMENT), 300);
    try (WalEventLog log = WalEventLog.open(settings)) {
      assertThat(log.endOffset()).isEqualTo(100);
      assertThatThrownBy(
              () ->
                  log.consumer("c", EventLog.AssignmentListener.NONE)
                      .read(WalEventLog.PARTITION, 0, 10, Duration.ZERO))
          .isInstanceOf(UncheckedIOException.class)
          .rootCause()
          .hasMessageContaining(SEGMENT)
          .hasMessageContaining("is corrupt");
    }
  }

  private void assertRecoversTheFirstFourAndContinues(Path copy) throws IOException {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(copy))) {
      assertThat(log.endOffset()).as("end after recovering %s", copy).isEqualTo(4);
      assertThat(Files.size(copy.resolve(SEGMENT))).isEqualTo(lastRecordStart);
      assertThat(log.append(List.of(event("{\"event_id\":\"again\"}")))).isEqualTo(4);
    }
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(copy))) {
      List<LogRecord> records =
          log.consumer("check", EventLog.AssignmentListener.NONE)
              .read(WalEventLog.PARTITION, 0, 100, Duration.ZERO);
      assertThat(records).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(payloads(records))
          .containsExactly(
              WRITTEN.get(0),
              WRITTEN.get(1),
              WRITTEN.get(2),
              WRITTEN.get(3),
              "{\"event_id\":\"again\"}");
    }
  }

  private Path copyOfLog(String name) throws IOException {
    Path copy = Files.createDirectories(root.resolve(name));
    Files.copy(original.resolve(SEGMENT), copy.resolve(SEGMENT));
    return copy;
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
      channel.write(one, position);
    }
  }
}
