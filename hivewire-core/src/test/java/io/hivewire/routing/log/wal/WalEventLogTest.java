package io.hivewire.routing.log.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.CommittedPosition;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalEventLogTest {

  private static final Instant TIME = Instant.parse("2026-01-15T14:00:03.120001Z");

  @TempDir Path dir;

  static LogEntry event(String json) {
    return new LogEntry(RecordType.EVENTS, TIME, json.getBytes(StandardCharsets.UTF_8));
  }

  static List<String> payloads(List<LogRecord> records) {
    return records.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList();
  }

  private WalSettings small() {
    return WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(1024 * 1024);
  }

  @Test
  void appendedRecordsAreReadBackWithContiguousOffsetsTypeAndTime() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("s3-main", EventLog.AssignmentListener.NONE);
      long first = log.append(List.of(event("{\"a\":1}"), event("{\"a\":2}")));
      long second =
          log.append(
              List.of(
                  new LogEntry(
                      RecordType.SEGMENT, TIME, "{\"s\":1}".getBytes(StandardCharsets.UTF_8))));

      assertThat(first).isZero();
      assertThat(second).isEqualTo(2);
      assertThat(log.endOffset()).isEqualTo(3);
      List<LogRecord> records = consumer.read(WalEventLog.PARTITION, 0, 10, Duration.ZERO);
      assertThat(records).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L);
      assertThat(payloads(records)).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"s\":1}");
      assertThat(records)
          .extracting(LogRecord::type)
          .containsExactly(RecordType.EVENTS, RecordType.EVENTS, RecordType.SEGMENT);
      assertThat(records).extracting(LogRecord::time).containsOnly(TIME);
    }
  }

  @Test
  void aRecordIsReadByOffsetWithoutMovingAnyConsumerAndOnlyWhileTheLogHoldsIt() {
    try (WalEventLog log = WalEventLog.open(small())) {
      EventLog.Consumer consumer = log.consumer("s3-main", EventLog.AssignmentListener.NONE);
      for (int i = 0; i < 40; i++) {
        log.append(List.of(event("{\"n\":" + i + ",\"padding\":\"" + "p".repeat(100) + "\"}")));
      }

      assertThat(log.recordAt(WalEventLog.PARTITION, 25))
          .hasValueSatisfying(
              r -> {
                assertThat(r.offset()).isEqualTo(25);
                assertThat(payloads(List.of(r)).getFirst()).startsWith("{\"n\":25,");
                assertThat(r.time()).isEqualTo(TIME);
              });
      assertThat(consumer.read(WalEventLog.PARTITION, 0, 1, Duration.ZERO))
          .extracting(LogRecord::offset)
          .containsExactly(0L);
      assertThat(log.recordAt(WalEventLog.PARTITION, 40)).as("not appended yet").isEmpty();

      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(30));
      assertThat(log.startOffset()).as("segments below 30 reclaimed").isPositive();
      assertThat(log.recordAt(WalEventLog.PARTITION, 0)).as("reclaimed").isEmpty();
      assertThat(log.recordAt(WalEventLog.PARTITION, 30))
          .hasValueSatisfying(r -> assertThat(r.offset()).isEqualTo(30));
    }
  }

  @Test
  void recordsLargerThanAReadChunkAreReadWholeBetweenSmallOnes() {
    String padding = "y".repeat(ReadBuffer.CHUNK_BYTES + ReadBuffer.CHUNK_BYTES / 2);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sent.add("{\"small\":" + i + "}");
      sent.add("{\"large\":" + i + ",\"padding\":\"" + padding + "\"}");
    }
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("s3-main", EventLog.AssignmentListener.NONE);
      log.append(sent.stream().map(WalEventLogTest::event).toList());

      List<LogRecord> records = new ArrayList<>();
      while (records.size() < sent.size()) {
        records.addAll(consumer.read(WalEventLog.PARTITION, records.size(), 2, Duration.ZERO));
      }

      assertThat(payloads(records)).isEqualTo(sent);
    }
  }

  @Test
  void appendsQueuedWithoutWaitingBecomeDurableInOrderWithContiguousOffsets() {
    List<CompletableFuture<Long>> appends = new ArrayList<>();
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      for (int i = 0; i < 5; i++) {
        appends.add(
            log.appendAsync(List.of(event("{\"n\":" + i + "}"), event("{\"m\":" + i + "}"))));
      }
      assertThat(appends.stream().map(CompletableFuture::join)).containsExactly(0L, 2L, 4L, 6L, 8L);
      assertThat(log.endOffset()).isEqualTo(10);
    }
    try (WalEventLog reopened = WalEventLog.open(WalSettings.defaults(dir))) {
      List<LogRecord> records =
          reopened
              .consumer("after", EventLog.AssignmentListener.NONE)
              .read(WalEventLog.PARTITION, 0, 20, Duration.ZERO);
      assertThat(payloads(records)).hasSize(10).startsWith("{\"n\":0}", "{\"m\":0}", "{\"n\":1}");
    }
  }

  @Test
  void concurrentAppendersGetDisjointContiguousRangesAndShareFsyncs() throws Exception {
    int threads = 8;
    int appendsPerThread = 200;
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir));
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<Long> firsts = new ArrayList<>();
                  for (int i = 0; i < appendsPerThread; i++) {
                    firsts.add(
                        log.append(
                            List.of(
                                event("{\"t\":" + thread + ",\"i\":" + i + ",\"n\":0}"),
                                event("{\"t\":" + thread + ",\"i\":" + i + ",\"n\":1}"))));
                  }
                  return firsts;
                }));
      }
      List<Long> firsts = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        firsts.addAll(result.get());
      }
      Collections.sort(firsts);
      assertThat(firsts)
          .containsExactlyElementsOf(
              IntStream.range(0, threads * appendsPerThread).mapToObj(i -> 2L * i).toList());
      List<LogRecord> all =
          log.consumer("c", EventLog.AssignmentListener.NONE)
              .read(WalEventLog.PARTITION, 0, 10_000, Duration.ZERO);
      for (LogRecord record : all.stream().filter(r -> r.offset() % 2 == 0).toList()) {
        String json = new String(record.payload(), StandardCharsets.UTF_8);
        assertThat(new String(all.get((int) record.offset() + 1).payload(), StandardCharsets.UTF_8))
            .isEqualTo(json.replace("\"n\":0", "\"n\":1"));
      }
      assertThat(log.syncCount())
          .as("fsyncs shared by concurrent appends")
          .isLessThan(threads * appendsPerThread);
    }
  }

  @Test
  void recordsSurviveReopenAcrossRolledSegments() {
    List<String> written = IntStream.range(0, 100).mapToObj(i -> "{\"i\":" + i + "}").toList();
    try (WalEventLog log = WalEventLog.open(small())) {
      log.addGroup("c");
      written.forEach(json -> log.append(List.of(event(json))));
    }
    assertThat(segmentFiles()).hasSizeGreaterThan(2).contains("00000000000000000000.log");
    try (WalEventLog log = WalEventLog.open(small())) {
      assertThat(log.endOffset()).isEqualTo(100);
      assertThat(
              payloads(
                  log.consumer("c", EventLog.AssignmentListener.NONE)
                      .read(WalEventLog.PARTITION, 0, 1000, Duration.ZERO)))
          .isEqualTo(written);
      assertThat(
              payloads(
                  log.consumer("c", EventLog.AssignmentListener.NONE)
                      .read(WalEventLog.PARTITION, 57, 5, Duration.ZERO)))
          .isEqualTo(written.subList(57, 62));
      assertThat(log.append(List.of(event("{\"i\":100}")))).isEqualTo(100);
    }
  }

  @Test
  void aTailingReaderReadsInBatchesAcrossSegments() {
    try (WalEventLog log = WalEventLog.open(small())) {
      EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
      for (int i = 0; i < 60; i++) {
        log.append(List.of(event("{\"i\":" + i + "}")));
      }
      List<Long> seen = new ArrayList<>();
      long next = 0;
      while (next < 60) {
        List<LogRecord> batch = consumer.read(WalEventLog.PARTITION, next, 7, Duration.ZERO);
        assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(7);
        batch.forEach(r -> seen.add(r.offset()));
        next = batch.getLast().offset() + 1;
      }
      assertThat(seen).containsExactlyElementsOf(LongStream.range(0, 60).boxed().toList());
    }
  }

  @Test
  void aReaderWaitingAtTheEndWakesWhenARecordIsAppended() throws Exception {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
      CompletableFuture<List<LogRecord>> waiting =
          CompletableFuture.supplyAsync(
              () -> consumer.read(WalEventLog.PARTITION, 0, 10, Duration.ofMinutes(1)));
      log.append(List.of(event("{\"late\":true}")));
      assertThat(payloads(waiting.get())).containsExactly("{\"late\":true}");
    }
  }

  @Test
  void aReadWithNothingNewReturnsEmptyAfterItsWait() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      assertThat(
              log.consumer("c", EventLog.AssignmentListener.NONE)
                  .read(WalEventLog.PARTITION, 0, 10, Duration.ofMillis(20)))
          .isEmpty();
    }
  }

  @Test
  void aConsumersCommitSurvivesReopenAndAConsumerNewThenStartsAtTheRetainedStart() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      log.append(List.of(event("{}"), event("{}")));
      EventLog.Consumer consumer = log.consumer("dest-1", EventLog.AssignmentListener.NONE);
      assertThat(consumer.committed(WalEventLog.PARTITION).offset()).isZero();
      log.append(List.of(event("{}"), event("{}"), event("{}")));
      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(4));
    }
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      assertThat(
              log.consumer("dest-1", EventLog.AssignmentListener.NONE)
                  .committed(WalEventLog.PARTITION)
                  .offset())
          .isEqualTo(4);
      assertThat(
              log.consumer("dest-2", EventLog.AssignmentListener.NONE)
                  .committed(WalEventLog.PARTITION)
                  .offset())
          .isZero();
    }
  }

  @Test
  void commitsOnlyMoveForwardAndStayWithinTheLog() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
      log.append(List.of(event("{}"), event("{}")));
      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(2));
      assertThatThrownBy(() -> consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(1)))
          .hasMessageContaining("move forward from 2");
      assertThatThrownBy(() -> consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(3)))
          .hasMessageContaining("end of the log, 2");
    }
  }

  @Test
  void segmentsAreDeletedOnlyOnceEveryConsumerCommittedPastThem() {
    try (WalEventLog log = WalEventLog.open(small())) {
      EventLog.Consumer fast = log.consumer("fast", EventLog.AssignmentListener.NONE);
      EventLog.Consumer slow = log.consumer("slow", EventLog.AssignmentListener.NONE);
      for (int i = 0; i < 100; i++) {
        log.append(List.of(event("{\"i\":" + i + "}")));
      }
      int segments = segmentFiles().size();
      fast.commit(WalEventLog.PARTITION, CommittedPosition.at(100));
      assertThat(segmentFiles()).hasSize(segments);
      assertThat(log.startOffset()).isZero();

      slow.commit(WalEventLog.PARTITION, CommittedPosition.at(50));
      assertThat(segmentFiles()).hasSizeLessThan(segments);
      assertThat(log.startOffset()).isPositive().isLessThanOrEqualTo(50);
      assertThat(payloads(slow.read(WalEventLog.PARTITION, 50, 1, Duration.ZERO)))
          .containsExactly("{\"i\":50}");
      assertThatThrownBy(() -> slow.read(WalEventLog.PARTITION, 0, 1, Duration.ZERO))
          .hasMessageContaining("no longer in the event log");

      log.removeGroup("slow");
      assertThat(segmentFiles()).hasSize(1);
      assertThat(log.startOffset()).isGreaterThan(50);
    }
  }

  @Test
  void segmentsLeftByACrashAfterACommitAreDeletedOnOpen() throws IOException {
    try (WalEventLog log = WalEventLog.open(small())) {
      log.addGroup("dest");
      for (int i = 0; i < 100; i++) {
        log.append(List.of(event("{\"i\":" + i + "}")));
      }
    }
    int segments = segmentFiles().size();
    // What a crash right after storing the position, before deleting the segments, leaves behind.
    Files.writeString(dir.resolve("consumers").resolve("dest.offset"), "100\n");

    try (WalEventLog log = WalEventLog.open(small())) {
      assertThat(segmentFiles()).hasSizeLessThan(segments);
      assertThat(
              log.consumer("dest", EventLog.AssignmentListener.NONE)
                  .committed(WalEventLog.PARTITION)
                  .offset())
          .isEqualTo(100);
      assertThat(log.endOffset()).isEqualTo(100);
    }
  }

  @Test
  void theActiveSegmentIsKeptEvenWhenEverythingIsCommitted() {
    try (WalEventLog log = WalEventLog.open(small())) {
      EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
      for (int i = 0; i < 30; i++) {
        log.append(List.of(event("{\"i\":" + i + "}")));
      }
      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(30));
      assertThat(segmentFiles()).hasSize(1);
      assertThat(log.append(List.of(event("{\"i\":30}")))).isEqualTo(30);
    }
  }

  @Test
  void aFullLogRejectsAppendsUntilConsumersCommitAndSegmentsAreReclaimed() {
    WalSettings settings = WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(4096);
    byte[] payload = new byte[200];
    Arrays.fill(payload, (byte) 'x');
    try (WalEventLog log = WalEventLog.open(settings)) {
      EventLog.Consumer consumer = log.consumer("dest", EventLog.AssignmentListener.NONE);
      int accepted = 0;
      LogFullException full = null;
      while (full == null) {
        try {
          log.append(List.of(new LogEntry(RecordType.EVENTS, TIME, payload)));
          accepted++;
        } catch (LogFullException e) {
          full = e;
        }
      }
      assertThat(full)
          .hasMessageContaining("holds " + log.sizeBytes() + " bytes of its quota of 4096 bytes")
          .hasMessageContaining("check the status of each destination")
          .hasMessageNotContaining("routing.log.maxBytes");
      assertThat(log.sizeBytes()).isLessThanOrEqualTo(4096);
      assertThat(log.endOffset()).isEqualTo(accepted);

      consumer.commit(WalEventLog.PARTITION, CommittedPosition.at(log.endOffset()));

      assertThat(log.sizeBytes()).isLessThan(2048);
      assertThat(log.append(List.of(new LogEntry(RecordType.EVENTS, TIME, payload))))
          .isEqualTo(accepted);
    }
  }

  @Test
  void aFullLogRefusesAnAppendWhenItIsQueuedSoNoLaterAppendOvertakesIt() {
    WalSettings settings = WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(4096);
    try (WalEventLog log = WalEventLog.open(settings)) {
      log.addGroup("dest");
      List<CompletableFuture<Long>> queued = new ArrayList<>();
      List<String> accepted = new ArrayList<>();
      LogFullException refused = null;
      // Alternately large and small, queued faster than the writer syncs: when the quota is
      // checked only as the writer takes them, a small append fits where a large one before it did
      // not, and the large one's retry would land behind it.
      for (int i = 0; refused == null && i < 1000; i++) {
        String payload = "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(i % 2 == 0 ? 300 : 10) + "\"}";
        try {
          queued.add(log.appendAsync(List.of(event(payload))));
          accepted.add(payload);
        } catch (LogFullException e) {
          refused = e;
        }
      }

      assertThat(refused).isNotNull();
      assertThat(queued).allSatisfy(f -> assertThat(f).succeedsWithin(Duration.ofSeconds(10)));
      assertThat(
              payloads(
                  log.consumer("dest", EventLog.AssignmentListener.NONE)
                      .read(WalEventLog.PARTITION, 0, 1000, Duration.ZERO)))
          .containsExactlyElementsOf(accepted);
      assertThat(log.sizeBytes()).isLessThanOrEqualTo(4096);
    }
  }

  @Test
  void aNewConsumerStartsAtTheStartOfTheRetainedLogNotAtItsEnd() {
    try (WalEventLog log = WalEventLog.open(small())) {
      log.append(List.of(event("{\"before\":1}"), event("{\"before\":2}")));

      EventLog.Consumer late = log.consumer("created-later", EventLog.AssignmentListener.NONE);

      assertThat(late.committed(WalEventLog.PARTITION).offset()).isZero();
      assertThat(
              payloads(
                  late.read(
                      WalEventLog.PARTITION,
                      late.committed(WalEventLog.PARTITION).offset(),
                      10,
                      Duration.ZERO)))
          .containsExactly("{\"before\":1}", "{\"before\":2}");
    }
  }

  @Test
  void aConsumerCreatedAfterReclamationStartsAtWhatIsStillRetained() {
    try (WalEventLog log = WalEventLog.open(small())) {
      EventLog.Consumer first = log.consumer("first", EventLog.AssignmentListener.NONE);
      for (int i = 0; i < 200; i++) {
        log.append(List.of(event("{\"n\":" + i + "}")));
      }
      first.commit(WalEventLog.PARTITION, CommittedPosition.at(150));
      long retained = log.startOffset();
      assertThat(retained).isPositive().isLessThanOrEqualTo(150);

      EventLog.Consumer second = log.consumer("second", EventLog.AssignmentListener.NONE);

      assertThat(second.committed(WalEventLog.PARTITION).offset()).isEqualTo(retained);
      assertThat(second.read(WalEventLog.PARTITION, retained, 1000, Duration.ZERO))
          .hasSize((int) (200 - retained));
    }
  }

  @Test
  void anAppendLargerThanTheFreeSpaceWritesNothingOfIt() {
    WalSettings settings = WalSettings.defaults(dir).withSegmentBytes(1024).withMaxBytes(2048);
    try (WalEventLog log = WalEventLog.open(settings)) {
      log.append(List.of(event("{\"kept\":1}")));
      long size = log.sizeBytes();
      List<LogEntry> tooMany = Collections.nCopies(100, event("{\"dropped\":true}"));
      assertThatThrownBy(() -> log.append(tooMany)).isInstanceOf(LogFullException.class);
      assertThat(log.sizeBytes()).isEqualTo(size);
      assertThat(log.endOffset()).isEqualTo(1);
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFailClearly() {
    WalEventLog log = WalEventLog.open(WalSettings.defaults(dir));
    EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(List.of(event("{}")))).hasMessageContaining("closed");
    assertThatThrownBy(() -> consumer.read(WalEventLog.PARTITION, 0, 1, Duration.ZERO))
        .hasMessageContaining("closed");
  }

  @Test
  void closeWakesAWaitingReaderAndCompletesAppendsInFlight() throws Exception {
    WalEventLog log = WalEventLog.open(WalSettings.defaults(dir));
    EventLog.Consumer consumer = log.consumer("c", EventLog.AssignmentListener.NONE);
    CompletableFuture<List<LogRecord>> waiting =
        CompletableFuture.supplyAsync(
            () -> consumer.read(WalEventLog.PARTITION, 0, 10, Duration.ofMinutes(5)));
    List<CompletableFuture<Object>> appends = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      appends.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return log.append(List.of(event("{}")));
                } catch (IllegalStateException e) {
                  return e;
                }
              }));
    }
    log.close();
    for (CompletableFuture<Object> append : appends) {
      assertThat(append.get()).isInstanceOfAny(Long.class, IllegalStateException.class);
    }
    assertThat(waiting).failsWithin(Duration.ofSeconds(10));
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      assertThatThrownBy(() -> WalEventLog.open(WalSettings.defaults(dir)))
          .hasMessageContaining("already open");
      assertThat(log.endOffset()).isZero();
    }
  }

  @Test
  void invalidConsumerIdsAreRejectedWithTheRule() {
    try (WalEventLog log = WalEventLog.open(WalSettings.defaults(dir))) {
      assertThatThrownBy(() -> log.consumer("../escape", EventLog.AssignmentListener.NONE))
          .hasMessageContaining("consumer id '../escape' is not valid");
    }
  }

  private List<String> segmentFiles() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".log"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
