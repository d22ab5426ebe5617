package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on one Kafka, one PostgreSQL and one bucket route a destination together while events
 * stream in over HTTP and nodes die, restart, join and leave: every acknowledged event ends up in
 * the bucket exactly once, in the hourly layout, in files named after the node that wrote them.
 */
class KafkaRoutingClusterIT {

  private static final int HOURS = 3;
  private static final Instant FIRST_HOUR = Instant.parse("2026-01-15T10:00:00Z");

  @TempDir static Path work;

  private static KafkaClusterFixture cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = KafkaClusterFixture.start(work);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyAcknowledgedEventIsRoutedOnceWhenANodeIsKilledMidStreamAndRestarted() throws Exception {
    int events = 200_000;
    KafkaClusterFixture.Scenario scenario = cluster.scenario("killed");
    try (ClusterNode a = scenario.node("node-a").start();
        ClusterNode b = scenario.node("node-b").start();
        EventPublisher publisher = new EventPublisher(events, 500, 2, FIRST_HOUR, HOURS)) {
      String destination = scenario.createDestination(a);
      scenario.awaitActive(b, destination);
      publisher.target(a);
      publisher.target(b);
      publisher.start().awaitAcknowledged(events * 3 / 10, Duration.ofMinutes(2));

      b.kill();
      int failedBefore = publisher.failures().size();
      publisher.awaitAcknowledged(events * 6 / 10, Duration.ofMinutes(2));
      b.start();
      publisher.awaitAllSent(Duration.ofMinutes(3));

      assertThat(publisher.failures().subList(failedBefore, publisher.failures().size()))
          .as("posts while node-b was dead")
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.node()).isEqualTo("node-b"));
      assertEveryAcknowledgedEventRoutedOnce(scenario, publisher, events);
    }
  }

  @Test
  void everyAcknowledgedEventIsRoutedOnceWhenANodeJoinsMidStreamAndAnotherLeaves()
      throws Exception {
    int events = 100_000;
    KafkaClusterFixture.Scenario scenario = cluster.scenario("rebalanced");
    try (ClusterNode a = scenario.node("node-a").start();
        ClusterNode b = scenario.node("node-b").start();
        ClusterNode c = scenario.node("node-c");
        EventPublisher publisher = new EventPublisher(events, 500, 2, FIRST_HOUR, HOURS)) {
      String destination = scenario.createDestination(a);
      scenario.awaitActive(b, destination);
      publisher.target(a);
      publisher.target(b);
      publisher.start().awaitAcknowledged(events / 4, Duration.ofMinutes(2));

      c.start();
      scenario.awaitActive(c, destination);
      publisher.target(c);
      publisher.awaitAcknowledged(events / 2, Duration.ofMinutes(2));
      a.stop();
      publisher.awaitAllSent(Duration.ofMinutes(3));

      RoutedEvents routed = assertEveryAcknowledgedEventRoutedOnce(scenario, publisher, events);
      assertThat(routed.workers()).as("nodes that wrote files").contains("node-c");
    }
  }

  /**
   * Waits until every acknowledged event is in the bucket and no more files come, then checks each
   * is there once, every attempt at most once, and the layout.
   */
  private static RoutedEvents assertEveryAcknowledgedEventRoutedOnce(
      KafkaClusterFixture.Scenario scenario, EventPublisher publisher, int events)
      throws Exception {
    Set<String> acknowledged = publisher.acknowledged();
    assertThat(acknowledged).as("acknowledged events").hasSize(events);
    RoutedEvents routed = scenario.routedEvents();

    Set<String> missing = routed.awaitAll(acknowledged, Duration.ofMinutes(3));
    routed.awaitQuiet(Duration.ofSeconds(5), Duration.ofMinutes(1));

    assertThat(missing).as("acknowledged events not in the bucket").isEmpty();
    assertThat(routed.eventIdsWrittenTwice()).as("event ids written twice").isZero();
    assertThat(routed.attemptsWrittenTwice())
        .as("posting attempts written twice (an unacknowledged one may be there once)")
        .isZero();
    assertThat(routed.distinctEventNumbers()).isEqualTo(events);
    assertThat(routed.outsideLayout()).as("objects outside the hourly layout").isEmpty();
    assertThat(routed.rowsOutsideTheirHour()).as("rows in another hour's partition").isZero();
    assertThat(routed.hourlyPartitions()).isEqualTo(HOURS);
    assertThat(routed.workers())
        .as("worker ids in the file names")
        .isNotEmpty()
        .isSubsetOf("node-a", "node-b", "node-c");
    return routed;
  }
}
