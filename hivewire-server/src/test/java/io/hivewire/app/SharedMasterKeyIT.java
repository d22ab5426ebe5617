package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.secrets.MasterKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one database, each with its own data dir. A destination set up, paused, resumed or
 * deleted through one node is followed by the other. A node without the master key the credentials
 * were sealed with names the destination, both key fingerprints and the fix, and keeps routing what
 * it can decrypt; given the first node's key, it routes the destination.
 */
class SharedMasterKeyIT {

  private static final String KEY = "test-admin-key";
  private static final String BUCKET = "routed";

  private static LocalS3Fixture s3;

  @TempDir Path firstDir;
  @TempDir Path secondDir;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void aNodeWithAnotherMasterKeyNamesTheDestinationAndTheFixAndRoutesWithTheSharedKey()
      throws Exception {
    int databasePort = freePort();
    Map<String, String> first = ServerEnvironment.of(firstDir, KEY, "unused", "unused");
    first.put("HIVEWIRE_DB_EMBEDDED_PORT", Integer.toString(databasePort));
    try (HivewireApp node1 = start(first)) {
      ApiClient api1 = new ApiClient(node1.baseUrl(), Optional.of(KEY));
      String lake = createDestination(api1, "Lake stream");
      awaitStatus(api1, lake, "ACTIVE");
      String firstKey = fingerprint(firstDir.resolve("master.key"));

      String other;
      try (HivewireApp node2 = start(secondNode(databasePort, Map.of()))) {
        ApiClient api2 = new ApiClient(node2.baseUrl(), Optional.of(KEY));
        JsonNode seen = api2.get("/api/v1/routing/" + lake).json();
        String secondKey = fingerprint(secondDir.resolve("master.key"));
        String expected =
            "destination Lake stream ("
                + lake
                + ") was encrypted with master key "
                + firstKey
                + "; this node has "
                + secondKey
                + ": give every node the same master key (master-key / HIVEWIRE_MASTER_KEY, or"
                + " master-key-file)";
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(seen.get("status").asText()).isEqualTo("FAILED");
        assertThat(seen.get("statusMessage").asText()).isEqualTo(expected);
        assertThat(seen.get("lastError").asText()).isEqualTo(expected);
        other = createDestination(api2, "Second node's own");
        awaitStatus(api2, other, "ACTIVE");
      }

      try (HivewireApp node2 = start(secondNode(databasePort, Map.of()))) {
        ApiClient api2 = new ApiClient(node2.baseUrl(), Optional.of(KEY));
        assertThat(api2.get("/api/v1/routing/" + lake).json().get("status").asText())
            .isEqualTo("FAILED");
        assertThat(api2.get("/api/v1/routing/" + other).json().get("status").asText())
            .as("what this node can decrypt still routes after a restart")
            .isEqualTo("ACTIVE");
        assertThat(api2.get("/api/v1/routing/" + other).json().get("lastError").isNull()).isTrue();
      }

      Map<String, String> sharedKey =
          Map.of("HIVEWIRE_MASTER_KEY_FILE", firstDir.resolve("master.key").toString());
      try (HivewireApp node2 = start(secondNode(databasePort, sharedKey))) {
        ApiClient api2 = new ApiClient(node2.baseUrl(), Optional.of(KEY));
        JsonNode seen = api2.get("/api/v1/routing/" + lake).json();
        assertThat(seen.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(seen.get("lastError").isNull()).as(seen.toString()).isTrue();
      }
    }
  }

  @Test
  void aDestinationSetUpOnOneNodeRoutesOnTheOtherUntilPausedOrDeletedThere() throws Exception {
    int databasePort = freePort();
    Map<String, String> first = ServerEnvironment.of(firstDir, KEY, "unused", "unused");
    first.put("HIVEWIRE_DB_EMBEDDED_PORT", Integer.toString(databasePort));
    try (HivewireApp node1 = start(first);
        HivewireApp node2 =
            start(
                secondNode(
                    databasePort,
                    Map.of(
                        "HIVEWIRE_MASTER_KEY_FILE", firstDir.resolve("master.key").toString())))) {
      ApiClient api1 = new ApiClient(node1.baseUrl(), Optional.of(KEY));
      ApiClient api2 = new ApiClient(node2.baseUrl(), Optional.of(KEY));
      String id = createDestination(api1, "Followed");
      awaitStatus(api1, id, "ACTIVE");

      awaitRouting(api2, id, true);
      ApiClient.Response events =
          api2.post(
              "/v2.0/events",
              "[{\"name\":\"Pageview\",\"user_id\":\"" + java.util.UUID.randomUUID() + "\"}]");
      assertThat(events.status()).as(events.body()).isEqualTo(201);
      String eventId = events.json().at("/accepted/0/event_id").asText();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!bucketHolds(eventId) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(bucketHolds(eventId))
          .as("the event collected on the second node is routed there")
          .isTrue();

      assertThat(api1.patch("/api/v1/routing/" + id, "{\"status\":\"PAUSED\"}").status())
          .isEqualTo(200);
      awaitRouting(api2, id, false);
      assertThat(api1.patch("/api/v1/routing/" + id, "{\"status\":\"ACTIVE\"}").status())
          .isEqualTo(202);
      awaitStatus(api1, id, "ACTIVE");
      awaitRouting(api2, id, true);
      assertThat(api1.delete("/api/v1/routing/" + id).status()).isEqualTo(204);
      awaitRouting(api2, id, false);
    }
  }

  /**
   * Waits until the node's /health lists (or no longer lists) the destination among those routed.
   */
  private static void awaitRouting(ApiClient api, String id, boolean routed)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode health = api.get("/health").json();
    while (health.at("/node/routing").has(id) != routed && System.nanoTime() < deadline) {
      Thread.sleep(100);
      health = api.get("/health").json();
    }
    assertThat(health.at("/node/routing").has(id)).as(health.toString()).isEqualTo(routed);
  }

  private static boolean bucketHolds(String eventId) throws IOException {
    for (var object : s3.store().listRecursively(BUCKET, "Followed/")) {
      try (var in =
          new java.util.zip.GZIPInputStream(
              s3.store().open(new io.hivewire.s3.S3Location(BUCKET, object.key())))) {
        if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .contains(eventId)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The second node: its own data dir, the first node's embedded PostgreSQL as its database. */
  private Map<String, String> secondNode(int databasePort, Map<String, String> extra) {
    Map<String, String> env = ServerEnvironment.of(secondDir, KEY, "unused", "unused");
    env.remove("HIVEWIRE_DB_EMBEDDED_PORT");
    env.put("HIVEWIRE_DB_URL", "jdbc:postgresql://localhost:" + databasePort + "/hivewire");
    env.put("HIVEWIRE_DB_USER", "postgres");
    env.putAll(extra);
    return env;
  }

  private static HivewireApp start(Map<String, String> env) {
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    return HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
  }

  private static String createDestination(ApiClient api, String name) {
    ApiClient.Response created =
        api.post(
            "/api/v1/routing",
            """
            {"name":"%s","mode":"STREAMING","bucket":"%s","region":"us-east-1",
             "prefix":"%s","endpoint":"%s","accessKeyId":"%s","secretAccessKey":"%s",
             "flushInterval":"PT1S"}"""
                .formatted(
                    name,
                    BUCKET,
                    name.replace(' ', '-').replace("'", ""),
                    s3.localS3().endpoint(),
                    s3.localS3().accessKey(),
                    s3.localS3().secretKey()));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().get("id").asText();
  }

  private static void awaitStatus(ApiClient api, String id, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode seen = api.get("/api/v1/routing/" + id).json();
    while (!seen.get("status").asText().equals(status) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      seen = api.get("/api/v1/routing/" + id).json();
    }
    assertThat(seen.get("status").asText()).as(seen.toString()).isEqualTo(status);
  }

  private static String fingerprint(Path keyFile) throws IOException {
    return MasterKey.fromBase64(Files.readString(keyFile), keyFile.toString()).fingerprint();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
