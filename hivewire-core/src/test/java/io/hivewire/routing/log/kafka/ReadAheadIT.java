package io.hivewire.routing.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead fetches ahead of the reads only as far as its buffers allow, and goes on as reads
 * drain them: 48 MiB of events over 4 partitions, far more than the buffers may hold.
 */
class ReadAheadIT {

  private static final int PARTITIONS = 4;
  private static final int RECORD_BYTES = 1024;
  private static final int RECORDS = 48 * 1024;
  private static final int MAX_POLL_RECORDS = 500;

  /** What one poll may add beyond a limit: it hands out up to 500 records of 1 KiB. */
  private static final long ONE_POLL = (long) MAX_POLL_RECORDS * RECORD_BYTES;

  @TempDir static Path dir;
  private static KafkaTestCluster kafka;
  private static KafkaEventLog log;

  @BeforeAll
  static void appendEvents() throws Exception {
    kafka = KafkaTestCluster.start(dir.resolve("kafka"));
    log =
        KafkaEventLog.open(
            new KafkaLogSettings(
                kafka.bootstrapServers(),
                "ahead.",
                PARTITIONS,
                (short) 1,
                Map.of("max.poll.records", String.valueOf(MAX_POLL_RECORDS)),
                "node-1",
                Duration.ofSeconds(10)));
    byte[] payload = new byte[RECORD_BYTES];
    Arrays.fill(payload, (byte) 'x');
    for (int from = 0; from < RECORDS; from += 1000) {
      List<LogEntry> batch = new ArrayList<>();
      for (int i = from; i < Math.min(RECORDS, from + 1000); i++) {
        batch.add(new LogEntry(RecordType.EVENTS, Instant.now(), payload, "user-" + i));
      }
      log.append(batch);
    }
  }

  @AfterAll
  static void stop() {
    if (log != null) {
      log.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aPartitionReadAloneBuffersUpToItsOwnLimitNotTheWholeBudget() throws Exception {
    TopicPartition partition = eventPartitions().getFirst();
    try (ReadAhead ahead = new ReadAhead(log, "alone")) {
      ahead.start(partition, 0);

      settle(ahead);

      assertThat(ahead.bufferedBytes(partition))
          .isBetween(ReadAhead.MAX_BUFFER_BYTES, ReadAhead.MAX_BUFFER_BYTES + ONE_POLL);
    }
  }

  @Test
  void busyPartitionsShareTheBudgetAndFetchingGoesOnAsReadsDrainThem() throws Exception {
    List<TopicPartition> partitions = eventPartitions();
    try (ReadAhead ahead = new ReadAhead(log, "shared")) {
      partitions.forEach(p -> ahead.start(p, 0));

      settle(ahead);

      assertThat(ahead.bufferedBytes())
          .isBetween(ReadAhead.BUDGET_BYTES, ReadAhead.BUDGET_BYTES + ONE_POLL);
      for (TopicPartition partition : partitions) {
        assertThat(ahead.bufferedBytes(partition))
            .as("%s, which is read too", partition)
            .isGreaterThanOrEqualTo(ReadAhead.MIN_BUFFER_BYTES);
      }

      TopicPartition drained = partitions.getFirst();
      List<LogRecord> taken = new ArrayList<>();
      while (taken.size() * (long) RECORD_BYTES < 2 * ReadAhead.MIN_BUFFER_BYTES) {
        taken.addAll(ahead.take(drained, 1000, Duration.ofSeconds(10)));
      }
      settle(ahead);

      assertThat(ahead.bufferedBytes()).isGreaterThanOrEqualTo(ReadAhead.BUDGET_BYTES);
      List<LogRecord> next = ahead.take(drained, 1, Duration.ofSeconds(10));
      assertThat(next).hasSize(1);
      assertThat(next.getFirst().offset()).isGreaterThan(taken.getLast().offset());
      for (int i = 1; i < taken.size(); i++) {
        assertThat(taken.get(i).offset()).isGreaterThan(taken.get(i - 1).offset());
      }
    }
  }

  private static List<TopicPartition> eventPartitions() {
    return log.partitions().stream()
        .filter(p -> p.topic().endsWith("events"))
        .map(log::topicPartition)
        .toList();
  }

  /** Waits until the buffers stop growing: the fetcher has paused every partition it reads. */
  private static void settle(ReadAhead ahead) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = ahead.bufferedBytes();
      if (now == last && now > 0) {
        return;
      }
      last = now;
      Thread.sleep(1000);
    }
    throw new AssertionError("the read-ahead kept fetching for 30 s: " + last + " bytes");
  }
}
