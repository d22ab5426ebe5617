package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on one Kafka, one PostgreSQL and one bucket collect and route a destination together while
 * events stream in over HTTP and nodes die, restart, join and leave, or the broker stops: every
 * acknowledged event ends up in the bucket exactly once, in the hourly layout, in files named after
 * the node that wrote them.
 */
class KafkaClusterIT {

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
    int events = 60_000;
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

      // The stream waits while node-c's JVM starts, so that it joins with most of the stream to
      // come however slow the machine is.
      publisher.hold();
      c.start();
      scenario.awaitActive(c, destination);
      publisher.target(c);
      publisher.release();
      publisher.awaitAcknowledged(events / 2, Duration.ofMinutes(2));
      a.stop();
      publisher.awaitAllSent(Duration.ofMinutes(3));

      RoutedEvents routed = scenario.routedEvents();
      routed.assertHoldsEveryAcknowledgedEventOnce(
          publisher, events, HOURS, Set.of("node-a", "node-b", "node-c"));
      assertThat(routed.workers()).as("nodes that wrote files").contains("node-c");
    }
  }

  @Test
  void collectionAnswers503WhileTheBrokerIsDownAndRoutingResumesByItselfLosingNothingAcknowledged()
      throws Exception {
    int events = 40_000;
    KafkaClusterFixture.Scenario scenario = cluster.scenario("outage");
    try (ClusterNode a = scenario.node("node-a");
        ClusterNode b = scenario.node("node-b");
        EventPublisher publisher = new EventPublisher(events, 250, 2, FIRST_HOUR, HOURS)) {
      ClusterNode.startAll(a, b);
      scenario.awaitActive(b, scenario.createDestination(a));
      publisher.target(a);
      publisher.target(b);
      publisher.start().awaitAcknowledged(events / 4, Duration.ofMinutes(2));

      cluster.kafka().stopBroker();
      int acknowledgedBefore = publisher.acknowledged().size();
      Thread.sleep(Duration.ofSeconds(10));
      int acknowledgedDuring = publisher.acknowledged().size() - acknowledgedBefore;
      List<EventPublisher.Failure> refusedDuring = publisher.failures();
      cluster.kafka().restartBroker();
      publisher.awaitAllSent(Duration.ofMinutes(3));

      assertThat(refusedDuring)
          .as("answers while the broker was down")
          .isNotEmpty()
          .allSatisfy(
              f -> {
                assertThat(f.status()).as(f.toString()).isEqualTo(503);
                assertThat(f.retryAfter()).as("Retry-After in %s", f).isTrue();
              });
      assertThat(refusedDuring)
          .extracting(EventPublisher.Failure::node)
          .contains("node-a", "node-b");
      assertThat(acknowledgedDuring)
          .as("events acknowledged while the broker was down (at most the requests in flight)")
          .isLessThanOrEqualTo(2 * 250);
      Set<String> acknowledged = publisher.acknowledged();
      assertThat(acknowledged).hasSize(events);
      List<String> inLog = scenario.eventIdsInTopic();
      Set<String> distinct = Set.copyOf(inLog);
      assertThat(distinct).as("distinct event ids among the log's records").hasSize(inLog.size());
      Set<String> missing = new HashSet<>(acknowledged);
      missing.removeAll(distinct);
      assertThat(missing).as("acknowledged events missing from the log").isEmpty();
      scenario
          .routedEvents()
          .assertHoldsEveryAcknowledgedEventOnce(
              publisher, events, HOURS, Set.of("node-a", "node-b"));
    }
  }
}
