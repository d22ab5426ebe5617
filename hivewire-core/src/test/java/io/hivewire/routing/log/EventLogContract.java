package io.hivewire.routing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventLog} promises the routing engine and the collection API. Each
 * implementation runs it through a subclass that opens a fresh, empty log per test.
 */
public abstract class EventLogContract {

  private static final Instant TIME = Instant.parse("2026-01-15T14:00:00Z");

  /** Long enough for a group to form on a real broker, short enough to fail a broken one. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  protected EventLog log;

  /** A fresh log holding nothing, and no groups. */
  protected abstract EventLog openLog() throws Exception;

  @BeforeEach
  void open() throws Exception {
    log = openLog();
  }

  @AfterEach
  void closeLog() {
    if (log != null) {
      log.close();
    }
  }

  private static LogEntry entry(String key, int seq) {
    return entry(RecordType.EVENTS, key, seq);
  }

  private static LogEntry entry(RecordType type, String key, int seq) {
    String json = "{\"user\":\"" + key + "\",\"seq\":" + seq + "}";
    return new LogEntry(type, TIME.plusSeconds(seq), json.getBytes(StandardCharsets.UTF_8), key);
  }

  private static String payload(LogRecord record) {
    return new String(record.payload(), StandardCharsets.UTF_8);
  }

  /** Records every change of assignment, in order. */
  private static final class Heard implements EventLog.AssignmentListener {
    final List<String> changes = new CopyOnWriteArrayList<>();
    final Set<LogPartition> owned = new HashSet<>();

    @Override
    public void assigned(Collection<LogPartition> partitions) {
      owned.addAll(partitions);
      partitions.forEach(p -> changes.add("assigned " + p));
    }

    @Override
    public void revoked(Collection<LogPartition> partitions) {
      owned.removeAll(partitions);
      partitions.forEach(p -> changes.add("revoked " + p));
    }
  }

  /** Waits until {@code consumer}, the group's only member, owns every partition. */
  private Set<LogPartition> ownAll(EventLog.Consumer consumer) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Set<LogPartition> owned = Set.of();
    while (System.nanoTime() < deadline) {
      owned = consumer.assignment(Duration.ofMillis(200));
      if (owned.containsAll(log.partitions())) {
        return owned;
      }
    }
    throw new AssertionError("the only member of a group was assigned only " + owned);
  }

  /** Reads every partition from the group's commits up to the current end offsets. */
  private Map<LogPartition, List<LogRecord>> readToEnd(EventLog.Consumer consumer) {
    Map<LogPartition, List<LogRecord>> read = new LinkedHashMap<>();
    for (LogPartition partition : ownAll(consumer)) {
      List<LogRecord> records = new ArrayList<>();
      long next = consumer.committed(partition).offset();
      long end = log.endOffset(partition);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (next < end && System.nanoTime() < deadline) {
        records.addAll(consumer.read(partition, next, 100, Duration.ofMillis(200)));
        next = consumer.position(partition);
      }
      assertThat(next).as("read %s up to its end", partition).isEqualTo(end);
      read.put(partition, records);
    }
    return read;
  }

  @Test
  void everyAppendedRecordIsReadBackOnceWithItsTypeTimeAndPayload() {
    log.append(List.of(entry("u1", 1), entry(RecordType.SYNC_ALIASES, "u2", 2)));
    log.append(List.of(entry(RecordType.SEGMENT, "segments", 3)));

    try (EventLog.Consumer consumer =
        log.consumer("everything", EventLog.AssignmentListener.NONE)) {
      List<LogRecord> all = readToEnd(consumer).values().stream().flatMap(List::stream).toList();

      assertThat(all)
          .extracting(r -> r.type() + " " + r.time() + " " + payload(r))
          .containsExactlyInAnyOrder(
              "EVENTS 2026-01-15T14:00:01Z {\"user\":\"u1\",\"seq\":1}",
              "SYNC_ALIASES 2026-01-15T14:00:02Z {\"user\":\"u2\",\"seq\":2}",
              "SEGMENT 2026-01-15T14:00:03Z {\"user\":\"segments\",\"seq\":3}");
    }
  }

  @Test
  void aRecordsTimeIsReadBackToTheMicrosecondHoweverFarFromNowOrFromTheEpochItIs() {
    Instant now = Instant.now();
    List<Instant> times =
        List.of(
            TIME.plusMillis(1),
            TIME.plusNanos(1_000),
            TIME.minusNanos(1_500_000),
            now.minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MICROS),
            now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS),
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"));
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      byte[] payload = String.valueOf(i).getBytes(StandardCharsets.UTF_8);
      entries.add(new LogEntry(RecordType.EVENTS, times.get(i), payload, "same-user"));
    }
    log.append(entries);

    try (EventLog.Consumer consumer = log.consumer("times", EventLog.AssignmentListener.NONE)) {
      List<LogRecord> all = readToEnd(consumer).values().stream().flatMap(List::stream).toList();

      assertThat(all).extracting(LogRecord::time).containsExactlyElementsOf(times);
    }
  }

  @Test
  void oneKeysRecordsStayInAppendOrderInOnePartition() {
    List<LogEntry> entries = new ArrayList<>();
    for (int seq = 0; seq < 60; seq++) {
      entries.add(entry("user-" + (seq % 3), seq));
    }
    log.append(entries.subList(0, 30));
    log.appendAsync(entries.subList(30, 60)).join();

    try (EventLog.Consumer consumer = log.consumer("ordered", EventLog.AssignmentListener.NONE)) {
      Map<String, Set<LogPartition>> partitionsOfKey = new LinkedHashMap<>();
      Map<String, List<String>> seen = new LinkedHashMap<>();
      readToEnd(consumer)
          .forEach(
              (partition, records) ->
                  records.forEach(
                      r -> {
                        String user = payload(r).replaceAll(".*\"user\":\"([^\"]+)\".*", "$1");
                        partitionsOfKey.computeIfAbsent(user, k -> new HashSet<>()).add(partition);
                        seen.computeIfAbsent(user, k -> new ArrayList<>()).add(payload(r));
                      }));

      assertThat(partitionsOfKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
      for (int user = 0; user < 3; user++) {
        String key = "user-" + user;
        List<String> expected =
            entries.stream()
                .filter(e -> e.key().equals(key))
                .map(e -> new String(e.payload(), StandardCharsets.UTF_8))
                .toList();
        assertThat(seen.get(key)).as(key).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void smallReadsInTurnAcrossPartitionsGoOnFromWhereEachLeftOffWhileAppendsArrive()
      throws Exception {
    int appends = 300;
    Thread appender =
        Thread.ofVirtual()
            .start(
                () -> {
                  // One append per record: on Kafka each is a transaction, its marker a gap.
                  for (int seq = 0; seq < appends; seq++) {
                    log.append(List.of(entry("user-" + (seq % 7), seq)));
                  }
                });
    try (EventLog.Consumer consumer = log.consumer("in-turn", EventLog.AssignmentListener.NONE)) {
      Set<LogPartition> owned = ownAll(consumer);
      Map<LogPartition, Long> next = new LinkedHashMap<>();
      owned.forEach(p -> next.put(p, consumer.committed(p).offset()));
      List<String> read = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while ((appender.isAlive() || read.size() < appends) && System.nanoTime() < deadline) {
        for (LogPartition partition : owned) {
          // As a route reads: past the last record, then on to the position the log gives.
          List<LogRecord> batch =
              consumer.read(partition, next.get(partition), 3, Duration.ofMillis(5));
          long after = batch.isEmpty() ? next.get(partition) : batch.getLast().offset() + 1;
          next.put(partition, Math.max(after, consumer.position(partition)));
          batch.forEach(r -> read.add(payload(r)));
        }
      }
      appender.join();

      assertThat(read).as("read within %s", PATIENCE).hasSize(appends).doesNotHaveDuplicates();
    }
  }

  @Test
  void offsetsInAPartitionIncreaseAndEndAfterTheLastDurableRecord() {
    for (int seq = 0; seq < 20; seq++) {
      log.append(List.of(entry("u" + seq, seq)));
    }

    try (EventLog.Consumer consumer = log.consumer("offsets", EventLog.AssignmentListener.NONE)) {
      Map<LogPartition, List<LogRecord>> read = readToEnd(consumer);

      assertThat(read.values().stream().mapToInt(List::size).sum()).isEqualTo(20);
      read.forEach(
          (partition, records) -> {
            for (int i = 1; i < records.size(); i++) {
              assertThat(records.get(i).offset()).isGreaterThan(records.get(i - 1).offset());
            }
            if (!records.isEmpty()) {
              assertThat(log.endOffset(partition)).isGreaterThan(records.getLast().offset());
              LogRecord first = records.getFirst();
              assertThat(log.recordAt(partition, first.offset()))
                  .hasValueSatisfying(r -> assertThat(payload(r)).isEqualTo(payload(first)));
              assertThat(log.recordAt(partition, log.endOffset(partition))).isEmpty();
            }
          });
    }
  }

  @Test
  void aGroupAddedBeforeAppendsIsDeliveredEverythingFromTheStart() {
    log.append(List.of(entry("before", 1)));
    log.addGroup("late-reader");
    log.append(List.of(entry("after", 2)));

    for (LogPartition partition : log.partitions()) {
      assertThat(log.committed("late-reader", partition))
          .as("a new group starts at the start of what %s holds", partition)
          .isEqualTo(CommittedPosition.at(0));
    }
    try (EventLog.Consumer consumer =
        log.consumer("late-reader", EventLog.AssignmentListener.NONE)) {
      assertThat(readToEnd(consumer).values().stream().flatMap(List::stream).map(r -> payload(r)))
          .containsExactlyInAnyOrder(
              "{\"user\":\"before\",\"seq\":1}", "{\"user\":\"after\",\"seq\":2}");
    }
  }

  @Test
  void aCommitWithItsMetadataIsWhereTheNextMemberResumes() {
    for (int seq = 0; seq < 10; seq++) {
      log.append(List.of(entry("u" + seq, seq)));
    }
    Map<LogPartition, CommittedPosition> committed = new LinkedHashMap<>();
    try (EventLog.Consumer first = log.consumer("resumer", EventLog.AssignmentListener.NONE)) {
      readToEnd(first)
          .forEach(
              (partition, records) -> {
                if (!records.isEmpty()) {
                  CommittedPosition position =
                      new CommittedPosition(
                          records.getLast().offset(),
                          "cut\ttype=events\t" + records.getFirst().offset() + "\tü");
                  first.commit(partition, position);
                  committed.put(partition, position);
                }
              });
    }
    assertThat(committed).isNotEmpty();

    committed.forEach(
        (partition, position) ->
            assertThat(log.committed("resumer", partition)).isEqualTo(position));
    try (EventLog.Consumer next = log.consumer("resumer", EventLog.AssignmentListener.NONE)) {
      ownAll(next);
      committed.forEach(
          (partition, position) -> {
            assertThat(next.committed(partition)).isEqualTo(position);
            List<LogRecord> rest = next.read(partition, position.offset(), 10, PATIENCE);
            assertThat(rest).extracting(LogRecord::offset).containsExactly(position.offset());
          });
    }
  }

  @Test
  void theListenerHearsTheAssignmentAndItsRevocationWhenTheMemberLeaves() {
    Heard heard = new Heard();
    EventLog.Consumer consumer = log.consumer("listened", heard);
    Set<LogPartition> owned = ownAll(consumer);

    assertThat(owned).containsExactlyInAnyOrderElementsOf(log.partitions());
    assertThat(heard.owned).containsExactlyInAnyOrderElementsOf(log.partitions());

    consumer.close();

    assertThat(heard.owned).isEmpty();
    assertThat(heard.changes.getLast()).startsWith("revoked ");
    assertThat(consumer.assignment(Duration.ZERO)).isEmpty();
    LogPartition any = log.partitions().getFirst();
    assertThatThrownBy(() -> consumer.commit(any, CommittedPosition.at(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRemovedGroupForgetsItsPositions() {
    log.append(List.of(entry("u", 1)));
    Map<LogPartition, Long> starts = new LinkedHashMap<>();
    try (EventLog.Consumer consumer = log.consumer("removed", EventLog.AssignmentListener.NONE)) {
      readToEnd(consumer)
          .forEach(
              (partition, records) -> {
                starts.put(partition, consumer.committed(partition).offset());
                if (!records.isEmpty()) {
                  consumer.commit(partition, CommittedPosition.at(log.endOffset(partition)));
                }
              });
    }

    log.removeGroup("removed");

    starts.forEach(
        (partition, start) ->
            assertThat(log.committed("removed", partition).offset()).isEqualTo(start));
  }

  @Test
  void anEmptyAppendWritesNothing() {
    log.append(List.of());

    assertThat(log.partitions()).isNotEmpty();
    for (LogPartition partition : log.partitions()) {
      assertThat(log.endOffset(partition)).isZero();
    }
  }
}
