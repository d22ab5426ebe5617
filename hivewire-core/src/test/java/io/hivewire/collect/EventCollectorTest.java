package io.hivewire.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCollectorTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-01-15T14:00:03Z");
  private static final UUID RESOLVED = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
  private static final String WITH_USER =
      "{\"name\":\"Pageview\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}";
  private static final String WITH_ALIAS =
      "{\"name\":\"Click\",\"aliases\":[{\"tag\":\"cookie\",\"id\":\"c1\",\"priority\":0}]}";

  @TempDir Path dir;

  private final List<List<Alias>> resolved = new ArrayList<>();

  @Test
  void acceptedEventsAreDurableInTheLogWhenCollectReturns() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("test", EventLog.AssignmentListener.NONE);
      EventBatch batch =
          collector(log).collect(("[" + WITH_USER + ",{}]").getBytes(UTF_8), BatchFormat.JSON);

      List<LogRecord> records = consumer.read(WalEventLog.PARTITION, 0, 10, Duration.ZERO);

      assertThat(batch.accepted()).extracting(EventBatch.Accepted::index).containsExactly(0);
      assertThat(batch.rejected()).extracting(EventBatch.Rejected::index).containsExactly(1);
      assertThat(records)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.type()).isEqualTo(RecordType.EVENTS);
                assertThat(record.time()).isEqualTo(NOW);
                assertThat(new String(record.payload(), UTF_8))
                    .contains("\"event_id\":\"" + batch.accepted().get(0).event().eventId() + "\"");
              });
    }
  }

  @Test
  void eventWithOnlyAliasesIsWrittenWithTheResolvedUser() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("test", EventLog.AssignmentListener.NONE);

      collector(log).collect(WITH_ALIAS.getBytes(UTF_8), BatchFormat.NDJSON);

      assertThat(resolved).containsExactly(List.of(new Alias("cookie", "c1", 0)));
      assertThat(
              new String(
                  consumer.read(WalEventLog.PARTITION, 0, 1, Duration.ZERO).get(0).payload(),
                  UTF_8))
          .contains("\"user_id\":\"" + RESOLVED + "\"");
    }
  }

  @Test
  void fullLogRejectsTheWholeBatchSoTheSenderCanRetry() {
    try (WalEventLog log =
        WalEventLog.open(WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(2048))) {
      String properties = "\"properties\":{\"text\":\"" + "x".repeat(900) + "\"}";
      String big = WITH_USER.replace("}", "," + properties + "}");
      String body = "[" + big + "," + big + "," + big + "]";

      assertThatThrownBy(() -> collector(log).collect(body.getBytes(UTF_8), BatchFormat.JSON))
          .isInstanceOf(LogFullException.class);
      assertThat(log.endOffset()).isZero();
    }
  }

  private EventCollector collector(EventLog log) {
    EventLimits limits = EventLimits.defaults();
    EventBatchReader reader =
        new EventBatchReader(limits, MAPPER, new EventValidator(limits, MAPPER, UUID::randomUUID));
    UserResolver users =
        aliases -> {
          resolved.add(aliases);
          return RESOLVED;
        };
    return new EventCollector(reader, users, log, InstantSource.fixed(NOW));
  }
}
