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
    try (ClusterNode a = scenario.node("node-a");
        ClusterNode b = scenario.node("node-b");
        EventPublisher publisher = new EventPublisher(events, 500, 2, FIRST_HOUR, HOURS)) {
      ClusterNode.startAll(a, b);
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
      scenario
          .routedEvents()
          .assertHoldsEveryAcknowledgedEventOnce(
              publisher, events, HOURS, Set.of("node-a", "node-b"));
    }
  }

  @Test
  void everyAcknowledgedEventIsRoutedOnceWhenANodeJoinsMidStreamAndAnotherLeaves()
      throws Exception {
    int events = 100_000;
    KafkaClusterFixture.Scenario scenario = cluster.scenario("rebalanced");
    try (ClusterNode a = scenario.node("node-a");
        ClusterNode b = scenario.node("node-b");
        ClusterNode c = scenario.node("node-c");
        EventPublisher publisher = new EventPublisher(events, 500, 2, FIRST_HOUR, HOURS)) {
      ClusterNode.startAll(a, b);
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

      RoutedEvents routed = scenario.routedEvents();
      routed.assertHoldsEveryAcknowledgedEventOnce(
          publisher, events, HOURS, Set.of("node-a", "node-b", "node-c"));
      assertThat(routed.workers()).as("nodes that wrote files").contains("node-c");
    }
  }
}
