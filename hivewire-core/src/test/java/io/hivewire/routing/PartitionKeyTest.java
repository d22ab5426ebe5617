package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionKeyTest {

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "EVENTS, 2026-01-15T14:00:03Z, type=events/year=2026/month=01/day=15/hour=14",
    "SYNC_ALIASES, 2026-01-15T23:59:59Z, type=sync_aliases/year=2026/month=01/day=15/hour=23",
    "SEGMENT, 2026-01-15T14:05:00Z, type=segment",
  })
  void recordsArePartitionedByTypeAndTheHourOfTheirTime(RecordType type, String time, String path) {
    LogRecord record = new LogRecord(7, type, Instant.parse(time), "{}".getBytes());
    PartitionKey key = PartitionKey.of(record);
    assertThat(key.path()).isEqualTo(path);
    assertThat(PartitionKey.parse(path)).isEqualTo(key);
  }

  @Test
  void hourlyTypesNeedAnHourAndSegmentsTakeNone() {
    assertThatThrownBy(() -> new PartitionKey(RecordType.EVENTS, Optional.empty()))
        .hasMessageContaining("an hour is required");
    assertThatThrownBy(
            () ->
                new PartitionKey(RecordType.SEGMENT, Optional.of(new HourBucket(2026, 1, 15, 14))))
        .hasMessageContaining("not partitioned");
  }

  @ParameterizedTest
  @CsvSource({"type=events", "type=events/year=2026/month=1/day=15/hour=14", "events/year=2026"})
  void parseRejectsPathsThatAreNotPartitionPaths(String path) {
    assertThatThrownBy(() -> PartitionKey.parse(path)).isInstanceOf(IllegalArgumentException.class);
  }
}
