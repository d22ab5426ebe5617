package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.routing.log.kafka.KafkaTestCluster;
import io.hivewire.s3.S3ObjectStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code event-log.kind: kafka}, the collection API answers 201 only for records Kafka
 * acknowledged, and 503 with Retry-After while the broker is down, with nothing of the refused
 * requests ever delivered to a reader.
 */
class CollectOnKafkaIT {

  private static final String KEY = "test-admin-key";

  @TempDir static Path dir;
  private static KafkaTestCluster kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaTestCluster.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String event(UUID user) {
    return "{\"name\":\"Pageview\",\"user_id\":\"" + user + "\"}";
  }

  @Test
  void recordsReachTheirTopicsAndAStoppedBrokerGets503WithNothingHalfAccepted() throws Exception {
    Map<String, String> env = ServerEnvironment.of(dir.resolve("data"), KEY, "unused", "unused");
    env.put("HIVEWIRE_EVENT_LOG_KIND", "kafka");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_REPLICATION_FACTOR", "1");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_PARTITIONS", "3");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_APPEND_TIMEOUT", "PT3S");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_CLIENT_ID", "collect-it");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    try (HivewireApp app =
        HivewireApp.start(config, S3ObjectStores::create, InstantSource.system())) {
      ApiClient api = new ApiClient(app.baseUrl(), Optional.of(KEY));
      UUID user = UUID.randomUUID();

      ApiClient.Response events =
          api.post("/v2.0/events", "[" + event(user) + "," + event(UUID.randomUUID()) + "]");
      ApiClient.Response identify =
          api.post(
              "/v2.0/identify",
              "{\"user_id\":\""
                  + user
                  + "\",\"aliases\":[{\"tag\":\"email\",\"id\":\"a@example.com\",\"priority\":1}]}");
      ApiClient.Response segment = api.post("/api/v1/segments", "{\"code\":7,\"name\":\"News\"}");

      assertThat(events.status()).as(events.body()).isEqualTo(201);
      assertThat(identify.status()).as(identify.body()).isEqualTo(201);
      assertThat(segment.status()).as(segment.body()).isEqualTo(201);
      Set<String> accepted = new HashSet<>();
      events.json().at("/accepted").forEach(a -> accepted.add(a.get("event_id").asText()));
      assertThat(eventIds(kafka.committedValues("hivewire.events")))
          .containsExactlyInAnyOrderElementsOf(accepted);
      assertThat(kafka.committedValues("hivewire.sync_aliases"))
          .anyMatch(r -> r.contains(user.toString()));
      assertThat(kafka.committedValues("hivewire.segment")).anyMatch(r -> r.contains("News"));

      kafka.stopBroker();
      ApiClient.Response refused = api.post("/v2.0/events", event(UUID.randomUUID()));

      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(refused.json().at("/error/message").asText())
          .contains("nothing of this request was stored");

      kafka.restartBroker();
      ApiClient.Response again;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      do {
        again = api.post("/v2.0/events", event(UUID.randomUUID()));
      } while (again.status() != 201 && System.nanoTime() < deadline);

      assertThat(again.status()).as(again.body()).isEqualTo(201);
      String acceptedAfter = again.json().at("/accepted/0/event_id").asText();
      List<String> ids = eventIds(kafka.committedValues("hivewire.events"));
      assertThat(ids).contains(acceptedAfter).containsAll(accepted);
      assertThat(ids)
          .as("only acknowledged events are delivered, each once")
          .doesNotHaveDuplicates()
          .hasSize(accepted.size() + 1);
    }
  }

  private static List<String> eventIds(List<String> payloads) {
    return payloads.stream().map(p -> p.replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1")).toList();
  }
}
