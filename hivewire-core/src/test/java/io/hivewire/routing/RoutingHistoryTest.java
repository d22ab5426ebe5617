package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.RecordType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingHistoryTest {

  private static final Instant START = Instant.parse("2026-01-15T14:00:00Z");

  private static UploadedFile file(RecordType type, long records, long bytes) {
    PartitionKey partition =
        type.hourlyPartitioned()
            ? new PartitionKey(type, Optional.of(HourBucket.of(START)))
            : new PartitionKey(type, Optional.empty());
    return new UploadedFile(
        "key", new FileRange(partition, 0, records), records, bytes, Uploader.Outcome.UPLOADED);
  }

  @Test
  void uploadsAreCountedInTheMinuteTheyArrivedAndTheHourEndsWithTheCurrentMinute() {
    RoutingHistory history = new RoutingHistory(START);
    history.uploaded(file(RecordType.EVENTS, 10, 100), START.plusSeconds(5));
    history.uploaded(file(RecordType.EVENTS, 5, 50), START.plusSeconds(50));
    history.uploaded(file(RecordType.SEGMENT, 2, 20), START.plusSeconds(65));

    RoutingHistory.Snapshot snapshot = history.snapshot(START.plusSeconds(90));

    assertThat(snapshot.minutes()).hasSize(RoutingHistory.MINUTES);
    RoutingHistory.Minute current = snapshot.minutes().getLast();
    RoutingHistory.Minute previous = snapshot.minutes().get(RoutingHistory.MINUTES - 2);
    assertThat(current.start()).isEqualTo(START.plusSeconds(60));
    assertThat(current.records()).isEqualTo(2);
    assertThat(previous.start()).isEqualTo(START);
    assertThat(previous.records()).isEqualTo(15);
    assertThat(previous.files()).isEqualTo(2);
    assertThat(previous.bytes()).isEqualTo(150);
    assertThat(snapshot.minutes().getFirst().start()).isEqualTo(START.minusSeconds(58 * 60));
    assertThat(snapshot.totalRecords()).isEqualTo(17);
    assertThat(snapshot.recordsWritten()).isEqualTo(17);
    assertThat(snapshot.peakRecords()).isEqualTo(15);
    assertThat(snapshot.filesByType())
        .containsEntry(RecordType.EVENTS, 2L)
        .containsEntry(RecordType.SYNC_ALIASES, 0L)
        .containsEntry(RecordType.SEGMENT, 1L);
  }

  @Test
  void eachMinuteKeepsItsWorstFreshnessLagAndMinutesWithoutASampleHaveNone() {
    RoutingHistory history = new RoutingHistory(START);
    history.sampled(Duration.ofSeconds(3), START.plusSeconds(1));
    history.sampled(Duration.ofSeconds(7), START.plusSeconds(2));
    history.sampled(Duration.ofSeconds(1), START.plusSeconds(3));
    history.sampled(Duration.ZERO, START.plusSeconds(180));

    RoutingHistory.Snapshot snapshot = history.snapshot(START.plusSeconds(180));

    assertThat(snapshot.minutes().get(RoutingHistory.MINUTES - 4).freshnessLag())
        .contains(Duration.ofSeconds(7));
    assertThat(snapshot.minutes().get(RoutingHistory.MINUTES - 3).freshnessLag()).isEmpty();
    assertThat(snapshot.minutes().getLast().freshnessLag()).contains(Duration.ZERO);
    assertThat(snapshot.peakLag()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aMinuteOlderThanAnHourLeavesTheHourAndItsBucketIsReused() {
    RoutingHistory history = new RoutingHistory(START);
    history.uploaded(file(RecordType.EVENTS, 10, 100), START);
    history.sampled(Duration.ofSeconds(9), START);
    history.uploaded(file(RecordType.EVENTS, 4, 40), START.plus(Duration.ofMinutes(60)));

    RoutingHistory.Snapshot snapshot = history.snapshot(START.plus(Duration.ofMinutes(60)));

    assertThat(snapshot.totalRecords()).isEqualTo(4);
    assertThat(snapshot.minutes().getLast().records()).isEqualTo(4);
    assertThat(snapshot.minutes().getLast().freshnessLag()).isEmpty();
    assertThat(snapshot.peakLag()).isZero();
    assertThat(snapshot.recordsWritten()).as("counted since it was created").isEqualTo(14);
    assertThat(history.snapshot(START.plus(Duration.ofHours(3))).totalRecords()).isZero();
  }

  @Test
  void aTimeFromBeforeTheBucketsMinuteIsNotCountedInTheHour() {
    RoutingHistory history = new RoutingHistory(START);
    history.uploaded(file(RecordType.EVENTS, 4, 40), START.plus(Duration.ofMinutes(60)));
    // A clock set back by an hour lands on the same bucket: it must not wipe the newer minute.
    history.uploaded(file(RecordType.EVENTS, 1, 10), START);
    history.sampled(Duration.ofSeconds(5), START);

    RoutingHistory.Snapshot snapshot = history.snapshot(START.plus(Duration.ofMinutes(60)));

    assertThat(snapshot.minutes().getLast().records()).isEqualTo(4);
    assertThat(snapshot.peakLag()).isZero();
  }
}
