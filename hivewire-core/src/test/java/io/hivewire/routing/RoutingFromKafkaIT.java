package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.kafka.KafkaEventLog;
import io.hivewire.routing.log.kafka.KafkaLogSettings;
import io.hivewire.routing.log.kafka.KafkaTestCluster;
import io.hivewire.s3.ForwardingObjectStore;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.SupportsMultipartUpload;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing from Kafka (an in-process KRaft broker, topics of three partitions) into S3Proxy, read
 * back with DuckDB: every record lands exactly once across crashes of a member and rebalances.
 */
class RoutingFromKafkaIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path kafkaDir;
  private static KafkaTestCluster kafka;
  private static LocalS3Fixture s3;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaTestCluster.start(kafkaDir.resolve("kafka"));
    s3 = LocalS3Fixture.start("once", "killed", "rebalance", "budget", "sweep");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private EventLog openLog(String topicPrefix, String node) {
    return openLog(topicPrefix, node, Map.of());
  }

  private EventLog openLog(String topicPrefix, String node, Map<String, String> properties) {
    EventLog log =
        KafkaEventLog.open(
            new KafkaLogSettings(
                kafka.bootstrapServers(),
                topicPrefix,
                3,
                (short) 1,
                properties,
                node,
                Duration.ofSeconds(10)));
    open.add(log);
    return log;
  }

  /** A node's destination: its own log client, state dir and worker id, as a server wires it. */
  private RoutingDestination member(
      String topicPrefix, String node, String bucket, ObjectStore store, SimpleMeterRegistry reg) {
    return member(
        topicPrefix,
        node,
        bucket,
        store,
        reg,
        RotationPolicy.defaults()
            .withFlushInterval(Duration.ofSeconds(1))
            .withMaxFileBytes(16 * 1024),
        Map.of());
  }

  private RoutingDestination member(
      String topicPrefix,
      String node,
      String bucket,
      ObjectStore store,
      SimpleMeterRegistry reg,
      RotationPolicy rotation,
      Map<String, String> properties) {
    EventLog log = openLog(topicPrefix, node, properties);
    RoutingSettings settings =
        RoutingSettings.of(
                "dest",
                new S3Location(bucket, RoutingFixture.PREFIX),
                new WorkerId(node),
                dir.resolve(node))
            .withRotation(rotation)
            .withGzipThreads(1);
    RoutingDestination destination =
        new RoutingDestination(
            settings, log, store, InstantSource.system(), reg, duration -> Thread.sleep(1));
    open.add(destination);
    destination.start();
    return destination;
  }

  /** Appends {@code count} events keyed by 50 users over three hours, and returns their ids. */
  private static List<String> appendEvents(EventLog log, String run, int count) {
    return appendEvents(log, run, count, 3);
  }

  /** Appends {@code count} events keyed by 50 users over {@code hours}, and returns their ids. */
  private static List<String> appendEvents(EventLog log, String run, int count, int hours) {
    Instant start = Instant.parse("2026-01-15T12:00:00Z");
    List<String> ids = new ArrayList<>();
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = run + "-" + i;
      Instant time = start.plusSeconds(i * 3_600L * hours / count);
      String json =
          "{\"event_id\":\""
              + id
              + "\",\"time\":\""
              + time
              + "\",\"pad\":\""
              + "x".repeat(80)
              + "\"}";
      entries.add(
          new LogEntry(
              RecordType.EVENTS, time, json.getBytes(StandardCharsets.UTF_8), "user-" + (i % 50)));
      ids.add(id);
      if (entries.size() == 500) {
        log.append(entries);
        entries.clear();
      }
    }
    if (!entries.isEmpty()) {
      log.append(entries);
    }
    return ids;
  }

  @Test
  void everyRecordOfThreePartitionsIsInTheBucketOnceWithTheBindingLayout() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RoutingDestination node = member("once.", "node-a", "once", s3.store(), registry);
    EventLog log = openLog("once.", "writer");
    List<String> ids = appendEvents(log, "once", 3000);
    log.append(
        List.of(
            new LogEntry(
                RecordType.SYNC_ALIASES,
                Instant.parse("2026-01-15T13:10:00Z"),
                "{\"event_id\":\"alias-1\",\"time\":\"2026-01-15T13:10:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8),
                "user-1")));

    awaitAll("once", ids.size() + 1);
    assertThat(node.flush(WAIT)).as("flushed; %s", node.status()).isTrue();

    Map<String, Integer> seen = countsById("once");
    assertThat(seen).hasSize(ids.size() + 1).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
    assertThat(keys("once"))
        .allMatch(k -> ObjectNamerTest.BINDING_KEY.matcher(k).matches())
        .allMatch(k -> k.endsWith("-node-a.jsonl.gz"));
    assertThat(node.routedPartitions().keySet())
        .extracting(LogPartition::number)
        .containsOnly(0, 1, 2);
    assertThat(node.routedPartitions()).hasSize(9);
    // Every partition is committed to its end, so the lag reads zero once the ends are re-read.
    awaitTrue(
        "lag 0",
        () ->
            registry.find("hivewire.routing.consumer.lag").gauges().stream()
                    .mapToDouble(Gauge::value)
                    .sum()
                == 0);
    assertThat(registry.find("hivewire.routing.consumer.lag").gauges()).hasSize(9);
  }

  @Test
  void filesOpenAcrossEveryPartitionStayWithinTheDestinationsBudget() throws Exception {
    int budget = 4;
    RoutingDestination node =
        member(
            "budget.",
            "node-a",
            "budget",
            s3.store(),
            new SimpleMeterRegistry(),
            RotationPolicy.defaults()
                .withFlushInterval(Duration.ofMinutes(10))
                .withMaxOpenPartitions(budget),
            // Small polls, so that files stay open from one read to the next.
            Map.of("max.poll.records", "50"));
    EventLog log = openLog("budget.", "writer");
    // Looked at from before the first append, since reading may keep up with appending.
    AtomicInteger mostOpen = new AtomicInteger();
    AtomicBoolean looking = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (looking.get()) {
                    mostOpen.accumulateAndGet(node.openPartitions(), Math::max);
                    LockSupport.parkNanos(200_000);
                  }
                });
    // 24 hours over three partitions: each partition's writer alone would keep four files open,
    // twelve in all, since no file is due by age or size.
    List<String> ids = appendEvents(log, "budget", 3000, 24);
    awaitTrue("every record read", () -> node.progress().recordsRead() >= ids.size());
    looking.set(false);
    sampler.join();
    assertThat(node.flush(WAIT)).as("flushed; %s", node.status()).isTrue();

    assertThat(mostOpen.get()).isPositive().isLessThanOrEqualTo(budget);
    assertThat(countsById("budget"))
        .hasSize(ids.size())
        .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
  }

  @Test
  void theNextOwnerReCreatesTheFilesAKilledMemberCutUnderTheSameKeys() throws Exception {
    String prefix = "killed.";
    RoutingDestination killed =
        member(prefix, "node-a", "killed", new StalledStore(s3.store()), new SimpleMeterRegistry());
    EventLog log = openLog(prefix, "writer");
    List<String> ids = new ArrayList<>(appendEvents(log, "killed", 2000));
    EventLog admin = openLog(prefix, "admin");
    awaitTrue(
        "node-a recorded cuts in the commit metadata",
        () ->
            admin.partitions().stream()
                .anyMatch(p -> !admin.committed("dest", p).metadata().isEmpty()));
    assertThat(keys("killed")).isEmpty();
    // A crash: nothing uploaded, nothing committed past the cuts.
    killed.close();
    ids.addAll(appendEvents(log, "after", 500));

    RoutingDestination next =
        member(prefix, "node-b", "killed", s3.store(), new SimpleMeterRegistry());
    awaitAll("killed", ids.size());
    assertThat(next.flush(WAIT)).as("flushed; %s", next.status()).isTrue();

    Map<String, Integer> seen = countsById("killed");
    assertThat(seen).hasSize(ids.size()).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
    assertThat(keys("killed"))
        .as("files cut by node-a keep its id; what it never cut is node-b's")
        .anyMatch(k -> k.endsWith("-node-a.jsonl.gz"))
        .anyMatch(k -> k.endsWith("-node-b.jsonl.gz"));
    for (LogPartition partition : admin.partitions()) {
      assertThat(admin.committed("dest", partition).metadata()).as("%s", partition).isEmpty();
    }
  }

  @Test
  void aMemberJoiningAndOneLeavingMidStreamLeaveEveryRecordOnce() throws Exception {
    String prefix = "rebalance.";
    RoutingDestination a =
        member(prefix, "node-a", "rebalance", s3.store(), new SimpleMeterRegistry());
    RoutingDestination b =
        member(prefix, "node-b", "rebalance", s3.store(), new SimpleMeterRegistry());
    EventLog log = openLog(prefix, "writer");
    List<String> ids = new ArrayList<>(appendEvents(log, "one", 1500));
    awaitTrue(
        "both members route",
        () -> !a.routedPartitions().isEmpty() && !b.routedPartitions().isEmpty());
    RoutingDestination c =
        member(prefix, "node-c", "rebalance", s3.store(), new SimpleMeterRegistry());
    ids.addAll(appendEvents(log, "two", 1500));
    awaitTrue("the third member routes", () -> !c.routedPartitions().isEmpty());
    a.close();
    ids.addAll(appendEvents(log, "three", 1500));

    awaitAll("rebalance", ids.size());
    Map<String, Integer> seen = countsById("rebalance");
    assertThat(seen).hasSize(ids.size()).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
    assertThat(b.routedPartitions().size() + c.routedPartitions().size()).isEqualTo(9);
  }

  /** A bucket whose uploads never finish: the member cuts and records, then dies mid-upload. */
  private static final class StalledStore extends ForwardingObjectStore {
    StalledStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public ObjectInfo put(S3Location location, Path file, PutOptions options) {
      try {
        Thread.sleep(Duration.ofHours(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new java.util.concurrent.CancellationException("stalled upload of " + location);
    }
  }

  private void awaitAll(String bucket, int records) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int lines = 0;
    while (System.nanoTime() < deadline) {
      lines = countsById(bucket).values().stream().mapToInt(Integer::intValue).sum();
      if (lines >= records) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the bucket holds " + lines + " of " + records + " records");
  }

  @Test
  void routingAbortsTheMultipartUploadsUnderItsPrefixBegunOverADayAgo() throws Exception {
    ObjectStore store = s3.store();
    SupportsMultipartUpload multipart = store.multipart().orElseThrow();
    // What a node killed mid-upload leaves: a multipart upload nobody will complete.
    multipart.start(
        new S3Location("sweep", RoutingFixture.PREFIX + "type=events/left-by-a-dead-node.jsonl.gz"),
        PutOptions.defaults());
    multipart.start(new S3Location("sweep", "someone-else/upload.bin"), PutOptions.defaults());
    EventLog log = openLog("sweep.", "node-a");
    RoutingSettings settings =
        RoutingSettings.of(
            "dest",
            new S3Location("sweep", RoutingFixture.PREFIX),
            new WorkerId("node-a"),
            dir.resolve("node-a"));
    // Two days on, both uploads were begun over a day ago.
    InstantSource twoDaysOn = () -> Instant.now().plus(Duration.ofDays(2));
    RoutingDestination destination =
        new RoutingDestination(
            settings, log, store, twoDaysOn, new SimpleMeterRegistry(), duration -> {});
    open.add(destination);

    destination.start();

    awaitTrue(
        "the upload under the prefix aborted",
        () -> multipart.listPending("sweep", RoutingFixture.PREFIX).isEmpty());
    assertThat(multipart.listPending("sweep", "someone-else/"))
        .as("an upload outside the destination's prefix")
        .hasSize(1);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  private static List<String> keys(String bucket) {
    return s3.store().listRecursively(bucket, RoutingFixture.PREFIX).stream()
        .map(ObjectInfo::key)
        .sorted()
        .toList();
  }

  /** How many times DuckDB reads each event id in the bucket's hourly tree. */
  private Map<String, Integer> countsById(String bucket) throws IOException, java.sql.SQLException {
    Path tree = Files.createTempDirectory(dir, "download");
    List<ObjectInfo> objects = s3.store().listRecursively(bucket, RoutingFixture.PREFIX);
    for (ObjectInfo object : objects) {
      Path file = tree.resolve(object.key());
      Files.createDirectories(file.getParent());
      try (InputStream in = s3.store().open(new S3Location(bucket, object.key()))) {
        Files.copy(in, file);
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    if (objects.isEmpty()) {
      return seen;
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT event_id, type, hour FROM read_json('"
                    + tree.resolve("permutive")
                    + "/*/year=*/month=*/day=*/hour=*/*.jsonl.gz', hive_partitioning = true,"
                    + " hive_types_autocast = false, columns = {event_id: 'VARCHAR', time:"
                    + " 'VARCHAR'})")) {
      while (rows.next()) {
        seen.merge(rows.getString("event_id"), 1, Integer::sum);
      }
    }
    return seen;
  }
}
