package io.hivewire.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.apikeys.ApiKeyRepository;
import io.hivewire.apikeys.ApiKeyRoutes;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.audiences.AudienceSegmentRepository;
import io.hivewire.audiences.AudienceSegmentRoutes;
import io.hivewire.audiences.AudienceSegmentService;
import io.hivewire.collect.EventBatchReader;
import io.hivewire.collect.EventCollector;
import io.hivewire.collect.EventLimits;
import io.hivewire.collect.EventValidator;
import io.hivewire.collect.IdentityResolver;
import io.hivewire.collection.CollectMetrics;
import io.hivewire.collection.CollectRoutes;
import io.hivewire.collection.IdentityRepository;
import io.hivewire.collection.IdentityService;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.HttpConfig;
import io.hivewire.destinations.DestinationRepository;
import io.hivewire.destinations.DestinationService;
import io.hivewire.destinations.RoutingRoutes;
import io.hivewire.http.ApiServer;
import io.hivewire.http.EventLogFull;
import io.hivewire.http.ServerHealth;
import io.hivewire.routing.FaultInjectingProxy;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SecretCipher;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;

/**
 * Routing destinations through HTTP, from set-up to files in S3Proxy read back with DuckDB: the
 * binding layout, a file per segment snapshot, data collected before a destination reaching it, a
 * failing destination holding back no other and catching up once fixed, pause, resume, delete and
 * API keys; no secret in the database or the logs.
 */
class RoutingApiIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern EVENT_KEY =
      Pattern.compile(
          "hivewire/type=events/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}/"
              + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z-[0-9a-f]+-worker1\\.jsonl\\.gz");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * docs/architecture.md "Object layout": hourly partitions for events and sync_aliases, none for
   * segment.
   */
  private static final Pattern LAYOUT =
      Pattern.compile(
          "hivewire/(type=(events|sync_aliases)/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}"
              + "|type=segment)/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z-[0-9a-f]{6}"
              + "-worker1\\.jsonl\\.gz");

  @TempDir static Path dataDir;

  static LocalS3Fixture s3;
  static Database database;
  static WalEventLog log;
  static DestinationService destinations;
  static ApiServer api;
  static String adminKey;
  static ApiKeys apiKeys;

  private final HttpClient http = HttpClient.newHttpClient();

  static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static Level rootLevel;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    // Everything any component logs, down to DEBUG, is checked for the secret.
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    s3 =
        LocalS3Fixture.start(
            "lake-a", "lake-b", "lake-c", "lake-d", "lake-e", "lake-f", "lake-g", "lake-h",
            "lake-i", "lake-j");
    database = Database.open(new DatabaseConfig.Embedded(0, 4), dataDir);
    apiKeys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
    adminKey = apiKeys.create(Set.of(ApiKeys.ADMIN_SCOPE), "test admin");
    log = WalEventLog.open(WalSettings.defaults(dataDir.resolve("log")));
    startServer();
  }

  /**
   * The server's parts over the shared database, log and data dir, as a server start wires them.
   */
  private static void startServer() {
    ApiKeys keys = apiKeys;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CredentialVault vault =
        new CredentialVault(
            new SecretCipher(
                new MasterKeySource(Optional.empty(), Optional.empty(), new SecureRandom())
                    .load(dataDir),
                new SecureRandom()));
    destinations =
        new DestinationService(
            new DestinationService.Parts(
                new DestinationRepository(database),
                vault,
                log,
                S3ObjectStores::create,
                registry,
                dataDir.resolve("routing"),
                new WorkerId("worker1")),
            Runnable::run,
            InstantSource.system());
    IdentityService identities =
        new IdentityService(
            new IdentityRepository(database),
            new IdentityResolver(UUID::randomUUID),
            log,
            InstantSource.system());
    EventLimits limits = EventLimits.defaults();
    EventCollector collector =
        new EventCollector(
            new EventBatchReader(
                limits, MAPPER, new EventValidator(limits, MAPPER, UUID::randomUUID)),
            identities,
            log,
            InstantSource.system());
    EventLogFull full = new EventLogFull("give the test's log more room");
    api =
        ApiServer.start(
            new HttpConfig("127.0.0.1", 0),
            MAPPER,
            HivewireApp.apiKeyVerifier(keys),
            new ServerHealth(() -> DatabaseStatus.UP, "embedded PostgreSQL", Optional.empty()),
            registry,
            List.of(
                new CollectRoutes(
                    collector,
                    identities,
                    keys,
                    MAPPER,
                    1024 * 1024,
                    full,
                    new CollectMetrics(registry)),
                new RoutingRoutes(destinations, MAPPER),
                new AudienceSegmentRoutes(
                    new AudienceSegmentService(
                        new AudienceSegmentRepository(database),
                        log,
                        InstantSource.system(),
                        Duration.ofHours(24)),
                    MAPPER,
                    UUID::randomUUID,
                    full),
                new ApiKeyRoutes(keys, MAPPER)));
    destinations.startActive();
  }

  /** Stops the server as a shutdown does and starts it anew: new engines, a new /metrics. */
  private static void restartServer() {
    api.close();
    destinations.close();
    startServer();
  }

  @AfterAll
  static void stop() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    for (AutoCloseable resource : new AutoCloseable[] {api, destinations, log, database, s3}) {
      if (resource != null) {
        resource.close();
      }
    }
  }

  @Test
  void failingDestinationHoldsBackNoOtherAndCatchesUpOnceItsCredentialsAreFixed() throws Exception {
    String secret = s3.localS3().secretKey();
    JsonNode healthy = send("POST", "/api/v1/routing", destination("healthy", "lake-a", secret));
    JsonNode failing =
        send("POST", "/api/v1/routing", destination("failing", "lake-b", "wrong-" + secret));

    assertThat(healthy.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(failing.get("status").asText()).isEqualTo("FAILED");
    assertThat(failing.get("lastError").asText())
        .isEqualTo(
            "the access key id or secret access key is wrong: copy both again from the IAM"
                + " user's security credentials");
    assertThat(healthy.get("accessKeyId").asText()).contains("…");
    assertThat(healthy.toString() + failing).doesNotContain(secret);

    // Other tests' events reach these buckets too (a destination starts at the retained log).
    String name = "Failover" + UUID.randomUUID().toString().replace("-", "");
    String event =
        "{\"name\":\"" + name + "\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}";
    String batch = "[" + String.join(",", Collections.nCopies(10, event)) + "]";
    assertThat(post("/v2.0/events", batch).statusCode()).isEqualTo(201);

    assertThat(destinations.flush(id(healthy), PATIENCE)).isTrue();
    List<String> inA = eventIds("lake-a", name);
    assertThat(inA).hasSize(10);
    assertThat(s3.store().listRecursively("lake-b", "")).isEmpty();
    JsonNode healthyNow = send("GET", "/api/v1/routing/" + healthy.get("id").asText(), "");
    assertThat(healthyNow.get("filesWritten").asLong()).isPositive();
    // The failing destination's unread records hold back nothing of the healthy one.
    assertThat(healthyNow.get("freshnessLagSeconds").asDouble()).isLessThan(2.0);
    assertThat(
            send("GET", "/api/v1/routing/" + failing.get("id").asText(), "").get("status").asText())
        .isEqualTo("FAILED");
    assertThat(healthyNow.get("lastKey").asText()).matches(LAYOUT);

    JsonNode fixed =
        send("PATCH", "/api/v1/routing/" + failing.get("id").asText(), credentials(secret));

    assertThat(fixed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(destinations.flush(id(fixed), PATIENCE)).isTrue();
    List<String> inB = eventIds("lake-b", name);
    assertThat(inB).containsExactlyInAnyOrderElementsOf(inA);
    assertNoLogLineHolds(secret);
  }

  /** Everything logged so far (any component, down to DEBUG), messages and exceptions alike. */
  private static void assertNoLogLineHolds(String secret) {
    List<ILoggingEvent> logged;
    // Background threads keep logging; the appender appends under its own lock.
    synchronized (logs) {
      logged = List.copyOf(logs.list);
    }
    assertThat(logged).isNotEmpty();
    assertThat(logged)
        .allSatisfy(
            e ->
                assertThat(
                        e.getFormattedMessage()
                            + Optional.ofNullable(e.getThrowableProxy())
                                .map(t -> t.getMessage())
                                .orElse(""))
                    .doesNotContain(secret));
  }

  @Test
  void eventsIdentifyAndSegmentChangesCollectedBeforeAnyDestinationArriveInTheBindingLayout(
      @TempDir Path copy) throws Exception {
    String marker = "Before" + UUID.randomUUID().toString().replace("-", "");
    String user = UUID.randomUUID().toString();
    String batch =
        "[{\"name\":\""
            + marker
            + "\",\"user_id\":\""
            + user
            + "\",\"time\":\"2026-01-15T13:59:59.5Z\",\"properties\":{\"page\":{\"path\":\"/a\"}}},"
            + "{\"name\":\""
            + marker
            + "\",\"user_id\":\""
            + user
            + "\",\"time\":\"2026-01-15T14:00:00Z\",\"segments\":[7],\"cohorts\":[\"c1\"]},"
            + "{\"name\":\""
            + marker
            + "\",\"user_id\":\""
            + user
            + "\"}]";
    assertThat(post("/v2.0/events", batch).statusCode()).isEqualTo(201);
    String emailHash = UUID.randomUUID().toString();
    JsonNode identified =
        send(
            "POST",
            "/v2.0/identify",
            "{\"aliases\":[{\"tag\":\"email_sha256\",\"id\":\""
                + emailHash
                + "\",\"priority\":0},{\"tag\":\"crm\",\"id\":\""
                + emailHash
                + "-crm\",\"priority\":1}]}");
    long code = 100_000 + new Random().nextInt(800_000);
    JsonNode kept = send("POST", "/api/v1/segments", segment(code, "kept"));
    JsonNode renamed = send("POST", "/api/v1/segments", segment(code + 1, "first name"));
    send("PUT", "/api/v1/segments/" + renamed.get("id").asText(), segment(code + 1, "renamed"));
    JsonNode gone = send("POST", "/api/v1/segments", segment(code + 2, "gone"));
    send("DELETE", "/api/v1/segments/" + gone.get("id").asText(), "");
    JsonNode current = send("GET", "/api/v1/segments", "");

    // Created only now: it starts at the beginning of the retained log.
    JsonNode created =
        send("POST", "/api/v1/routing", destination("late", "lake-c", s3.localS3().secretKey()));
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();

    // DuckDB reads a local copy: its httpfs extension is a download, and tests run offline.
    List<ObjectInfo> objects = s3.store().listRecursively("lake-c", "");
    assertThat(objects)
        .allSatisfy(o -> assertThat(o.key()).matches(LAYOUT))
        .anySatisfy(o -> assertThat(o.key()).startsWith("hivewire/type=events/"))
        .anySatisfy(o -> assertThat(o.key()).startsWith("hivewire/type=sync_aliases/"))
        .anySatisfy(o -> assertThat(o.key()).startsWith("hivewire/type=segment/"));
    for (ObjectInfo object : objects) {
      Path local = copy.resolve(object.key());
      Files.createDirectories(local.getParent());
      try (InputStream in = s3.store().open(new S3Location("lake-c", object.key()))) {
        Files.copy(in, local);
      }
    }
    Path root = copy.resolve("hivewire");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT type, year, month, day, hour, name, CAST(user_id AS VARCHAR),"
                  + " CAST(event_id AS VARCHAR), CAST(time AS VARCHAR)"
                  + " FROM read_json('"
                  + root
                  + "/type=events/*/*/*/*/*.jsonl.gz', hive_partitioning = true,"
                  + " hive_types_autocast = false, union_by_name = true)"
                  + " WHERE name = '"
                  + marker
                  + "' ORDER BY time")) {
        List<String> hours = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        while (rows.next()) {
          assertThat(rows.getString(1)).isEqualTo("events");
          assertThat(rows.getString(7)).isEqualTo(user);
          eventIds.add(rows.getString(8));
          ZonedDateTime time =
              Instant.parse(rows.getString(9).replace(' ', 'T').replaceAll("\\+00(:00)?$", "Z"))
                  .atZone(ZoneOffset.UTC);
          assertThat(rows.getString(2) + rows.getString(3) + rows.getString(4) + rows.getString(5))
              .isEqualTo(
                  String.format(
                      "%04d%02d%02d%02d",
                      time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour()));
          hours.add(rows.getString(5));
        }
        assertThat(eventIds).hasSize(3).doesNotContainNull();
        assertThat(hours.subList(0, 2)).containsExactly("13", "14");
      }
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT type, CAST(user_id AS VARCHAR), tag, id, priority FROM read_json('"
                  + root
                  + "/type=sync_aliases/*/*/*/*/*.jsonl.gz', hive_partitioning = true,"
                  + " union_by_name = true) WHERE id LIKE '"
                  + emailHash
                  + "%' ORDER BY priority")) {
        List<String> links = new ArrayList<>();
        while (rows.next()) {
          assertThat(rows.getString(1)).isEqualTo("sync_aliases");
          assertThat(rows.getString(2)).isEqualTo(identified.get("user_id").asText());
          links.add(rows.getString(3) + "/" + rows.getLong(5));
        }
        assertThat(links).containsExactly("email_sha256/0", "crm/1");
      }
      List<String> segmentKeys =
          objects.stream()
              .map(ObjectInfo::key)
              .filter(k -> k.startsWith("hivewire/type=segment/"))
              .sorted()
              .toList();
      assertThat(segmentKeys).hasSizeGreaterThanOrEqualTo(5);
      Set<String> snapshotTimes = new HashSet<>();
      for (String key : segmentKeys) {
        try (ResultSet rows =
            sql.executeQuery(
                "SELECT count(DISTINCT CAST(time AS VARCHAR)), min(CAST(time AS VARCHAR))"
                    + " FROM read_json('"
                    + copy.resolve(key)
                    + "', union_by_name = true)")) {
          rows.next();
          assertThat(rows.getLong(1)).as("snapshots in %s", key).isEqualTo(1);
          assertThat(snapshotTimes.add(rows.getString(2))).as("snapshot split: %s", key).isTrue();
        }
      }
      List<String> expected = new ArrayList<>();
      current.forEach(
          seg -> expected.add(seg.get("code").asLong() + " " + seg.get("name").asText()));
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT code, name FROM read_json('"
                  + copy.resolve(segmentKeys.getLast())
                  + "', union_by_name = true) ORDER BY code")) {
        List<String> newest = new ArrayList<>();
        while (rows.next()) {
          newest.add(rows.getLong(1) + " " + rows.getString(2));
        }
        assertThat(newest).containsExactlyElementsOf(expected);
      }
      assertThat(expected)
          .contains(code + " kept", (code + 1) + " renamed")
          .doesNotContain((code + 2) + " gone");
      assertThat(kept.get("id").asText()).isNotEmpty();
    }
  }

  @Test
  void theSegmentListIsRoutedAgainOnceTheIntervalPassesWithoutAChange(@TempDir Path logDir)
      throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    send("POST", "/api/v1/segments", segment(900_000 + new Random().nextInt(99_999), "daily"));
    try (WalEventLog own = WalEventLog.open(WalSettings.defaults(logDir))) {
      AudienceSegmentService daily =
          new AudienceSegmentService(
              new AudienceSegmentRepository(database), own, now::get, Duration.ofHours(24));
      var reader = own.consumer("check", EventLog.AssignmentListener.NONE);

      assertThat(daily.resnapshotIfDue()).as("first check of a run").isTrue();
      now.set(now.get().plus(Duration.ofHours(23)));
      assertThat(daily.resnapshotIfDue()).isFalse();
      now.set(now.get().plus(Duration.ofHours(1)));
      assertThat(daily.resnapshotIfDue()).isTrue();

      List<LogRecord> records = reader.read(WalEventLog.PARTITION, 0, 10_000, Duration.ZERO);
      int listed = send("GET", "/api/v1/segments", "").size();
      assertThat(records).hasSize(2 * listed);
      assertThat(records.subList(listed, 2 * listed))
          .allSatisfy(r -> assertThat(r.time()).isEqualTo(Instant.parse("2030-01-02T00:00:00Z")));
    }
  }

  @Test
  void pausedDestinationKeepsItsDataInTheLogAndResumingDeliversIt() throws Exception {
    JsonNode created =
        send(
            "POST", "/api/v1/routing", destination("pausable", "lake-d", s3.localS3().secretKey()));
    String path = "/api/v1/routing/" + created.get("id").asText();
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();

    JsonNode paused = send("PATCH", path, "{\"status\":\"PAUSED\"}");
    assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
    String name = "WhilePaused" + UUID.randomUUID().toString().replace("-", "");
    String event = "{\"name\":\"" + name + "\",\"user_id\":\"" + UUID.randomUUID() + "\"}";
    assertThat(post("/v2.0/events", "[" + event + "," + event + "]").statusCode()).isEqualTo(201);
    assertThat(destinations.flush(id(created), Duration.ofSeconds(2)))
        .as("a paused destination routes nothing")
        .isFalse();
    assertThat(eventIds("lake-d", name)).isEmpty();

    JsonNode resumed = send("PATCH", path, "{\"status\":\"ACTIVE\"}");
    assertThat(resumed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    assertThat(eventIds("lake-d", name)).hasSize(2);
    HttpResponse<String> unknown = raw("PATCH", path, "{\"status\":\"SLEEPING\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(unknown.body()).at("/error/message").asText())
        .startsWith("nothing to change: send {\"accessKeyId\", \"secretAccessKey\"}");
  }

  @Test
  void filesBytesAndLastKeyCountOnAcrossPauseResumeAndServerRestart() throws Exception {
    JsonNode created =
        send("POST", "/api/v1/routing", destination("counted", "lake-g", s3.localS3().secretKey()));
    String path = "/api/v1/routing/" + created.get("id").asText();
    postNamedEvents("BeforePause", 3);
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    JsonNode before = send("GET", path, "");
    assertThat(before.get("filesWritten").asLong()).isPositive();
    assertThat(before.get("bytesWritten").asLong()).isPositive();
    assertThat(before.get("lastKey").asText()).matches(LAYOUT);

    JsonNode paused = send("PATCH", path, "{\"status\":\"PAUSED\"}");
    assertThat(figures(paused)).isEqualTo(figures(before));
    JsonNode resumed = send("PATCH", path, "{\"status\":\"ACTIVE\"}");
    assertThat(resumed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(figures(send("GET", path, ""))).isEqualTo(figures(before));

    postNamedEvents("AfterResume", 2);
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    JsonNode after = send("GET", path, "");
    assertThat(after.get("filesWritten").asLong())
        .isGreaterThan(before.get("filesWritten").asLong());
    assertThat(after.get("bytesWritten").asLong())
        .isGreaterThan(before.get("bytesWritten").asLong());
    assertThat(after.get("lastKey").asText()).isNotEqualTo(before.get("lastKey").asText());
    assertThat(after.get("lastKeyAt").asText()).isNotEmpty();
    long filesInBucket =
        s3.store().listRecursively("lake-g", "hivewire/").stream()
            .filter(o -> o.key().matches(LAYOUT.pattern()))
            .count();
    assertThat(after.get("filesWritten").asLong()).isEqualTo(filesInBucket);

    restartServer();

    assertThat(figures(send("GET", path, ""))).isEqualTo(figures(after));
  }

  @Test
  void freshnessLagGrowsWhileRecordsWaitInAPausedDestination() throws Exception {
    JsonNode created =
        send("POST", "/api/v1/routing", destination("waiting", "lake-h", s3.localS3().secretKey()));
    String path = "/api/v1/routing/" + created.get("id").asText();
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    send("PATCH", path, "{\"status\":\"PAUSED\"}");
    assertThat(send("GET", path, "").get("freshnessLagSeconds").asDouble()).isZero();

    postNamedEvents("WaitingWhilePaused", 2);

    double lag = awaitLagOfAtLeast(path, 1.0);
    // and it keeps growing for as long as they wait
    awaitLagOfAtLeast(path, lag + 0.5);
    send("PATCH", path, "{\"status\":\"ACTIVE\"}");
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    assertThat(send("GET", path, "").get("freshnessLagSeconds").asDouble()).isLessThan(1.0);
  }

  @Test
  void statusMetricsAndHealthAnswerWithinASecondWhileTheBucketStalls() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.localS3().endpoint(), 0, 1)) {
      JsonNode created =
          send(
              "POST",
              "/api/v1/routing",
              destination("stalling", "lake-i", s3.localS3().secretKey(), proxy.endpoint()));
      assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
      String path = "/api/v1/routing/" + created.get("id").asText();
      assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
      proxy.forceAll(FaultInjectingProxy.Fault.STALL);

      // One file per hour, all closed by the 1 s flush interval: more than there are upload slots.
      StringBuilder batch = new StringBuilder("[");
      for (int hour = 0; hour < 20; hour++) {
        batch
            .append(hour == 0 ? "" : ",")
            .append("{\"name\":\"Stalled\",\"user_id\":\"")
            .append(UUID.randomUUID())
            .append(String.format("\",\"time\":\"2026-02-01T%02d:00:00Z\"}", hour));
      }
      assertThat(post("/v2.0/events", batch.append("]").toString()).statusCode()).isEqualTo(201);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (proxy.stalledRequests() < 16) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only " + proxy.stalledRequests() + " uploads stalled, expected all 16 slots");
        }
        Thread.sleep(20);
      }

      long stalledFor = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      JsonNode status = null;
      while (System.nanoTime() < stalledFor) {
        status = MAPPER.readTree(answeredWithinASecond(path).body());
        assertThat(answeredWithinASecond("/metrics").body())
            .contains("hivewire_routing_freshness_lag");
        assertThat(answeredWithinASecond("/health").statusCode()).isEqualTo(200);
        // Asks again and again for as long as the stall lasts, without hammering the server.
        Thread.sleep(200);
      }
      assertThat(status.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(status.get("freshnessLagSeconds").asDouble()).isGreaterThanOrEqualTo(1.0);

      proxy.forceAll(FaultInjectingProxy.Fault.NONE);
      assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
      assertThat(raw("DELETE", path, "").statusCode()).isEqualTo(204);
    }
  }

  /** GET {@code path}, failing unless it answers 2xx within a second. */
  private HttpResponse<String> answeredWithinASecond(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .header("X-API-Key", adminKey)
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("GET " + path + " gave no answer within 1 s", e);
    }
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isBetween(200, 299);
    return response;
  }

  /** Polls the destination until its freshness lag reaches {@code seconds}; returns the lag. */
  private double awaitLagOfAtLeast(String path, double seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      double lag = send("GET", path, "").get("freshnessLagSeconds").asDouble();
      if (lag >= seconds) {
        return lag;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the freshness lag stayed at " + lag + " s, never reaching " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }

  /** Posts {@code count} events with a fresh name starting with {@code prefix}. */
  private void postNamedEvents(String prefix, int count) {
    String event =
        "{\"name\":\""
            + prefix
            + UUID.randomUUID().toString().replace("-", "")
            + "\",\"user_id\":\""
            + UUID.randomUUID()
            + "\"}";
    assertThat(
            post("/v2.0/events", "[" + String.join(",", Collections.nCopies(count, event)) + "]")
                .statusCode())
        .isEqualTo(201);
  }

  /** What a destination has written as its status shows it. */
  private static List<String> figures(JsonNode destination) {
    return List.of(
        destination.get("filesWritten").asText(),
        destination.get("bytesWritten").asText(),
        destination.get("lastKey").asText(),
        destination.get("lastKeyAt").asText());
  }

  @Test
  void theHistoryCountsWhatTheDestinationWroteMinuteByMinuteOverTheLastHour() throws Exception {
    JsonNode created =
        send("POST", "/api/v1/routing", destination("charted", "lake-j", s3.localS3().secretKey()));
    String path = "/api/v1/routing/" + created.get("id").asText();
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    long before = recordsInTheHour(send("GET", path + "/history", ""));

    postNamedEvents("Charted", 4);
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    JsonNode history = awaitHistoryWithLag(path);

    Instant now = Instant.now();
    JsonNode minutes = history.get("minutes");
    assertThat(minutes).hasSize(60);
    Instant last = Instant.parse(minutes.get(59).get("start").asText());
    assertThat(last).isBeforeOrEqualTo(now).isAfter(now.minusSeconds(120));
    assertThat(Instant.parse(minutes.get(0).get("start").asText()))
        .isEqualTo(last.minusSeconds(59 * 60));
    assertThat(recordsInTheHour(history) - before).isGreaterThanOrEqualTo(4);
    assertThat(history.get("recordsWritten").asLong()).isEqualTo(recordsInTheHour(history));
    JsonNode status = send("GET", path, "");
    long files = 0;
    long bytes = 0;
    for (JsonNode minute : minutes) {
      files += minute.get("filesWritten").asLong();
      bytes += minute.get("bytesWritten").asLong();
    }
    assertThat(files).isEqualTo(status.get("filesWritten").asLong());
    assertThat(bytes).isEqualTo(status.get("bytesWritten").asLong());
    JsonNode byType = history.get("filesByType");
    assertThat(byType.get("events").asLong()).isPositive();
    assertThat(
            byType.get("events").asLong()
                + byType.get("sync_aliases").asLong()
                + byType.get("segment").asLong())
        .isEqualTo(files);
    HttpResponse<String> unknown =
        raw("GET", "/api/v1/routing/" + UUID.randomUUID() + "/history", "");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(MAPPER.readTree(unknown.body()).at("/error/message").asText())
        .contains("GET /api/v1/routing lists them");
  }

  private static long recordsInTheHour(JsonNode history) {
    long records = 0;
    for (JsonNode minute : history.get("minutes")) {
      records += minute.get("recordsWritten").asLong();
    }
    return records;
  }

  /** The history once a freshness lag was sampled (once a second while the destination routes). */
  private JsonNode awaitHistoryWithLag(String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonNode history = send("GET", path + "/history", "");
      JsonNode lag = history.get("minutes").get(59).get("freshnessLagSeconds");
      if (lag.isNumber()) {
        assertThat(lag.asDouble()).isGreaterThanOrEqualTo(0);
        return history;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no freshness lag sampled within 10 s: " + history);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void deletingADestinationFirstUploadsWhatItHolds() throws Exception {
    JsonNode created =
        send("POST", "/api/v1/routing", destination("deleted", "lake-e", s3.localS3().secretKey()));
    assertThat(destinations.flush(id(created), PATIENCE)).isTrue();
    String name = "BeforeDelete" + UUID.randomUUID().toString().replace("-", "");
    String event = "{\"name\":\"" + name + "\",\"user_id\":\"" + UUID.randomUUID() + "\"}";
    assertThat(post("/v2.0/events", "[" + event + "," + event + "," + event + "]").statusCode())
        .isEqualTo(201);

    // The flush interval is 1 s: the DELETE answers at once only if it uploads the open files.
    HttpResponse<String> deleted =
        raw("DELETE", "/api/v1/routing/" + created.get("id").asText(), "");

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(eventIds("lake-e", name)).hasSize(3);
    assertThat(raw("GET", "/api/v1/routing/" + created.get("id").asText(), "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theStoredSecretIsInNoTableOfTheDatabaseNorInTheLogs() throws Exception {
    String secret = s3.localS3().secretKey();
    String wrong = "wrong-" + UUID.randomUUID();
    JsonNode created = send("POST", "/api/v1/routing", destination("sealed", "lake-f", secret));
    String path = "/api/v1/routing/" + created.get("id").asText();
    JsonNode broken = send("PATCH", path, credentials(wrong));
    assertThat(broken.get("status").asText()).isEqualTo("FAILED");
    JsonNode rotated = send("PATCH", path, credentials(secret));
    assertThat(rotated.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(broken.toString() + rotated).doesNotContain(secret).doesNotContain(wrong);

    // zonky's PostgreSQL bundle has no pg_dump: every table of the schema is dumped with COPY.
    String dump = dumpAllTables();

    assertThat(dump)
        .contains(created.get("id").asText())
        .doesNotContain(secret)
        .doesNotContain(wrong);
    assertNoLogLineHolds(secret);
    assertNoLogLineHolds(wrong);
  }

  @Test
  void ingestKeysAreIssuedListedWithoutTheKeyWithTheirLastUseAndRevoked() throws Exception {
    JsonNode issued =
        send("POST", "/api/v1/api-keys", "{\"name\":\"web tracker\",\"scope\":\"ingest\"}");
    String key = issued.get("key").asText();
    assertThat(key).startsWith("hw_");
    assertThat(issued.get("scope").asText()).isEqualTo("ingest");
    assertThat(issued.get("lastUsedAt").isNull()).isTrue();
    Instant beforeUse = Instant.now().minusSeconds(1);
    String event = "{\"name\":\"WithIngestKey\",\"user_id\":\"" + UUID.randomUUID() + "\"}";

    assertThat(as(key, "POST", "/v2.0/events", event).statusCode()).isEqualTo(201);
    assertThat(as(key, "GET", "/api/v1/routing", "").statusCode()).isEqualTo(401);
    HttpResponse<String> listed = raw("GET", "/api/v1/api-keys", "");
    assertThat(listed.body())
        .contains(issued.get("id").asText(), "web tracker")
        .doesNotContain(key);
    JsonNode listedKey = null;
    for (JsonNode k : MAPPER.readTree(listed.body())) {
      if (k.get("id").asText().equals(issued.get("id").asText())) {
        listedKey = k;
      }
    }
    assertThat(listedKey).isNotNull();
    assertThat(Instant.parse(listedKey.get("lastUsedAt").asText()))
        .isBetween(beforeUse, Instant.now());
    HttpResponse<String> badScope =
        raw("POST", "/api/v1/api-keys", "{\"name\":\"x\",\"scope\":\"root\"}");
    assertThat(badScope.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(badScope.body()).at("/error/message").asText())
        .isEqualTo(
            "scope: 'root' is not a scope: use \"ingest\" (sends data to /v2.0 only) or \"admin\""
                + " (every call)");

    assertThat(raw("DELETE", "/api/v1/api-keys/" + issued.get("id").asText(), "").statusCode())
        .isEqualTo(204);

    assertThat(as(key, "POST", "/v2.0/events", event).statusCode()).isEqualTo(401);
    assertThat(raw("GET", "/api/v1/api-keys", "").body()).doesNotContain(issued.get("id").asText());
  }

  private static String dumpAllTables() throws Exception {
    var info = database.info();
    StringWriter dump = new StringWriter();
    try (Connection c = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password());
        Statement sql = c.createStatement();
        ResultSet tables =
            sql.executeQuery(
                "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      assertThat(names).anySatisfy(n -> assertThat(n).contains("routing_destinations"));
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String name : names) {
        dump.write("-- " + name + "\n");
        copy.copyOut("COPY " + name + " TO STDOUT", dump);
      }
    }
    return dump.toString();
  }

  private static String segment(long code, String name) {
    return "{\"code\":"
        + code
        + ",\"name\":\""
        + name
        + "\",\"tags\":[\"t\"],\"state\":\"ACTIVE\"}";
  }

  private HttpResponse<String> as(String key, String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .header("X-API-Key", key)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    return ApiClient.exchange(http, request);
  }

  @Test
  void invalidDestinationsAreRejectedNamingTheField() throws Exception {
    HttpResponse<String> leadingSlash =
        raw(
            "POST",
            "/api/v1/routing",
            destination("x", "lake-a", "s")
                .replace("\"prefix\":\"hivewire\"", "\"prefix\":\"/p\""));
    HttpResponse<String> genericRegion =
        raw("POST", "/api/v1/routing", destination("x", "lake-a", "s").replace("us-east-1", "EU"));

    assertThat(leadingSlash.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(leadingSlash.body()).at("/error/message").asText())
        .isEqualTo(
            "prefix: prefix '/p' starts with '/': enter it without the leading slash, e.g. p");
    assertThat(genericRegion.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(genericRegion.body()).at("/error/message").asText())
        .startsWith("region: ");
  }

  private static String destination(String name, String bucket, String secret) {
    return destination(name, bucket, secret, s3.localS3().endpoint());
  }

  private static String destination(String name, String bucket, String secret, URI endpoint) {
    return "{\"name\":\""
        + name
        + "\",\"mode\":\"STREAMING\",\"bucket\":\""
        + bucket
        + "\",\"region\":\"us-east-1\",\"prefix\":\"hivewire\",\"endpoint\":\""
        + endpoint
        + "\",\"accessKeyId\":\""
        + s3.localS3().accessKey()
        + "\",\"secretAccessKey\":\""
        + secret
        + "\",\"flushInterval\":\"PT1S\"}";
  }

  /** A PATCH body that gives a destination the local S3's access key with {@code secret}. */
  private static String credentials(String secret) {
    return "{\"accessKeyId\":\""
        + s3.localS3().accessKey()
        + "\",\"secretAccessKey\":\""
        + secret
        + "\"}";
  }

  private static UUID id(JsonNode destination) {
    return UUID.fromString(destination.get("id").asText());
  }

  private static List<String> eventIds(String bucket) throws IOException {
    return eventIds(bucket, null);
  }

  /** The event ids in {@code bucket}, of events named {@code name} (all when null). */
  private static List<String> eventIds(String bucket, String name) throws IOException {
    List<String> ids = new ArrayList<>();
    for (ObjectInfo object : s3.store().listRecursively(bucket, "hivewire/type=events/")) {
      assertThat(object.key()).matches(EVENT_KEY);
      try (InputStream in = s3.store().open(new S3Location(bucket, object.key()));
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(new GZIPInputStream(in), UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          JsonNode record = MAPPER.readTree(line);
          if (name == null || name.equals(record.get("name").asText())) {
            ids.add(record.get("event_id").asText());
          }
        }
      }
    }
    return ids;
  }

  private HttpResponse<String> post(String path, String body) {
    return raw("POST", path, body);
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpResponse<String> response = raw(method, path, body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return MAPPER.readTree(response.body());
  }

  private HttpResponse<String> raw(String method, String path, String body) {
    return as(adminKey, method, path, body);
  }
}
