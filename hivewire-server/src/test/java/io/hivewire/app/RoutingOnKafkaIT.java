package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.cli.ChildProcess;
import io.hivewire.routing.log.kafka.KafkaTestCluster;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code event-log.kind: kafka}, a node with the route role routes what the collection API
 * accepted into the destination's bucket, each event once, in files named after the node's id, and
 * shows its partitions on {@code /health} and their lag on {@code /metrics}; asked to stop, it
 * makes its final writes (totals, leases) before it stops its embedded PostgreSQL. The node runs
 * from the packaged jar, as users start it.
 */
class RoutingOnKafkaIT {

  private static final String KEY = "test-admin-key";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static KafkaTestCluster kafka;
  private static LocalS3Fixture s3;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaTestCluster.start(dir.resolve("kafka"));
    s3 = LocalS3Fixture.start("kafka-lake");
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

  @Test
  void eventsPostedOverHttpLandInTheBucketOnceFromKafka() throws Exception {
    int port = freePort();
    Map<String, String> env = ServerEnvironment.of(dir.resolve("data"), KEY, "unused", "unused");
    env.put("HIVEWIRE_HTTP_PORT", Integer.toString(port));
    env.put("HIVEWIRE_EVENT_LOG_KIND", "kafka");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_REPLICATION_FACTOR", "1");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_PARTITIONS", "3");
    env.put("HIVEWIRE_CLUSTER_NODE_ID", "node-k1");
    // From the packaged jar, as ./hivewire runs it: the Kafka client must be in what the build
    // ships.
    try (ChildProcess node = ChildProcess.startPackaged(dir, dir, "node-k1", env, "server")) {
      ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + port), Optional.of(KEY));
      node.awaitOutput("Press Ctrl+C to stop.", WAIT);
      ApiClient.Response created =
          api.post(
              "/api/v1/routing",
              "{\"name\":\"lake\",\"mode\":\"STREAMING\",\"bucket\":\"kafka-lake\","
                  + "\"region\":\"us-east-1\",\"prefix\":\"hivewire\",\"endpoint\":\""
                  + s3.localS3().endpoint()
                  + "\",\"accessKeyId\":\""
                  + s3.localS3().accessKey()
                  + "\",\"secretAccessKey\":\""
                  + s3.localS3().secretKey()
                  + "\",\"flushInterval\":\"PT1S\"}");
      assertThat(created.status()).as(created.body()).isEqualTo(202);
      String id = created.json().get("id").asText();
      awaitTrue(
          "the destination is active",
          () -> api.get("/api/v1/routing/" + id).json().get("status").asText().equals("ACTIVE"));

      List<String> accepted = new ArrayList<>();
      for (int request = 0; request < 20; request++) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
          body.append(i == 0 ? "" : ",")
              .append("{\"name\":\"Pageview\",\"user_id\":\"")
              .append(UUID.randomUUID())
              .append("\"}");
        }
        ApiClient.Response events = api.post("/v2.0/events", body.append("]").toString());
        assertThat(events.status()).as(events.body()).isEqualTo(201);
        events.json().at("/accepted").forEach(a -> accepted.add(a.get("event_id").asText()));
      }

      awaitTrue("every event is in the bucket", () -> total(countsById()) >= accepted.size());
      Map<String, Integer> seen = countsById();
      assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
      assertThat(seen).allSatisfy((event, n) -> assertThat(n).as(event).isOne());
      assertThat(s3.store().listRecursively("kafka-lake", "hivewire/"))
          .extracting(ObjectInfo::key)
          .allMatch(k -> k.endsWith("-node-k1.jsonl.gz"));

      JsonNode routing = api.get("/health").json().at("/node/routing/" + id);
      List<String> partitions = new ArrayList<>();
      routing.forEach(p -> partitions.add(p.asText()));
      assertThat(partitions)
          .hasSize(9)
          .contains("hivewire.events-0", "hivewire.events-1", "hivewire.events-2");
      awaitTrue(
          "/metrics shows the lag of each partition, zero once routed",
          () ->
              api.get("/metrics")
                  .body()
                  .contains(
                      "hivewire_routing_consumer_lag{destination=\"dest-"
                          + id
                          + "\",partition=\"hivewire.events-0\"} 0.0"));

      long stopping = System.nanoTime();
      node.stop();
      node.awaitExit(WAIT);
      assertThat(Duration.ofNanos(System.nanoTime() - stopping))
          .as("time to stop; " + node.output())
          .isLessThan(Duration.ofSeconds(15));
      assertThat(node.stderr())
          .as("the node's final writes to its embedded PostgreSQL, made before it stops it")
          .doesNotContain("cannot save the files and bytes written")
          .doesNotContain("cannot give up lease");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many times DuckDB reads each event id in the bucket's hourly tree. */
  private static Map<String, Integer> countsById() {
    try {
      Path tree = Files.createTempDirectory(dir, "download");
      List<ObjectInfo> objects = s3.store().listRecursively("kafka-lake", "hivewire/");
      Map<String, Integer> seen = new HashMap<>();
      for (ObjectInfo object : objects) {
        Path file = tree.resolve(object.key());
        Files.createDirectories(file.getParent());
        try (InputStream in = s3.store().open(new S3Location("kafka-lake", object.key()))) {
          Files.copy(in, file);
        }
      }
      if (objects.stream().noneMatch(o -> o.key().contains("type=events/"))) {
        return seen;
      }
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement sql = duck.createStatement();
          ResultSet rows =
              sql.executeQuery(
                  "SELECT event_id FROM read_json('"
                      + tree.resolve("hivewire")
                      + "/type=events/year=*/month=*/day=*/hour=*/*.jsonl.gz',"
                      + " hive_partitioning = true, columns = {event_id: 'VARCHAR'})")) {
        while (rows.next()) {
          seen.merge(rows.getString("event_id"), 1, Integer::sum);
        }
      }
      return seen;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the bucket back: " + e, e);
    }
  }

  private static void awaitTrue(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200);
    }
  }
}
