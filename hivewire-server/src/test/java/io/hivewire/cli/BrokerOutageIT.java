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
 * Two nodes on Kafka while the only broker is stopped for 10 s in the middle of a stream of events:
 * collection answers 503 with Retry-After meanwhile, and once the broker is back every acknowledged
 * event is in the log exactly once, without anyone restarting a node.
 */
class BrokerOutageIT {

  private static final int EVENTS = 40_000;
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final int HOURS = 3;

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
  void collectionAnswers503WhileTheBrokerIsDownAndRoutingResumesByItselfLosingNothingAcknowledged()
      throws Exception {
    KafkaClusterFixture.Scenario scenario = cluster.scenario("outage");
    try (ClusterNode a = scenario.node("node-a");
        ClusterNode b = scenario.node("node-b");
        EventPublisher publisher =
            new EventPublisher(EVENTS, 250, 2, Instant.parse("2026-01-15T10:00:00Z"), HOURS)) {
      ClusterNode.startAll(a, b);
      scenario.awaitActive(b, scenario.createDestination(a));
      publisher.target(a);
      publisher.target(b);
      publisher.start().awaitAcknowledged(EVENTS / 4, Duration.ofMinutes(2));

      cluster.kafka().stopBroker();
      int acknowledgedBefore = publisher.acknowledged().size();
      Thread.sleep(OUTAGE);
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
      assertThat(acknowledged).hasSize(EVENTS);
      List<String> inLog = scenario.eventIdsInTopic();
      Set<String> distinct = Set.copyOf(inLog);
      assertThat(distinct).as("distinct event ids among the log's records").hasSize(inLog.size());
      Set<String> missing = new HashSet<>(acknowledged);
      missing.removeAll(distinct);
      assertThat(missing).as("acknowledged events missing from the log").isEmpty();
      scenario
          .routedEvents()
          .assertHoldsEveryAcknowledgedEventOnce(
              publisher, EVENTS, HOURS, Set.of("node-a", "node-b"));
    }
  }
}
