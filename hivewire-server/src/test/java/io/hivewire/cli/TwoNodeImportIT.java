package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.app.HivewireApp;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database share 20 queued import runs; one is killed with SIGKILL while it loads
 * a run, and the other resumes that run from its next unloaded file: every run finishes, no row is
 * loaded twice, and each table holds exactly what DuckDB reads from the same files.
 */
class TwoNodeImportIT {

  private static final String BUCKET = "lake";
  private static final String KEY = "two-node-admin-key-0123456789";
  private static final int FILES = 6;
  private static final int ROWS_PER_FILE = 8_000;
  private static final int RUNS = 20;
  private static final String KILLED = "node-b";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  static LocalS3Fixture s3;
  static HivewireApp nodeA;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    s3 = LocalS3Fixture.start(BUCKET);
    Path local = work.resolve("files/events");
    for (int f = 0; f < FILES; f++) {
      String relative = "date=2025-01-%02d/part-%02d.csv".formatted(f % 3 + 1, f);
      byte[] body = csv(f).getBytes(StandardCharsets.UTF_8);
      s3.putObject(BUCKET, "cluster/events/" + relative, body);
      Files.createDirectories(local.resolve(relative).getParent());
      Files.write(local.resolve(relative), body);
    }
    Map<String, String> env = environment(work.resolve("node-a"));
    env.put("HIVEWIRE_CLUSTER_NODE_ID", "node-a");
    env.put("HIVEWIRE_IMPORT_RUNS", "1");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    nodeA = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
  }

  @AfterAll
  static void stop() {
    if (nodeA != null) {
      nodeA.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void runsOfAKilledNodeFinishOnTheOtherWithEveryRowOnce() throws Exception {
    String connection = activeConnection();
    Map<String, String> env = environment(work.resolve("node-b"));
    env.put("HIVEWIRE_DB_URL", nodeA.database().jdbcUrl());
    env.put("HIVEWIRE_DB_USER", nodeA.database().user());
    env.put("HIVEWIRE_DB_PASSWORD", nodeA.database().password());
    env.put("HIVEWIRE_CLUSTER_NODE_ID", KILLED);
    env.put("HIVEWIRE_IMPORT_RUNS", "3");
    List<String> imports = new ArrayList<>();
    try (ChildProcess nodeB = ChildProcess.start(work, work, KILLED, env, "server")) {
      nodeB.awaitOutput("Press Ctrl+C to stop.", Duration.ofMinutes(2));
      for (int i = 0; i < RUNS; i++) {
        imports.add(createImport(connection, i));
      }
      for (String id : imports) {
        JsonNode queued = post("/api/v1/imports/" + id + "/runs", "", 202);
        assertThat(queued.path("status").asText()).isEqualTo("QUEUED");
      }

      List<String> cut = awaitRunsMidwayOn(KILLED, nodeB);
      nodeB.kill();

      assertThat(cut).as("runs node-b held halfway when it was killed").isNotEmpty();
    }
    JsonNode health = get("/health");
    assertThat(health.path("node").path("id").asText()).isEqualTo("node-a");
    assertThat(health.path("node").path("roles").toString())
        .isEqualTo("[\"collect\",\"route\",\"work\"]");

    awaitEveryRunFinished(imports);

    long[] expected =
        countAndSum(
            DriverManager.getConnection("jdbc:duckdb:"),
            "SELECT count(*), sum(amount) FROM read_csv('"
                + work.resolve("files/events")
                + "/**/*.csv', hive_partitioning = true)");
    assertThat(expected).containsExactly((long) FILES * ROWS_PER_FILE, expectedSum());
    for (String id : imports) {
      JsonNode run = get("/api/v1/imports/" + id + "/runs").get(0);
      assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
      String table = get("/api/v1/imports/" + id).path("targetTable").asText();
      assertThat(
              countAndSum(
                  database(),
                  "SELECT count(*), count(*) FROM (SELECT _file, _row FROM \""
                      + table
                      + "\" GROUP BY _file, _row HAVING count(*) > 1) twice")[0])
          .as("rows of %s loaded twice", table)
          .isZero();
      assertThat(countAndSum(database(), "SELECT count(*), sum(amount) FROM \"" + table + "\""))
          .as("table %s", table)
          .containsExactly(expected);
    }
    assertThat(
            countAndSum(
                database(),
                "SELECT count(*), count(*) FROM leases WHERE holder = '"
                    + KILLED
                    + "' AND expires_at > clock_timestamp()")[0])
        .as("leases the killed node still holds")
        .isZero();
    assertThat(metrics()).contains("hivewire_cluster_leases_held");
  }

  /**
   * Waits until {@code node} holds runs whose tables have some files but not all, and names them.
   */
  private static List<String> awaitRunsMidwayOn(String node, ChildProcess process)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (Connection c = database();
        Statement s = c.createStatement()) {
      while (true) {
        List<String> midway = new ArrayList<>();
        try (ResultSet r =
            s.executeQuery(
                "SELECT r.id FROM import_runs r JOIN leases l ON l.name = 'import-run/' || r.id"
                    + " WHERE l.holder = '"
                    + node
                    + "' AND r.status = 'RUNNING' AND (SELECT count(*) FROM import_manifest m"
                    + " WHERE m.import_id = r.import_id) BETWEEN 1 AND "
                    + (FILES - 1))) {
          while (r.next()) {
            midway.add(r.getString(1));
          }
        }
        if (!midway.isEmpty()) {
          return midway;
        }
        assertThat(System.nanoTime())
            .as("node-b held a run halfway in time:\n%s", process.output())
            .isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }

  private static void awaitEveryRunFinished(List<String> imports) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      Map<String, String> statuses = new HashMap<>();
      for (String id : imports) {
        statuses.put(id, get("/api/v1/imports/" + id + "/runs").get(0).path("status").asText());
      }
      if (statuses.values().stream().allMatch(s -> s.equals("SUCCEEDED") || s.equals("FAILED"))) {
        return;
      }
      assertThat(System.nanoTime()).as("every run finished: %s", statuses).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String activeConnection() throws Exception {
    JsonNode created =
        post(
            "/api/v1/connections",
            """
            {"name":"lake","region":"us-east-1","bucket":"%s","schemaPrefix":"cluster/",
             "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                .formatted(BUCKET, s3.localS3().endpoint()),
            202);
    String id = created.path("id").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!get("/api/v1/connections/" + id).path("status").asText().equals("ACTIVE")) {
      assertThat(System.nanoTime())
          .as("connection checked: %s", get("/api/v1/connections/" + id))
          .isLessThan(deadline);
      Thread.sleep(50);
    }
    return id;
  }

  private static String createImport(String connection, int i) throws Exception {
    return post(
            "/api/v1/imports",
            """
            {"name":"events %d","connectionId":"%s","table":"events","dataType":"USER_SEGMENTS",
             "mapping":{"user_id":"user_id","segment":"segment"}}"""
                .formatted(i, connection),
            201)
        .path("id")
        .asText();
  }

  private static Map<String, String> environment(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("HIVEWIRE_HTTP_PORT", "0");
    env.put("HIVEWIRE_DATA_DIR", dataDir.toString());
    env.put("HIVEWIRE_DB_EMBEDDED_PORT", "0");
    env.put("HIVEWIRE_API_KEY", KEY);
    env.put("HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY", s3.localS3().accessKey());
    env.put("HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY", s3.localS3().secretKey());
    env.put("HIVEWIRE_IMPORT_FILES_PER_RUN", "1");
    env.put("HIVEWIRE_CLUSTER_LEASE_TTL", "PT3S");
    return env;
  }

  /** user_id,segment,amount: amounts 0..999 repeating, so every file sums the same. */
  private static String csv(int file) {
    StringBuilder csv = new StringBuilder("user_id,segment,amount\n");
    for (int i = 0; i < ROWS_PER_FILE; i++) {
      csv.append("user-").append(file).append('-').append(i);
      csv.append(",segment-").append(i % 7).append(',').append(i % 1000).append('\n');
    }
    return csv.toString();
  }

  private static long expectedSum() {
    long perFile = 0;
    for (int i = 0; i < ROWS_PER_FILE; i++) {
      perFile += i % 1000;
    }
    return perFile * FILES;
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String metrics() throws Exception {
    return http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static JsonNode post(String path, String body, int status) throws Exception {
    HttpResponse<String> response =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + path)).header("X-API-Key", KEY);
  }

  private static Connection database() throws SQLException {
    return DriverManager.getConnection(
        nodeA.database().jdbcUrl(), nodeA.database().user(), nodeA.database().password());
  }

  private static long[] countAndSum(Connection connection, String sql) throws SQLException {
    try (Connection c = connection;
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }
}
