package io.hivewire.routing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hivewire.routing.log.AppendTooLargeException;
import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendPipelineTest {

  private static final Instant TIME = Instant.parse("2026-01-15T14:00:03.120Z");

  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  /** A log so small that the batches below fill it many times over. */
  private WalEventLog tinyLog() {
    return WalEventLog.open(WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(4096));
  }

  @Test
  void batchesReachAFullLogInInputOrder() throws Exception {
    List<List<LogEntry>> batches = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    Random random = new Random(7);
    for (int b = 0; b < 300; b++) {
      List<LogEntry> batch = new ArrayList<>();
      // Batches of different sizes: a small one fits where a larger one before it did not.
      for (int i = random.nextInt(4); i >= 0; i--) {
        String payload =
            "{\"n\":" + sent.size() + ",\"pad\":\"" + "x".repeat(random.nextInt(300)) + "\"}";
        batch.add(new LogEntry(RecordType.EVENTS, TIME, payload.getBytes(StandardCharsets.UTF_8)));
        sent.add(payload);
      }
      batches.add(batch);
    }
    try (WalEventLog log = tinyLog()) {
      EventLog.Consumer consumer = log.consumer("route", EventLog.AssignmentListener.NONE);
      // Stands in for routing: takes what is durable and commits it, which frees room.
      CompletableFuture<List<String>> routed =
          CompletableFuture.supplyAsync(() -> readAndCommit(consumer, sent.size()));
      AppendPipeline pipeline = new AppendPipeline(log, err, Optional::empty);

      for (List<LogEntry> batch : batches) {
        pipeline.append(batch);
      }
      pipeline.awaitAll();

      assertThat(routed.get()).containsExactlyElementsOf(sent);
      assertThat(pipeline.acknowledged()).isEqualTo(sent.size());
      assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("event log full");
    }
  }

  @Test
  void aDestinationThatStopsWhileTheLogIsFullEndsAppendingWithItsError() {
    try (WalEventLog log = tinyLog()) {
      log.addGroup("route");
      AppendPipeline pipeline =
          new AppendPipeline(
              log,
              err,
              () ->
                  errBytes.toString(StandardCharsets.UTF_8).contains("event log full")
                      ? Optional.of("bucket routes does not exist")
                      : Optional.empty());
      List<LogEntry> batch =
          List.of(
              new LogEntry(RecordType.EVENTS, TIME, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(
                      () -> {
                        while (true) {
                          pipeline.append(batch);
                        }
                      })
                  .isInstanceOf(AppendPipeline.StoppedException.class)
                  .hasMessage("bucket routes does not exist"));
    }
  }

  @Test
  void aBatchLargerThanTheWholeLogIsRefusedAtOnceAndTheBatchesBeforeItStayAcknowledged() {
    try (WalEventLog log = tinyLog()) {
      log.addGroup("route");
      AppendPipeline pipeline = new AppendPipeline(log, err, Optional::empty);
      LogEntry small =
          new LogEntry(RecordType.EVENTS, TIME, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
      LogEntry huge =
          new LogEntry(
              RecordType.EVENTS,
              TIME,
              ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));

      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            pipeline.append(List.of(small));
            assertThatThrownBy(() -> pipeline.append(List.of(huge)))
                .isInstanceOf(AppendTooLargeException.class)
                .hasMessageContaining("quota of 4096 bytes");
          });
      assertThat(pipeline.acknowledged()).isEqualTo(1);
      assertThat(log.endOffset()).isEqualTo(1);
    }
  }

  @Test
  void aStoppedDestinationRefusesTheNextBatchBeforeTheLogIsFull() {
    try (WalEventLog log = tinyLog()) {
      AppendPipeline pipeline =
          new AppendPipeline(log, err, () -> Optional.of("access denied to write"));

      assertThatThrownBy(
              () ->
                  pipeline.append(
                      List.of(
                          new LogEntry(
                              RecordType.EVENTS,
                              TIME,
                              "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))))
          .isInstanceOf(AppendPipeline.StoppedException.class)
          .hasMessage("access denied to write");
      assertThat(log.endOffset()).isZero();
    }
  }

  private static List<String> readAndCommit(EventLog.Consumer consumer, int expected) {
    List<String> read = new ArrayList<>();
    long next = consumer.committed(WalEventLog.PARTITION).offset();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (read.size() < expected && System.nanoTime() < deadline) {
      for (LogRecord record :
          consumer.read(WalEventLog.PARTITION, next, 100, Duration.ofMillis(50))) {
        read.add(new String(record.payload(), StandardCharsets.UTF_8));
        next = record.offset() + 1;
      }
      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(next));
    }
    return read;
  }
}
