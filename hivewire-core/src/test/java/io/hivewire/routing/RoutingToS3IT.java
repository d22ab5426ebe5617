package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing against S3Proxy (SigV4), read back by DuckDB as an independent reader. */
class RoutingToS3IT {

  private static LocalS3Fixture s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start("duckdb", "faulty", "denied", "large", "stalled");
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  /** {@code count} events from 12:00 to 17:59 UTC on 2026-01-15, every 7th an hour late. */
  private static long appendEvents(RoutingFixture routing, String run, int count) {
    Instant start = Instant.parse("2026-01-15T12:00:00Z");
    long spacing = Duration.ofHours(6).toMillis() / count;
    String[] idsAndTimes = new String[count * 2];
    for (int i = 0; i < count; i++) {
      Instant time = start.plusMillis(i * spacing);
      if (i % 7 == 0 && time.isAfter(start.plusSeconds(3600))) {
        time = time.minusSeconds(3600);
      }
      idsAndTimes[2 * i] = run + "-" + i;
      idsAndTimes[2 * i + 1] = time.toString();
    }
    return routing.append(RecordType.EVENTS, idsAndTimes);
  }

  private static void drain(RoutingFixture routing, long end) throws InterruptedException {
    routing.destination.drain();
    assertThat(routing.destination.awaitCommitted(end, Duration.ofSeconds(60)))
        .as("committed; status %s", routing.destination.status())
        .isTrue();
  }

  @Test
  void duckDbReadsEveryRecordOnceWithItsHivePartitionColumns() throws Exception {
    try (RoutingFixture routing =
        new RoutingFixture(dir, s3.store(), new ManualClock(Instant.now()), "duckdb")) {
      routing.start(
          routing.settings().withRotation(RotationPolicy.defaults().withMaxFileBytes(64 * 1024)));
      appendEvents(routing, "a", 4000);
      routing.append(
          RecordType.SYNC_ALIASES,
          "alias-1",
          "2026-01-15T13:10:00Z",
          "alias-2",
          "2026-01-15T16:00:00Z");
      long end = routing.append(RecordType.SEGMENT, "segment-1", "2026-01-15T13:00:00Z");
      drain(routing, end);

      List<String> keys = routing.keys();
      assertThat(keys)
          .hasSizeGreaterThan(6)
          .allMatch(k -> ObjectNamerTest.BINDING_KEY.matcher(k).matches());
      Path tree = download(routing.store, "duckdb", dir.resolve("download"));

      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement sql = duck.createStatement()) {
        String hourly = tree.resolve("permutive") + "/*/year=*/month=*/day=*/hour=*/*.jsonl.gz";
        try (ResultSet rows =
            sql.executeQuery(
                "SELECT type, year, month, day, hour, event_id, CAST(time AS VARCHAR) AS time"
                    + " FROM read_json('"
                    + hourly
                    + "', hive_partitioning = true,"
                    + " hive_types_autocast = false, columns = {event_id: 'VARCHAR', time: 'VARCHAR'})")) {
          Map<String, Integer> seen = new HashMap<>();
          while (rows.next()) {
            String id = rows.getString("event_id");
            seen.merge(id, 1, Integer::sum);
            HourBucket hour = HourBucket.of(Instant.parse(rows.getString("time")));
            String expectedType = id.startsWith("alias") ? "sync_aliases" : "events";
            assertThat(rows.getString("type")).as(id).isEqualTo(expectedType);
            assertThat(
                    "year="
                        + rows.getString("year")
                        + "/month="
                        + rows.getString("month")
                        + "/day="
                        + rows.getString("day")
                        + "/hour="
                        + rows.getString("hour"))
                .as(id)
                .isEqualTo(hour.path());
          }
          assertThat(seen).hasSize(4002).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        }
        String segments = tree.resolve("permutive") + "/type=segment/*.jsonl.gz";
        try (ResultSet rows =
            sql.executeQuery(
                "SELECT type, event_id FROM read_json('"
                    + segments
                    + "', hive_partitioning = true)")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString("type")).isEqualTo("segment");
          assertThat(rows.getString("event_id")).isEqualTo("segment-1");
          assertThat(rows.next()).isFalse();
        }
      }
    }
  }

  @Test
  void throughAFaultyNetworkEveryRecordArrivesExactlyOnce() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0.3, 42);
        ObjectStore faulty = S3ObjectStores.create(s3.settings().withEndpoint(proxy.endpoint()));
        RoutingFixture routing =
            new RoutingFixture(dir, faulty, new ManualClock(Instant.now()), "faulty")) {
      routing.start(
          routing.settings().withRotation(RotationPolicy.defaults().withMaxFileBytes(16 * 1024)));
      long end = appendEvents(routing, "faulty", 3000);
      drain(routing, end);

      assertThat(proxy.faultsInjected()).isPositive();
      assertThat(idsInBucket(s3.store(), "faulty"))
          .hasSize(3000)
          .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }
  }

  @Test
  void aDeniedBucketStopsWithThePermissionToGrantAndCatchesUpOnceFixed() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0, 1);
        ObjectStore store = S3ObjectStores.create(s3.settings().withEndpoint(proxy.endpoint()));
        RoutingFixture routing =
            new RoutingFixture(dir, store, new ManualClock(Instant.now()), "denied")) {
      RoutingSettings settings =
          routing
              .settings()
              .withRotation(RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(1)));
      RoutingDestination destination = routing.start(settings);
      Eventually.until(
          "running", () -> destination.status().state() == DestinationStatus.State.RUNNING);
      proxy.forceAll(FaultInjectingProxy.Fault.ACCESS_DENIED);
      long end = appendEvents(routing, "denied", 500);
      Eventually.until("everything is read", () -> destination.progress().recordsRead() == 500);
      routing.clock.advance(Duration.ofSeconds(1));
      destination.tick();

      Eventually.until(
          "stopped", () -> destination.status().state() == DestinationStatus.State.STOPPED);
      assertThat(destination.status().error())
          .hasValueSatisfying(
              m -> assertThat(m).contains("access denied").contains("s3:PutObject"));
      assertThat(destination.progress().committedOffset()).isZero();

      routing.stop();
      proxy.forceAll(FaultInjectingProxy.Fault.NONE);
      routing.start(settings);
      drain(routing, end);
      assertThat(idsInBucket(s3.store(), "denied"))
          .hasSize(500)
          .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }
  }

  @Test
  void statusAndGaugesAnswerAtOnceWhileEveryUploadHangsOnAStalledEndpoint() throws Exception {
    ExecutorService readers =
        Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("reader-", 0).factory());
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0, 1);
        ObjectStore store = S3ObjectStores.create(s3.settings().withEndpoint(proxy.endpoint()));
        RoutingFixture routing =
            new RoutingFixture(dir, store, new ManualClock(Instant.now()), "stalled")) {
      // One open file: each record of a new hour closes the file before it.
      RoutingDestination destination =
          routing.start(
              routing.settings().withRotation(RotationPolicy.defaults().withMaxOpenPartitions(1)));
      Eventually.until(
          "running", () -> destination.status().state() == DestinationStatus.State.RUNNING);
      proxy.forceAll(FaultInjectingProxy.Fault.STALL);
      String[] idsAndTimes = new String[2 * 20];
      for (int hour = 0; hour < 20; hour++) {
        idsAndTimes[2 * hour] = "stalled-" + hour;
        idsAndTimes[2 * hour + 1] = String.format("2026-01-15T%02d:00:00Z", hour);
      }
      long end = routing.append(RecordType.EVENTS, idsAndTimes);
      Eventually.until("every upload slot hangs", () -> proxy.stalledRequests() == 16);
      Eventually.until("routing waits for an upload slot", () -> waitsForAnUploadSlot("test"));
      routing.clock.advance(Duration.ofSeconds(30));

      assertThat(within(readers, destination::status).state())
          .isEqualTo(DestinationStatus.State.RUNNING);
      assertThat(within(readers, destination::progress).committedOffset()).isZero();
      assertThat(within(readers, destination::openPartitions)).isLessThanOrEqualTo(1);
      assertThat(within(readers, destination::freshnessLag))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
      assertThat(
              within(
                  readers,
                  () ->
                      routing
                          .registry
                          .get("hivewire.routing.freshness.lag")
                          .timeGauge()
                          .value(TimeUnit.SECONDS)))
          .isGreaterThanOrEqualTo(30.0);
      assertThat(
              within(
                  readers,
                  () -> routing.registry.get("hivewire.routing.open.partitions").gauge().value()))
          .isLessThanOrEqualTo(1.0);

      proxy.forceAll(FaultInjectingProxy.Fault.NONE);
      drain(routing, end);
      assertThat(idsInBucket(s3.store(), "stalled"))
          .hasSize(20)
          .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    } finally {
      readers.shutdownNow();
    }
  }

  /** Calls {@code reader} on another thread and fails unless it answers within a second. */
  private static <T> T within(ExecutorService threads, Callable<T> reader) throws Exception {
    Future<T> answer = threads.submit(reader);
    try {
      return answer.get(1, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 1 s while uploads hang", e);
    }
  }

  /** Whether the routing thread of {@code destination} waits in the upload queue for a slot. */
  private static boolean waitsForAnUploadSlot(String destination) {
    return Thread.getAllStackTraces().entrySet().stream()
        .anyMatch(
            thread ->
                thread.getKey().getName().equals("routing-" + destination)
                    && thread.getKey().getState() == Thread.State.WAITING
                    && Arrays.stream(thread.getValue())
                        .anyMatch(f -> f.getClassName().equals(UploadQueue.class.getName())));
  }

  private Map<String, Integer> idsInBucket(ObjectStore store, String bucket) throws IOException {
    Map<String, Integer> ids = new HashMap<>();
    for (ObjectInfo object :
        store.listRecursively(bucket, RoutingFixture.PREFIX + "type=events/")) {
      for (String line : linesOf(store, bucket, object.key())) {
        String id =
            line.substring(line.indexOf("\"event_id\":\"") + 12, line.indexOf("\",\"time\""));
        ids.merge(id, 1, Integer::sum);
      }
    }
    return ids;
  }

  private static List<String> linesOf(ObjectStore store, String bucket, String key)
      throws IOException {
    try (InputStream in =
        new java.util.zip.GZIPInputStream(store.open(new S3Location(bucket, key)))) {
      return List.of(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"));
    }
  }

  @Test
  void aFileLargerThanTheMultipartThresholdIsUploadedInPartsAndReadsBackWhole() throws Exception {
    // Random text compresses little, so one hour's file passes the threshold with few records.
    int count = 24_000;
    SplittableRandom random = new SplittableRandom(3);
    List<LogEntry> entries = new ArrayList<>(count);
    Instant time = Instant.parse("2026-01-15T14:00:00Z");
    byte[] noise = new byte[768];
    for (int i = 0; i < count; i++) {
      random.nextBytes(noise);
      String json =
          "{\"event_id\":\"large-"
              + i
              + "\",\"time\":\""
              + time.plusMillis(i)
              + "\",\"blob\":\""
              + Base64.getEncoder().encodeToString(noise)
              + "\"}";
      entries.add(
          new LogEntry(
              RecordType.EVENTS, time.plusMillis(i), json.getBytes(StandardCharsets.UTF_8)));
    }
    try (RoutingFixture routing =
        new RoutingFixture(dir, s3.store(), new ManualClock(Instant.now()), "large")) {
      routing.start(routing.settings());
      routing.log.append(entries);
      drain(routing, routing.log.endOffset());

      List<ObjectInfo> objects = routing.objects();
      assertThat(objects).hasSize(1);
      assertThat(objects.getFirst().size())
          .as("compressed size")
          .isGreaterThanOrEqualTo(Uploader.MULTIPART_THRESHOLD_BYTES);
      assertThat(objects.getFirst().etag()).as("a multipart ETag ends in -<parts>").contains("-");
      Path tree = download(routing.store, "large", dir.resolve("download"));
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement sql = duck.createStatement();
          ResultSet rows =
              sql.executeQuery(
                  "SELECT count(*), count(DISTINCT event_id), min(length(blob)) FROM read_json('"
                      + tree.resolve(objects.getFirst().key())
                      + "', columns = {event_id: 'VARCHAR', blob: 'VARCHAR'})")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(count);
        assertThat(rows.getLong(2)).isEqualTo(count);
        assertThat(rows.getLong(3)).isEqualTo(1024);
      }
    }
  }

  private static Path download(ObjectStore store, String bucket, Path to) throws IOException {
    List<ObjectInfo> objects =
        new ArrayList<>(store.listRecursively(bucket, RoutingFixture.PREFIX));
    for (ObjectInfo object : objects) {
      Path file = to.resolve(object.key());
      Files.createDirectories(file.getParent());
      try (InputStream in = store.open(new S3Location(bucket, object.key()))) {
        Files.copy(in, file);
      }
    }
    return to;
  }
}
