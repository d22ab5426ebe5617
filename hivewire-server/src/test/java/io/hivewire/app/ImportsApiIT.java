package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.ForwardingObjectStore;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.s3.SupportsMultipartUpload;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The imports API against a real server: embedded PostgreSQL, S3Proxy as the customer's S3, one
 * server for the class. Reads of chosen keys can be held, so a run stays RUNNING while a test looks
 * at it; the server's clock can be moved forward, so a schedule comes due without waiting minutes.
 */
class ImportsApiIT {

  private static final String KEY = "test-admin-key";
  private static final String BUCKET = "lake";
  private static final String SEGMENTS_HEADER = "user_id,segment,amount\n";

  @TempDir static Path dataDir;
  @TempDir static Path otherDataDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;
  static String connectionId;
  static final HeldReads held = new HeldReads();
  static final MovableClock clock = new MovableClock();

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
    for (int day = 1; day <= 3; day++) {
      put(
          "data/segments/date=2025-01-0" + day + "/part-0.csv",
          SEGMENTS_HEADER + "u" + day + ",s1," + (day * 10) + "\nv" + day + ",s2,5\n");
    }
    put(
        "data/profiles/date=2025-01-01/part-0.csv",
        "user_id,email,score,active,signed_up\n1,ada@example.com,1.5,true,2024-11-02\n");
    for (int i = 0; i < 12; i++) {
      put("data/many/date=2025-01-01/f" + (100 + i) + ".csv", SEGMENTS_HEADER + "u" + i + ",s,1\n");
    }
    put("data/held/date=2025-01-01/part-0.csv", SEGMENTS_HEADER + "u1,s1,1\n");
    put("data/bad/date=2025-01-01/part-0.csv", SEGMENTS_HEADER + "u1,s1,10\n");
    app = start(environment(dataDir));
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    connectionId = activeConnection("lake", "data/");
  }

  @AfterAll
  static void stop() {
    held.releaseAll();
    if (app != null) {
      app.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static Map<String, String> environment(Path dir) {
    Map<String, String> env =
        ServerEnvironment.of(dir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    env.put("HIVEWIRE_IMPORT_RUNS", "2");
    env.put("HIVEWIRE_IMPORT_FILES_PER_RUN", "4");
    return env;
  }

  private static HivewireApp start(Map<String, String> env) {
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    return HivewireApp.start(
        config, settings -> new HoldingStore(S3ObjectStores.create(settings), held), clock);
  }

  private static void put(String key, String text) {
    s3.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String activeConnection(String name, String prefix) {
    ApiClient.Response created =
        api.post(
            "/api/v1/connections",
            """
            {"name":"%s","region":"us-east-1","bucket":"%s","schemaPrefix":"%s",
             "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                .formatted(name, BUCKET, prefix, s3.localS3().endpoint()));
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().path("id").asText();
    JsonNode connection = Polling.checkedConnection(api, id);
    assertThat(connection.path("status").asText()).as(connection.toString()).isEqualTo("ACTIVE");
    return id;
  }

  private static String importBody(String table, String dataType, String mapping, String extra) {
    return """
        {"name":"%s import","connectionId":"%s","table":"%s","dataType":"%s","mapping":%s%s}"""
        .formatted(table, connectionId, table, dataType, mapping, extra);
  }

  private static String segmentsImport(String table, String extra) {
    return importBody(
        table, "USER_SEGMENTS", "{\"user_id\":\"user_id\",\"segment\":\"segment\"}", extra);
  }

  /** Creates an import and answers its id. */
  private static String create(String body) {
    ApiClient.Response created = api.post("/api/v1/imports", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static JsonNode startRun(String importId) {
    ApiClient.Response started = api.post("/api/v1/imports/" + importId + "/runs", "");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    return started.json();
  }

  private static JsonNode run(String importId, String runId) {
    return api.get("/api/v1/imports/" + importId + "/runs/" + runId).json();
  }

  private static JsonNode awaitFinished(String importId, String runId) {
    return Polling.until(
        () -> run(importId, runId),
        r ->
            r.path("status").asText().equals("SUCCEEDED")
                || r.path("status").asText().equals("FAILED"));
  }

  private static ApiClient.Response refused(String body) {
    ApiClient.Response response = api.post("/api/v1/imports", body);
    assertThat(response.status()).as(response.body()).isBetween(400, 499);
    return response;
  }

  private static String message(ApiClient.Response response) {
    return response.json().path("error").path("message").asText();
  }

  private static Connection database() throws SQLException {
    return DriverManager.getConnection(
        app.database().jdbcUrl(), app.database().user(), app.database().password());
  }

  private static long rowsIn(String table) throws SQLException {
    try (Connection c = database();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static boolean tableExists(String table) throws SQLException {
    try (Connection c = database();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT to_regclass('\"" + table + "\"') IS NOT NULL")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /**
   * Inserts {@code count} finished runs of the import with SQL, two queued at each instant (so the
   * pages must break ties), and answers their ids in the order the API lists runs.
   */
  private static List<String> insertRuns(String importId, int count) throws SQLException {
    try (Connection c = database();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO import_runs (id, import_id, status, queued_at, started_at,"
                    + " finished_at) SELECT gen_random_uuid(), ?, 'SUCCEEDED', t, t, t"
                    + " FROM generate_series(1, ?) AS n,"
                    + " LATERAL (SELECT TIMESTAMPTZ '2026-01-01' + (n / 2) * interval '1 hour'"
                    + " AS t) x");
        PreparedStatement order =
            c.prepareStatement(
                "SELECT id FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id")) {
      insert.setObject(1, UUID.fromString(importId));
      insert.setInt(2, count);
      insert.executeUpdate();
      order.setObject(1, UUID.fromString(importId));
      List<String> ids = new ArrayList<>();
      try (ResultSet r = order.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    }
  }

  private static List<String> ids(JsonNode runs) {
    List<String> ids = new ArrayList<>();
    runs.forEach(run -> ids.add(run.path("id").asText()));
    return ids;
  }

  /** The target of the response's {@code Link: <…>; rel="next"}, if it has one. */
  private static Optional<String> next(ApiClient.Response response) {
    return response
        .headers()
        .firstValue("Link")
        .map(
            link -> {
              assertThat(link).endsWith(">; rel=\"next\"").startsWith("<");
              return link.substring(1, link.indexOf('>'));
            });
  }

  @Test
  void runsArePagedNewestFirstWithTheOlderPageInALinkHeader() throws Exception {
    String id = create(segmentsImport("segments", ""));
    List<String> all = insertRuns(id, 57);

    ApiClient.Response newest = api.get("/api/v1/imports/" + id + "/runs");

    assertThat(newest.status()).as(newest.body()).isEqualTo(200);
    assertThat(newest.json().isArray()).isTrue();
    assertThat(ids(newest.json())).isEqualTo(all.subList(0, 50));
    assertThat(next(newest))
        .contains("/api/v1/imports/" + id + "/runs?limit=50&before=" + all.get(49));
    ApiClient.Response rest = api.get(next(newest).orElseThrow());
    assertThat(ids(rest.json())).isEqualTo(all.subList(50, 57));
    assertThat(next(rest)).isEmpty();

    List<String> walked = new ArrayList<>();
    Optional<String> page = Optional.of("/api/v1/imports/" + id + "/runs?limit=4");
    int pages = 0;
    while (page.isPresent()) {
      ApiClient.Response response = api.get(page.get());
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.json().size()).isBetween(1, 4);
      walked.addAll(ids(response.json()));
      page = next(response);
      pages++;
    }
    assertThat(walked).as("every run once, in order, ties included").isEqualTo(all);
    assertThat(pages).isEqualTo(15);
  }

  @Test
  void aRunsPageOutsideItsLimitsIsRefusedNamingTheParameter() {
    String id = create(segmentsImport("segments", ""));
    String runs = "/api/v1/imports/" + id + "/runs";

    for (String limit : List.of("0", "501", "-3", "lots")) {
      ApiClient.Response refused = api.get(runs + "?limit=" + limit);
      assertThat(refused.status()).as(limit).isEqualTo(400);
      assertThat(refused.json().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
      assertThat(message(refused)).as(limit).contains("limit", limit, "1 to 500");
    }
    String unknown = UUID.randomUUID().toString();
    ApiClient.Response strange = api.get(runs + "?before=" + unknown);
    assertThat(strange.status()).isEqualTo(400);
    assertThat(message(strange)).contains("before", unknown, "is not a run of import " + id);
    ApiClient.Response malformed = api.get(runs + "?before=yesterday");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(message(malformed)).contains("before 'yesterday' is not a run id");
    assertThat(api.get(runs + "?limit=500").status()).isEqualTo(200);
  }

  @Test
  void runGoesFromQueuedToSucceededWithItsTotalsAndARerunFindsNothingNew() throws Exception {
    String id = create(segmentsImport("segments", ""));

    JsonNode queued = startRun(id);
    JsonNode finished = awaitFinished(id, queued.path("id").asText());

    assertThat(queued.path("status").asText()).isEqualTo("QUEUED");
    assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
    assertThat(finished.path("files").path("total").asInt()).isEqualTo(3);
    assertThat(finished.path("files").path("loaded").asInt()).isEqualTo(3);
    assertThat(finished.path("files").path("failed").asInt()).isZero();
    assertThat(finished.path("rows").path("read").asLong()).isEqualTo(6);
    assertThat(finished.path("rows").path("loaded").asLong()).isEqualTo(6);
    assertThat(finished.path("rows").path("rejected").asLong()).isZero();
    assertThat(finished.path("bytes").asLong()).isPositive();
    assertThat(finished.path("durationMs").isNumber()).isTrue();
    assertThat(finished.path("errors")).isEmpty();
    JsonNode imported = api.get("/api/v1/imports/" + id).json();
    String table = imported.path("targetTable").asText();
    assertThat(rowsIn(table)).isEqualTo(6);
    assertThat(imported.path("lastRun").path("id").asText()).isEqualTo(queued.path("id").asText());

    put("data/segments/date=2025-01-03/part-0.csv", SEGMENTS_HEADER + "w3,s3,1\n");
    JsonNode second = awaitFinished(id, startRun(id).path("id").asText());

    assertThat(second.path("files").path("total").asInt()).isEqualTo(1);
    assertThat(second.path("files").path("replaced").asInt()).isEqualTo(1);
    assertThat(second.path("rows").path("loaded").asLong()).isEqualTo(1);
    assertThat(rowsIn(table)).isEqualTo(5);
    assertThat(api.get("/api/v1/imports/" + id + "/runs").json()).hasSize(2);
    put("data/segments/date=2025-01-03/part-0.csv", SEGMENTS_HEADER + "u3,s1,30\nv3,s2,5\n");
  }

  @Test
  void progressShowsWhileARunLoadsItsFiles() throws Exception {
    String id = create(segmentsImport("many", ""));
    HeldReads.Hold hold = held.hold("data/many/date=2025-01-01/f111.csv");
    try {
      String runId = startRun(id).path("id").asText();

      JsonNode running =
          Polling.until(() -> run(id, runId), r -> r.path("files").path("done").asInt() == 11);

      assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("RUNNING");
      assertThat(running.path("files").path("total").asInt()).isEqualTo(12);
      assertThat(running.path("files").path("done").asInt()).isEqualTo(11);
      assertThat(running.path("rows").path("loaded").asLong()).isEqualTo(11);
      assertThat(running.path("bytes").asLong()).isPositive();
      assertThat(running.path("finishedAt").isNull()).isTrue();

      hold.release();
      JsonNode finished = awaitFinished(id, runId);
      assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(finished.path("files").path("loaded").asInt()).isEqualTo(12);
      assertThat(finished.path("rows").path("loaded").asLong()).isEqualTo(12);
    } finally {
      hold.release();
    }
  }

  @Test
  void secondRunWhileOneIsActiveIsRefusedNamingItAndTheImportCannotBeDeleted() throws Exception {
    String id = create(segmentsImport("held", ""));
    HeldReads.Hold hold = held.hold("data/held/date=2025-01-01/part-0.csv");
    String runId;
    try {
      runId = startRun(id).path("id").asText();

      ApiClient.Response second = api.post("/api/v1/imports/" + id + "/runs", "");
      ApiClient.Response delete = api.delete("/api/v1/imports/" + id);

      assertThat(second.status()).isEqualTo(409);
      assertThat(second.json().path("error").path("code").asText()).isEqualTo("CONFLICT");
      assertThat(message(second)).contains(runId).contains("one run per import at a time");
      assertThat(delete.status()).isEqualTo(409);
      assertThat(message(delete)).contains(runId);
    } finally {
      hold.release();
    }
    assertThat(awaitFinished(id, runId).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(startRun(id).path("status").asText()).isEqualTo("QUEUED");
  }

  @Test
  void rejectsOfARejectRunArePagedWithFileLineColumnErrorAndRawText() {
    String id = create(segmentsImport("bad", ",\"onError\":\"REJECT\",\"maxErrors\":10"));
    put(
        "data/bad/date=2025-01-02/part-0.csv",
        SEGMENTS_HEADER + "u2,s1,twelve\nu3,s1,30\nu4,s1,x\nu5,s1,y\n");

    JsonNode finished = awaitFinished(id, startRun(id).path("id").asText());

    assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
    assertThat(finished.path("rows").path("loaded").asLong()).isEqualTo(2);
    assertThat(finished.path("rows").path("rejected").asLong()).isEqualTo(3);
    JsonNode first = api.get("/api/v1/imports/" + id + "/rejects?limit=2").json();
    assertThat(first.path("rejects")).hasSize(2);
    JsonNode reject = first.path("rejects").get(0);
    assertThat(reject.path("file").asText()).isEqualTo("data/bad/date=2025-01-02/part-0.csv");
    assertThat(reject.path("line").asLong()).isEqualTo(2);
    assertThat(reject.path("column").asText()).isEqualTo("amount");
    assertThat(reject.path("error").asText()).contains("twelve");
    assertThat(reject.path("rawText").asText()).isEqualTo("twelve");
    JsonNode rest =
        api.get("/api/v1/imports/" + id + "/rejects?limit=2&after=" + first.path("next").asLong())
            .json();
    assertThat(rest.path("rejects")).hasSize(1);
    assertThat(rest.path("rejects").get(0).path("rawText").asText()).isEqualTo("y");
    assertThat(rest.path("next").isNull()).isTrue();
  }

  @Test
  void scheduledImportRunsByItselfWhenDueAndAManualOneDoesNot() {
    String scheduled = create(segmentsImport("segments", ",\"schedule\":\"PT5M\""));
    String manual = create(segmentsImport("segments", ",\"schedule\":\"MANUAL\""));
    Polling.sleep(2_500);
    assertThat(api.get("/api/v1/imports/" + scheduled + "/runs").json())
        .as("not due before its interval")
        .isEmpty();

    clock.advance(Duration.ofMinutes(6));
    JsonNode runs =
        Polling.until(
            () -> api.get("/api/v1/imports/" + scheduled + "/runs").json(),
            r -> r.size() == 1 && r.get(0).path("status").asText().equals("SUCCEEDED"));

    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("status").asText()).as(runs.toString()).isEqualTo("SUCCEEDED");
    assertThat(runs.get(0).path("rows").path("loaded").asLong()).isEqualTo(6);
    Polling.sleep(2_500);
    assertThat(api.get("/api/v1/imports/" + scheduled + "/runs").json())
        .as("not again before the next interval")
        .hasSize(1);
    assertThat(api.get("/api/v1/imports/" + manual + "/runs").json()).isEmpty();
  }

  @Test
  void secondServerOnTheDatabaseLeavesTheFirstOnesRunAloneAndResumesARunLeftWithoutALease()
      throws Exception {
    String heldImport = create(segmentsImport("held", ""));
    String left = create(segmentsImport("segments", ""));
    UUID stale = UUID.randomUUID();
    try (Connection c = database();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO import_runs (id, import_id, status, queued_at, started_at) VALUES ('"
              + stale
              + "', '"
              + left
              + "', 'RUNNING', now(), now())");
    }
    Map<String, String> env = environment(otherDataDir);
    env.put("HIVEWIRE_DB_URL", app.database().jdbcUrl());
    env.put("HIVEWIRE_DB_USER", app.database().user());
    env.put("HIVEWIRE_DB_PASSWORD", app.database().password());
    HeldReads.Hold hold = held.hold("data/held/date=2025-01-01/part-0.csv");
    String running;
    try {
      running = startRun(heldImport).path("id").asText();
      Polling.until(
          () -> run(heldImport, running), r -> r.path("status").asText().equals("RUNNING"));

      try (HivewireApp second = start(env)) {
        JsonNode resumed = awaitFinished(left, stale.toString());

        assertThat(resumed.path("status").asText()).as(resumed.toString()).isEqualTo("SUCCEEDED");
        assertThat(resumed.path("errors")).isEmpty();
        assertThat(resumed.path("rows").path("loaded").asLong()).isEqualTo(6);
        assertThat(run(heldImport, running).path("status").asText())
            .as("the first server's run, after the second one started")
            .isEqualTo("RUNNING");
        JsonNode firstNode = api.get("/health").json().path("node");
        JsonNode secondNode =
            new ApiClient(second.baseUrl(), Optional.of(KEY)).get("/health").json().path("node");
        assertThat(secondNode.path("id").asText()).isNotEqualTo(firstNode.path("id").asText());
        assertThat(firstNode.path("leases").toString()).contains("import-run/" + running);
      }
    } finally {
      hold.release();
    }
    assertThat(awaitFinished(heldImport, running).path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void deletingAnImportDropsItsTable() throws Exception {
    String id = create(segmentsImport("segments", ""));
    awaitFinished(id, startRun(id).path("id").asText());
    String table = api.get("/api/v1/imports/" + id).json().path("targetTable").asText();
    assertThat(tableExists(table)).isTrue();

    ApiClient.Response deleted = api.delete("/api/v1/imports/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(tableExists(table)).isFalse();
    assertThat(api.get("/api/v1/imports/" + id).status()).isEqualTo(404);
  }

  @Test
  void deletingAConnectionDropsTheTablesOfItsImports() throws Exception {
    String doomed = activeConnection("doomed", "data/");
    String id = create(segmentsImport("segments", "").replace(connectionId, doomed));
    awaitFinished(id, startRun(id).path("id").asText());
    String table = api.get("/api/v1/imports/" + id).json().path("targetTable").asText();
    assertThat(tableExists(table)).isTrue();

    ApiClient.Response deleted = api.delete("/api/v1/connections/" + doomed);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(tableExists(table)).isFalse();
    assertThat(api.get("/api/v1/imports/" + id).status()).isEqualTo(404);
  }

  @Test
  void importOfAConnectionThatIsNotActiveIsRefusedItsRunsAreRefusedAndItsScheduleWaits() {
    String paused = activeConnection("paused", "data/");
    String existing = create(segmentsImport("segments", "").replace(connectionId, paused));
    String scheduled =
        create(segmentsImport("segments", ",\"schedule\":\"PT5M\"").replace(connectionId, paused));
    ApiClient.Response patched =
        api.patch("/api/v1/connections/" + paused, "{\"status\":\"INACTIVE\"}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    ApiClient.Response response =
        refused(segmentsImport("segments", "").replace(connectionId, paused));
    ApiClient.Response run = api.post("/api/v1/imports/" + existing + "/runs", "");
    clock.advance(Duration.ofMinutes(6));
    Polling.sleep(2_500);

    assertThat(response.status()).isEqualTo(409);
    assertThat(message(response))
        .contains("connection " + paused + " is INACTIVE")
        .contains("only ACTIVE connections")
        .contains("PATCH {\"status\":\"ACTIVE\"}");
    assertThat(run.status()).as(run.body()).isEqualTo(409);
    assertThat(run.json().path("error").path("code").asText()).isEqualTo("CONFLICT");
    assertThat(message(run))
        .contains("connection " + paused + " is INACTIVE")
        .contains("PATCH {\"status\":\"ACTIVE\"}");
    assertThat(api.get("/api/v1/imports/" + existing + "/runs").json()).isEmpty();
    assertThat(api.get("/api/v1/imports/" + scheduled + "/runs").json())
        .as("a due run is skipped while the connection is INACTIVE, not failed")
        .isEmpty();

    ApiClient.Response resumed =
        api.patch("/api/v1/connections/" + paused, "{\"status\":\"ACTIVE\"}");
    assertThat(resumed.status()).as(resumed.body()).isBetween(200, 299);
    JsonNode runs =
        Polling.until(
            () -> api.get("/api/v1/imports/" + scheduled + "/runs").json(),
            r -> r.size() == 1 && r.get(0).path("status").asText().equals("SUCCEEDED"));
    assertThat(runs).as("the due run starts once the connection is ACTIVE again").hasSize(1);
    assertThat(runs.get(0).path("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void importOfAnUnknownTableIsRefusedNamingTheTablesThatExist() {
    ApiClient.Response response = refused(segmentsImport("nope", ""));

    assertThat(response.status()).isEqualTo(400);
    assertThat(message(response))
        .contains("table 'nope' is not a discovered table")
        .contains("segments")
        .contains("profiles");
  }

  @Test
  void badMappingsAreRefusedNamingEveryRuleBroken() {
    assertThat(
            message(
                refused(
                    importBody(
                        "profiles",
                        "USER_PROFILE",
                        "{\"user_id\":\"email\",\"attributes\":[\"score\",\"nope\"]}",
                        ""))))
        .contains("mapping.user_id_tag: required for USER_PROFILE")
        .contains("mapping.attributes: 'nope' is not a column of the table");
    assertThat(
            message(
                refused(
                    importBody(
                        "profiles",
                        "USER_ACTIVITY",
                        "{\"user_id\":\"user_id\",\"timestamp\":\"email\"}",
                        ""))))
        .contains("mapping.timestamp: column 'email' is VARCHAR but USER_ACTIVITY needs");
    assertThat(message(refused(importBody("segments", "USER_SEGMENTS", "{\"user_id\":\"x\"}", ""))))
        .contains("mapping.user_id: 'x' is not a column of the table")
        .contains("mapping.segment: required for USER_SEGMENTS");
    assertThat(
            message(
                refused(
                    importBody(
                        "profiles",
                        "IDENTITY",
                        "{\"first_id\":\"user_id\",\"first_tag\":\"crm\",\"second_id\":\"score\","
                            + "\"second_tag\":\"email\",\"third_id\":\"email\"}",
                        ""))))
        .contains("mapping.second_id: column 'score' is DOUBLE but IDENTITY needs")
        .contains("mapping.third_id: IDENTITY takes no such entry");
    assertThat(
            message(
                refused(
                    importBody(
                        "profiles",
                        "GROUP",
                        "{\"user_id\":\"user_id\",\"group_id\":\"email\",\"cursor\":\"signed_up\","
                            + "\"is_deleted\":\"email\",\"attributes\":[\"score\"]}",
                        ""))))
        .contains("mapping.is_deleted: column 'email' is VARCHAR but GROUP needs BOOLEAN")
        .contains("mapping.attributes: only USER_PROFILE takes attribute columns");
    assertThat(
            message(
                refused(
                    segmentsImport("segments", ",\"columns\":[\"user_id\",\"amount\",\"nope\"]"))))
        .contains("columns: 'nope' is not a column of table segments")
        .contains("mapping.segment: column 'segment' is not among the imported columns");
    assertThat(message(refused(importBody("segments", "SEGMENTS", "{}", ""))))
        .contains("dataType 'SEGMENTS' is not one of [USER_PROFILE");
  }

  @Test
  void badPartitionFiltersAndSchedulesAreRefused() {
    assertThat(message(refused(segmentsImport("segments", ",\"partitionFilter\":\"date >=\""))))
        .startsWith("partition filter:");
    assertThat(
            message(refused(segmentsImport("segments", ",\"partitionFilter\":\"region = 'EU'\""))))
        .contains("region");
    assertThat(message(refused(segmentsImport("segments", ",\"schedule\":\"PT1M\""))))
        .contains("too short")
        .contains("PT5M");
    assertThat(message(refused(segmentsImport("segments", ",\"schedule\":\"hourly\""))))
        .contains("neither MANUAL nor an ISO-8601 duration");
  }

  private static List<String> tableColumns(String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = database();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = '"
                    + table
                    + "' ORDER BY ordinal_position")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  @Test
  void importCreatedWithoutColumnsShowsTheColumnsItLoads() {
    ApiClient.Response created = api.post("/api/v1/imports", segmentsImport("segments", ""));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("columns").valueStream().map(JsonNode::asText))
        .containsExactly("user_id", "segment", "amount", "date");
    String id = created.json().path("id").asText();
    assertThat(
            api.get("/api/v1/imports/" + id)
                .json()
                .path("columns")
                .valueStream()
                .map(JsonNode::asText))
        .containsExactly("user_id", "segment", "amount", "date");
  }

  @Test
  void patchChangesNameScheduleModeErrorHandlingAndColumnsAndTheTableFollows() throws Exception {
    String id = create(segmentsImport("segments", ""));
    String table = api.get("/api/v1/imports/" + id).json().path("targetTable").asText();
    awaitFinished(id, startRun(id).path("id").asText());

    ApiClient.Response changed =
        api.patch(
            "/api/v1/imports/" + id,
            """
            {"name":"renamed","schedule":"PT1H","mode":"FULL_REFRESH","onError":"REJECT",
             "maxErrors":5,"columns":["user_id","segment","date"]}""");

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    JsonNode shown = api.get("/api/v1/imports/" + id).json();
    for (JsonNode view : List.of(changed.json(), shown)) {
      assertThat(view.path("name").asText()).isEqualTo("renamed");
      assertThat(view.path("schedule").asText()).isEqualTo("PT1H");
      assertThat(view.path("mode").asText()).isEqualTo("FULL_REFRESH");
      assertThat(view.path("onError").asText()).isEqualTo("REJECT");
      assertThat(view.path("maxErrors").asInt()).isEqualTo(5);
      assertThat(view.path("columns").valueStream().map(JsonNode::asText))
          .containsExactly("user_id", "segment", "date");
      assertThat(view.path("nextRunAt").isNull()).isFalse();
    }
    assertThat(tableColumns(table)).containsExactly("user_id", "segment", "date", "_file", "_row");

    ApiClient.Response allAgain = api.patch("/api/v1/imports/" + id, "{\"columns\":[]}");

    assertThat(allAgain.status()).as(allAgain.body()).isEqualTo(200);
    assertThat(allAgain.json().path("columns").valueStream().map(JsonNode::asText))
        .containsExactly("user_id", "segment", "amount", "date");
    assertThat(tableColumns(table)).contains("amount");
    JsonNode rerun = awaitFinished(id, startRun(id).path("id").asText());
    assertThat(rerun.path("status").asText()).as(rerun.toString()).isEqualTo("SUCCEEDED");
    assertThat(rowsIn(table)).isEqualTo(6);
  }

  @Test
  void patchWithInvalidValuesIsRefusedNamingEveryFieldAndChangesNothing() {
    String id = create(segmentsImport("segments", ""));
    String path = "/api/v1/imports/" + id;

    ApiClient.Response invalid =
        api.patch(
            path,
            """
            {"name":" ","schedule":"PT1M","mode":"SOMETIMES","onError":"NEVER","maxErrors":-1,
             "columns":["user_id","bogus"]}""");

    assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
    assertThat(message(invalid))
        .contains("name: ")
        .contains("schedule: ")
        .contains("mode: mode 'SOMETIMES' is not one of [INCREMENTAL, FULL_REFRESH]")
        .contains("onError: onError 'NEVER' is not one of")
        .contains("maxErrors: -1 is negative")
        .contains("columns: 'bogus' is not a column of table segments")
        .contains("mapping.segment: column 'segment' is not among the imported columns");
    JsonNode unchanged = api.get(path).json();
    assertThat(unchanged.path("name").asText()).isEqualTo("segments import");
    assertThat(unchanged.path("schedule").asText()).isEqualTo("MANUAL");
    assertThat(unchanged.path("columns")).hasSize(4);

    assertThat(message(api.patch(path, "{\"table\":\"profiles\"}")))
        .contains("table cannot be changed: create a new import");
    assertThat(message(api.patch(path, "{\"bogus\":1}"))).contains("unknown field 'bogus'");
    assertThat(message(api.patch(path, "{}"))).startsWith("nothing to change");
    assertThat(api.patch(path, "{\"name\":5}").status()).isEqualTo(400);
  }

  @Test
  void patchOfAnUnknownImportAnswers404NamingIt() {
    UUID unknown = UUID.randomUUID();

    ApiClient.Response response = api.patch("/api/v1/imports/" + unknown, "{\"name\":\"x\"}");

    assertThat(response.status()).as(response.body()).isEqualTo(404);
    assertThat(response.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(message(response)).startsWith("no import with id " + unknown);
  }

  @Test
  void runOptionsOtherThanReloadAreRefused() {
    String id = create(segmentsImport("segments", ""));

    ApiClient.Response response = api.post("/api/v1/imports/" + id + "/runs", "{\"full\":true}");

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(message(response)).contains("unknown field 'full'").contains("[reload]");
  }

  /** The server's clock: the system clock, moved forward by tests. */
  static final class MovableClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    void advance(Duration by) {
      offset = offset.plus(by);
    }
  }

  /** Keys whose reads wait until the test releases them. */
  static final class HeldReads {
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    /** A held key; releasing lets its reads go on. */
    record Hold(CountDownLatch latch) {
      void release() {
        latch.countDown();
      }
    }

    Hold hold(String key) {
      CountDownLatch latch = new CountDownLatch(1);
      held.put(key, latch);
      return new Hold(latch);
    }

    void awaitRelease(String key) {
      CountDownLatch latch = held.get(key);
      if (latch == null) {
        return;
      }
      try {
        if (!latch.await(1, TimeUnit.MINUTES)) {
          throw new AssertionError("the hold on " + key + " was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void releaseAll() {
      held.values().forEach(CountDownLatch::countDown);
    }
  }

  /** The server's S3 access with reads of held keys paused. */
  static final class HoldingStore extends ForwardingObjectStore {
    private final HeldReads held;

    HoldingStore(ObjectStore delegate, HeldReads held) {
      super(delegate);
      this.held = held;
    }

    @Override
    public InputStream open(S3Location location) {
      held.awaitRelease(location.key());
      return super.open(location);
    }

    @Override
    public InputStream openRange(S3Location location, long offset, long length) {
      held.awaitRelease(location.key());
      return super.openRange(location, offset, length);
    }

    @Override
    public Optional<SupportsMultipartUpload> multipart() {
      return delegate().multipart();
    }
  }
}
