package io.hivewire.routing.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogUnavailableException;
import io.hivewire.routing.log.RecordType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the broker is down, an append is refused within the append timeout even when it waits
 * behind a transaction Kafka does not answer, and no refused append is ever delivered.
 */
class KafkaOutageIT {

  private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void anAppendWaitingBehindATransactionKafkaDoesNotAnswerIsRefusedWithinTheAppendTimeout()
      throws Exception {
    try (KafkaTestCluster kafka = KafkaTestCluster.start(dir.resolve("kafka"));
        KafkaEventLog log =
            KafkaEventLog.open(
                new KafkaLogSettings(
                    kafka.bootstrapServers(),
                    "outage.",
                    2,
                    (short) 1,
                    Map.of(),
                    "node-1",
                    APPEND_TIMEOUT))) {
      log.append(List.of(event("before")));

      kafka.stopBroker();
      CompletableFuture<Long> inTransaction = log.appendAsync(List.of(event("in-transaction")));
      awaitTakenIntoATransaction(log);
      long queuedAt = System.nanoTime();
      CompletableFuture<Long> queued = log.appendAsync(List.of(event("queued")));
      Throwable queuedRefusal = refusal(queued);
      Duration queuedWaited = Duration.ofNanos(System.nanoTime() - queuedAt);
      Throwable transactionRefusal = refusal(inTransaction);
      kafka.restartBroker();
      log.append(List.of(event("after")));

      assertThat(queuedWaited)
          .as("time until the queued append was refused")
          .isLessThan(APPEND_TIMEOUT.multipliedBy(3).dividedBy(2));
      assertThat(queuedRefusal)
          .isInstanceOf(LogUnavailableException.class)
          .hasMessageContaining("nothing of it was sent");
      assertThat(transactionRefusal).isInstanceOf(LogUnavailableException.class);
      assertThat(kafka.committedValues("outage.events"))
          .containsExactlyInAnyOrder("before", "after");
    }
  }

  private static void awaitTakenIntoATransaction(KafkaEventLog log) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (log.waitingAppends() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no transaction took the append within 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static LogEntry event(String payload) {
    return new LogEntry(
        RecordType.EVENTS, Instant.now(), payload.getBytes(StandardCharsets.UTF_8), payload);
  }

  private static Throwable refusal(CompletableFuture<Long> append) throws Exception {
    try {
      append.get(30, TimeUnit.SECONDS);
      throw new AssertionError("an append was acknowledged while the broker was down");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
