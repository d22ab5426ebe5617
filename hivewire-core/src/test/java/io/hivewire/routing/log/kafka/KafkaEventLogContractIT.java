package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.EventLogContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The event log on Kafka keeps the event log contract, against an in-process KRaft broker. */
class KafkaEventLogContractIT extends EventLogContract {

  @TempDir static Path dir;
  private static KafkaTestCluster kafka;
  private static final AtomicInteger LOGS = new AtomicInteger();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaTestCluster.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Each test gets topics of its own, so that the log it opens holds nothing yet. */
  @Override
  protected EventLog openLog() {
    return KafkaEventLog.open(
        new KafkaLogSettings(
            kafka.bootstrapServers(),
            "contract" + LOGS.incrementAndGet() + ".",
            3,
            (short) 1,
            // One record per poll, so that polls end just before transaction markers, the gaps
            // a reader must step over without seeking back.
            Map.of("max.poll.records", "1"),
            "node-1",
            Duration.ofSeconds(10)));
  }
}
