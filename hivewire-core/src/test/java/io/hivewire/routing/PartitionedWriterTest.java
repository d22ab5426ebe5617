package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedWriterTest {

  private static final Instant NOW = Instant.parse("2026-01-15T14:30:00Z");

  @TempDir Path dir;
  private final BlockGzip gzip = new BlockGzip(6, 2, "test");
  private PartitionedWriter writer;

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
    gzip.close();
  }

  private PartitionedWriter writer(RotationPolicy policy) {
    writer = new PartitionedWriter(dir, gzip, policy);
    return writer;
  }

  private static LogRecord event(long offset, String time) {
    return new LogRecord(
        offset,
        RecordType.EVENTS,
        Instant.parse(time),
        ("{\"event_id\":\"e" + offset + "\",\"time\":\"" + time + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> lines(ClosedFile file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file.spill()))) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  private static LogRecord segment(long offset, String snapshotTime, int code) {
    return new LogRecord(
        offset,
        RecordType.SEGMENT,
        Instant.parse(snapshotTime),
        ("{\"code\":" + code + ",\"time\":\"" + snapshotTime + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachSegmentSnapshotGetsAFileOfItsOwnWhateverTheRotationLimits() throws IOException {
    // Limits that would cut any file at once: a snapshot must still be neither split nor merged.
    PartitionedWriter w = writer(new RotationPolicy(Duration.ofSeconds(1), 1024, 1));
    String first = "2026-01-15T14:05:00Z";
    String second = "2026-01-15T14:06:00Z";
    String padding = "x".repeat(600);
    assertThat(w.write(segment(0, first, 1), NOW)).isEmpty();
    assertThat(w.write(event(1, "2026-01-15T14:00:01Z"), NOW))
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo(RollReason.SNAPSHOT));
    // The next snapshot's partition makes one too many open: the events file is the one closed.
    assertThat(w.write(segment(2, second, 1), NOW))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.range().partition().type()).isEqualTo(RecordType.EVENTS);
              assertThat(f.records()).isEqualTo(1);
            });
    assertThat(
            w.write(
                new LogRecord(
                    3,
                    RecordType.SEGMENT,
                    Instant.parse(second),
                    ("{\"code\":2,\"pad\":\"" + padding + padding + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                NOW))
        .isEmpty();
    // An hour past the flush interval and over the size limit, the open snapshot is still not cut.
    assertThat(w.rollDue(NOW.plusSeconds(3600))).isEmpty();
    assertThat(w.openPartitions()).isEqualTo(1);
    assertThat(w.write(segment(4, second, 3), NOW)).isEmpty();

    List<ClosedFile> secondSnapshot = w.rollSnapshots();

    assertThat(secondSnapshot)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.range())
                  .isEqualTo(new FileRange(PartitionKey.parse("type=segment"), 2, 4));
              assertThat(f.records()).isEqualTo(3);
            });
    assertThat(w.openPartitions()).isZero();
  }

  @Test
  void aSnapshotEndsWhenTheNextOneBegins() throws IOException {
    PartitionedWriter w = writer(RotationPolicy.defaults());
    w.write(segment(0, "2026-01-15T14:05:00Z", 1), NOW);
    w.write(segment(1, "2026-01-15T14:05:00Z", 2), NOW);

    List<ClosedFile> closed = w.write(segment(2, "2026-01-15T14:05:00.000001Z", 1), NOW);

    assertThat(closed).singleElement().satisfies(f -> assertThat(f.records()).isEqualTo(2));
    assertThat(lines(closed.getFirst()))
        .containsExactly(
            "{\"code\":1,\"time\":\"2026-01-15T14:05:00Z\"}",
            "{\"code\":2,\"time\":\"2026-01-15T14:05:00Z\"}");
    assertThat(w.rollSnapshots())
        .singleElement()
        .satisfies(f -> assertThat(f.records()).isEqualTo(1));
  }

  @Test
  void recordsOfOneHourShareAFileThatRollsByAgeWithoutFurtherRecords() throws IOException {
    PartitionedWriter w =
        writer(RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(60)));
    assertThat(w.write(event(0, "2026-01-15T14:00:01Z"), NOW)).isEmpty();
    assertThat(w.write(event(1, "2026-01-15T14:59:59Z"), NOW.plusSeconds(10))).isEmpty();

    assertThat(w.rollDue(NOW.plusSeconds(59))).isEmpty();
    List<ClosedFile> closed = w.rollDue(NOW.plusSeconds(60));

    assertThat(closed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(RollReason.AGE);
              assertThat(f.range())
                  .isEqualTo(
                      new FileRange(PartitionKey.of(event(0, "2026-01-15T14:00:01Z")), 0, 1));
              assertThat(f.records()).isEqualTo(2);
              assertThat(f.firstRecordTime()).isEqualTo(Instant.parse("2026-01-15T14:00:01Z"));
            });
    assertThat(lines(closed.get(0)))
        .containsExactly(
            "{\"event_id\":\"e0\",\"time\":\"2026-01-15T14:00:01Z\"}",
            "{\"event_id\":\"e1\",\"time\":\"2026-01-15T14:59:59Z\"}");
    assertThat(w.openPartitions()).isZero();
  }

  @Test
  void theHourBoundaryAndLateRecordsGoToTheirOwnHoursFiles() {
    PartitionedWriter w = writer(RotationPolicy.defaults());
    w.write(event(0, "2026-01-15T14:59:59.999Z"), NOW);
    w.write(event(1, "2026-01-15T15:00:00Z"), NOW);
    w.write(event(2, "2026-01-15T09:12:00Z"), NOW);
    w.write(event(3, "2026-01-15T14:10:00Z"), NOW);

    List<ClosedFile> closed = w.rollAll(RollReason.SHUTDOWN);

    assertThat(closed)
        .extracting(
            f ->
                f.range().partition().path()
                    + " "
                    + f.range().firstOffset()
                    + ".."
                    + f.range().lastOffset()
                    + " x"
                    + f.records())
        .containsExactly(
            "type=events/year=2026/month=01/day=15/hour=14 0..3 x2",
            "type=events/year=2026/month=01/day=15/hour=15 1..1 x1",
            "type=events/year=2026/month=01/day=15/hour=09 2..2 x1");
  }

  @Test
  void aFileRollsWhenItReachesTheSizeLimit() {
    PartitionedWriter w = writer(RotationPolicy.defaults().withMaxFileBytes(1024));
    long offset = 0;
    List<ClosedFile> closed = List.of();
    while (closed.isEmpty()) {
      closed = w.write(event(offset++, "2026-01-15T14:00:00Z"), NOW);
    }
    assertThat(closed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(RollReason.SIZE);
              assertThat(f.size().uncompressedBytes()).isGreaterThanOrEqualTo(1024);
              assertThat(f.size().compressedBytes()).isPositive();
            });
    assertThat(w.openPartitions()).isZero();
  }

  @Test
  void theOldestFileClosesWhenTooManyPartitionsAreOpen() {
    PartitionedWriter w = writer(RotationPolicy.defaults().withMaxOpenPartitions(2));
    w.write(event(0, "2026-01-15T10:00:00Z"), NOW);
    w.write(event(1, "2026-01-15T11:00:00Z"), NOW.plusSeconds(1));
    w.write(event(2, "2026-01-15T10:30:00Z"), NOW.plusSeconds(2));

    List<ClosedFile> closed = w.write(event(3, "2026-01-15T12:00:00Z"), NOW.plusSeconds(3));

    assertThat(closed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(RollReason.TOO_MANY_OPEN);
              assertThat(f.range().firstOffset()).isZero();
              assertThat(f.range().lastOffset()).isEqualTo(2);
            });
    assertThat(w.openPartitions()).isEqualTo(2);
    assertThat(w.lowestOpenOffset()).hasValue(1);
  }

  @Test
  void closingDiscardsOpenSpillFiles() throws IOException {
    PartitionedWriter w = writer(RotationPolicy.defaults());
    w.write(event(0, "2026-01-15T10:00:00Z"), NOW);
    w.close();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
