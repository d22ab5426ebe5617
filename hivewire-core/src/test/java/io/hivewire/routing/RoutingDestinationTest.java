package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.RecordType;
import io.hivewire.s3.InMemoryObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingDestinationTest {

  private static final Pattern BINDING_KEY = ObjectNamerTest.BINDING_KEY;

  @TempDir Path dir;
  private InMemoryObjectStore store;
  private RoutingFixture routing;

  @BeforeEach
  void setUp() {
    store = new InMemoryObjectStore().createBucket(RoutingFixture.BUCKET);
    routing =
        new RoutingFixture(dir, store, new ManualClock(Instant.parse("2026-01-15T14:30:00Z")));
  }

  @AfterEach
  void tearDown() {
    routing.close();
    store.close();
  }

  private RoutingSettings flushEvery(Duration interval) {
    return routing.settings().withRotation(RotationPolicy.defaults().withFlushInterval(interval));
  }

  @Test
  void aFileIsUploadedWhenItsAgeIsReachedEvenWithNoFurtherRecords() throws Exception {
    RoutingDestination destination = routing.start(flushEvery(Duration.ofSeconds(60)));
    long end =
        routing.append(
            RecordType.EVENTS, "a", "2026-01-15T14:00:01Z", "b", "2026-01-15T14:20:00.5Z");
    Eventually.until("both records are read", () -> destination.progress().recordsRead() == 2);

    routing.clock.advance(Duration.ofSeconds(59));
    destination.tick();
    assertThat(routing.keys()).isEmpty();
    assertThat(destination.progress().committedOffset()).isZero();

    routing.clock.advance(Duration.ofSeconds(1));
    destination.tick();

    assertThat(destination.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
    assertThat(routing.keys())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key)
                  .startsWith(
                      "permutive/type=events/year=2026/month=01/day=15/hour=14/2026-01-15T14:00:01.000000Z-")
                  .endsWith("-worker1.jsonl.gz")
                  .matches(BINDING_KEY);
              assertThat(routing.lines(key))
                  .containsExactly(
                      "{\"event_id\":\"a\",\"time\":\"2026-01-15T14:00:01Z\"}",
                      "{\"event_id\":\"b\",\"time\":\"2026-01-15T14:20:00.5Z\"}");
            });
    assertThat(routing.registry.get("hivewire.routing.files.written").counter().count())
        .isEqualTo(1);
    assertThat(destination.freshnessLag()).isZero();
  }

  @Test
  void theLogIsCommittedPastAFileOnlyOnceItsUploadListenersHaveHeardOfIt() throws Exception {
    RoutingDestination destination = routing.start(flushEvery(Duration.ofSeconds(60)));
    CountDownLatch listenerHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    destination.onUpload(
        file -> {
          listenerHeld.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    long end = routing.append(RecordType.EVENTS, "a", "2026-01-15T14:00:01Z");
    destination.drain();

    assertThat(listenerHeld.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(destination.awaitCommitted(end, Duration.ofMillis(500))).isFalse();
    release.countDown();
    assertThat(destination.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void recordsEitherSideOfAnHourAndLateRecordsGoToTheirOwnHours() throws Exception {
    RoutingDestination destination = routing.start(flushEvery(Duration.ofSeconds(60)));
    long end =
        routing.append(
            RecordType.EVENTS,
            "last-of-14h",
            "2026-01-15T14:59:59.999999Z",
            "first-of-15h",
            "2026-01-15T15:00:00Z",
            "late-from-9h",
            "2026-01-15T09:12:00Z",
            "late-from-yesterday",
            "2026-01-14T23:59:00Z");
    routing.append(RecordType.SEGMENT, "segment-1", "2026-01-15T14:05:00Z");
    end = routing.log.endOffset();
    Eventually.until("all records are read", () -> destination.progress().recordsRead() == 5);

    routing.clock.advance(Duration.ofSeconds(60));
    destination.tick();

    assertThat(destination.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
    List<String> keys = routing.keys();
    assertThat(keys).allMatch(k -> BINDING_KEY.matcher(k).matches());
    assertThat(keys)
        .extracting(k -> k.substring(0, k.lastIndexOf('/')) + " " + routing.lines(k))
        .containsExactlyInAnyOrder(
            "permutive/type=events/year=2026/month=01/day=14/hour=23 [{\"event_id\":\"late-from-yesterday\",\"time\":\"2026-01-14T23:59:00Z\"}]",
            "permutive/type=events/year=2026/month=01/day=15/hour=09 [{\"event_id\":\"late-from-9h\",\"time\":\"2026-01-15T09:12:00Z\"}]",
            "permutive/type=events/year=2026/month=01/day=15/hour=14 [{\"event_id\":\"last-of-14h\",\"time\":\"2026-01-15T14:59:59.999999Z\"}]",
            "permutive/type=events/year=2026/month=01/day=15/hour=15 [{\"event_id\":\"first-of-15h\",\"time\":\"2026-01-15T15:00:00Z\"}]",
            "permutive/type=segment [{\"event_id\":\"segment-1\",\"time\":\"2026-01-15T14:05:00Z\"}]");
  }

  @Test
  void theOldestPartitionIsUploadedWhenTooManyAreOpen() throws Exception {
    RoutingDestination destination =
        routing.start(
            routing.settings().withRotation(RotationPolicy.defaults().withMaxOpenPartitions(2)));
    routing.append(
        RecordType.EVENTS,
        "h10",
        "2026-01-15T10:00:00Z",
        "h11",
        "2026-01-15T11:00:00Z",
        "h12",
        "2026-01-15T12:00:00Z");

    assertThat(destination.awaitCommitted(1, Duration.ofSeconds(20))).isTrue();
    Eventually.until("the oldest file is uploaded", () -> routing.keys().size() == 1);
    assertThat(routing.keys()).singleElement().asString().contains("hour=10/");
    assertThat(destination.openPartitions()).isEqualTo(2);
    assertThat(destination.progress().committedOffset()).isEqualTo(1);
  }

  @Test
  void aDestinationStartedAgainReportsThroughItsOwnGaugesAndKeepsCounting() throws Exception {
    RoutingDestination first = routing.start(flushEvery(Duration.ofMinutes(5)));
    long end = routing.append(RecordType.EVENTS, "a", "2026-01-15T14:00:01Z");
    first.drain();
    assertThat(first.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
    routing.stop();

    RoutingDestination again = routing.start(flushEvery(Duration.ofMinutes(5)));
    routing.append(RecordType.EVENTS, "b", "2026-01-15T14:00:02Z");
    Eventually.until("the record is read", () -> again.progress().recordsRead() == 1);
    routing.clock.advance(Duration.ofSeconds(30));

    assertThat(again.openPartitions()).isEqualTo(1);
    assertThat(routing.registry.get("hivewire.routing.open.partitions").gauge().value())
        .isEqualTo(1.0);
    assertThat(
            routing
                .registry
                .get("hivewire.routing.freshness.lag")
                .timeGauge()
                .value(TimeUnit.SECONDS))
        .isEqualTo(30.0);
    assertThat(routing.registry.get("hivewire.routing.files.written").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aMissingBucketStopsTheDestinationWithAMessageAndLosesNothing() throws Exception {
    RoutingSettings settings = flushEvery(Duration.ofSeconds(1));
    store.close();
    store = new InMemoryObjectStore();
    routing.close();
    routing = new RoutingFixture(dir, store, routing.clock);
    RoutingDestination destination = routing.start(settings);
    long end = routing.append(RecordType.EVENTS, "a", "2026-01-15T14:00:00Z");

    Eventually.until(
        "the destination stops",
        () -> destination.status().state() == DestinationStatus.State.STOPPED);
    assertThat(destination.status().error())
        .hasValueSatisfying(m -> assertThat(m).contains("bucket 'routing' does not exist"));
    assertThat(destination.progress().committedOffset()).isZero();

    routing.stop();
    store.createBucket(RoutingFixture.BUCKET);
    RoutingDestination restarted = routing.start(settings);
    Eventually.until("the record is read", () -> restarted.progress().recordsRead() == 1);
    routing.clock.advance(Duration.ofSeconds(1));
    restarted.tick();

    assertThat(restarted.awaitCommitted(end, Duration.ofSeconds(20))).isTrue();
    assertThat(routing.keys())
        .singleElement()
        .satisfies(k -> assertThat(routing.lines(k)).hasSize(1));
  }
}
