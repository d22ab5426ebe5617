package io.hivewire.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.apikeys.ApiKeyRepository;
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
import io.hivewire.http.ApiServer;
import io.hivewire.http.EventLogFull;
import io.hivewire.http.ServerHealth;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The collection API over HTTP against embedded PostgreSQL and the write-ahead log. */
class CollectApiIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MAX_BODY_BYTES = 64 * 1024;
  private static final String USER = "7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10";
  private static final String PAGEVIEW = "{\"name\":\"Pageview\",\"user_id\":\"" + USER + "\"}";

  @TempDir static Path dataDir;

  static Database database;
  static ApiKeys keys;
  static String ingestKey;
  static String adminKey;
  static WalEventLog log;
  static ApiServer api;
  static EventLog.Consumer reader;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    database = Database.open(new DatabaseConfig.Embedded(0, 4), dataDir);
    keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
    ingestKey = keys.create(Set.of(ApiKeys.INGEST_SCOPE), "test sender");
    adminKey = keys.create(Set.of(ApiKeys.ADMIN_SCOPE), "test admin");
    log = WalEventLog.open(WalSettings.defaults(dataDir.resolve("log")));
    reader = log.consumer("test", EventLog.AssignmentListener.NONE);
    api = startApi(log);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {api, log, database}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static ApiServer startApi(EventLog eventLog) {
    return startApi(eventLog, MAX_BODY_BYTES);
  }

  static ApiServer startApi(EventLog eventLog, long maxBodyBytes) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EventLogFull full = new EventLogFull("give the test's log more room");
    EventLimits limits = EventLimits.defaults();
    IdentityService identities =
        new IdentityService(
            new IdentityRepository(database),
            new IdentityResolver(UUID::randomUUID),
            eventLog,
            InstantSource.system());
    EventCollector collector =
        new EventCollector(
            new EventBatchReader(
                limits, MAPPER, new EventValidator(limits, MAPPER, UUID::randomUUID)),
            identities,
            eventLog,
            InstantSource.system());
    return ApiServer.start(
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
                maxBodyBytes,
                full,
                new CollectMetrics(registry)),
            new AudienceSegmentRoutes(
                new AudienceSegmentService(
                    new AudienceSegmentRepository(database),
                    eventLog,
                    InstantSource.system(),
                    Duration.ofHours(24)),
                MAPPER,
                UUID::randomUUID,
                full)));
  }

  @Test
  void acceptedEventsAreInTheLogWhenTheAnswerIs201AndInvalidOnesAreListedByIndex()
      throws Exception {
    long before = log.endOffset();

    HttpResponse<String> response =
        post("/v2.0/events", ingestKey, "application/json", "[" + PAGEVIEW + ",{\"name\":\"x\"}]");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.at("/accepted/0/index").asInt()).isZero();
    assertThat(body.at("/rejected/0/index").asInt()).isEqualTo(1);
    assertThat(body.at("/rejected/0/errors/0").asText())
        .isEqualTo("an event needs user_id (a UUID) or aliases ([{tag, id, priority}])");
    List<LogRecord> records = reader.read(WalEventLog.PARTITION, before, 10, Duration.ZERO);
    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.type()).isEqualTo(RecordType.EVENTS);
              assertThat(new String(r.payload(), UTF_8))
                  .contains("\"event_id\":\"" + body.at("/accepted/0/event_id").asText() + "\"");
            });
  }

  @Test
  void ndjsonBodyIsOneEventPerLine() throws Exception {
    HttpResponse<String> response =
        post("/v2.0/events", adminKey, "application/x-ndjson", PAGEVIEW + "\n" + PAGEVIEW + "\n");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(MAPPER.readTree(response.body()).get("accepted")).hasSize(2);
  }

  @Test
  void batchWithoutAnyValidEventIsABadRequestNamingEachProblem() throws Exception {
    HttpResponse<String> response =
        post(
            "/v2.0/events",
            ingestKey,
            "application/json",
            "[{\"name\":\"a b\",\"user_id\":\"x\"}]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
        .isEqualTo(
            "none of the 1 events is valid: event 0: name \"a b\" may only hold letters, digits"
                + " and underscores ([A-Za-z0-9_]+), e.g. page_view; user_id \"x\" is not a UUID:"
                + " send the 8-4-4-4-12 hex form, or send aliases instead");
  }

  static Stream<Arguments> limits() {
    String items101 = "[" + "1,".repeat(100) + "1]";
    return Stream.of(
        Arguments.of(
            "\"properties\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}",
            "properties.a.b.c is nested deeper than 3 levels: flatten it (e.g. join the keys with"
                + " '_')"),
        Arguments.of(
            "\"properties\":{\"list\":" + items101 + "}",
            "properties.list holds 101 items: at most 100 are allowed per array"),
        Arguments.of(
            "\"properties\":{\"tags\":[\"a\",1]}",
            "properties.tags mixes item types [string, number]: every item of an array must have"
                + " the same type"),
        Arguments.of("\"view_id\":\"\"", "view_id \"\" must be a non-empty string"),
        Arguments.of("\"segments\":7", "segments must be an array of integer segment codes, not 7"),
        Arguments.of("\"cohorts\":\"c\"", "cohorts must be an array of strings, not \"c\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("limits")
  void eachLimitIsRejectedThroughHttpWithItsOwnMessageAndTheValidEventStillAccepted(
      String field, String message) throws Exception {
    String invalid = "{\"name\":\"Pageview\",\"user_id\":\"" + USER + "\"," + field + "}";

    HttpResponse<String> response =
        post("/v2.0/events", ingestKey, "application/json", "[" + PAGEVIEW + "," + invalid + "]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = MAPPER.readTree(response.body());
    assertThat(body.at("/accepted/0/index").asInt()).isZero();
    assertThat(body.at("/rejected/0/index").asInt()).isEqualTo(1);
    assertThat(body.at("/rejected/0/errors").size()).isEqualTo(1);
    assertThat(body.at("/rejected/0/errors/0").asText()).isEqualTo(message);
  }

  @Test
  void propertiesOver950KilobytesAreRejectedThroughHttpByTheirOwnMessage() throws Exception {
    try (ApiServer roomy = startApi(log, 2 * 1024 * 1024)) {
      String big = "x".repeat(960 * 1024);
      String event =
          "{\"name\":\"Pageview\",\"user_id\":\""
              + USER
              + "\",\"properties\":{\"blob\":\""
              + big
              + "\"}}";

      HttpResponse<String> response =
          post(roomy, "/v2.0/events", ingestKey, "application/json", event);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
          .startsWith("none of the 1 events is valid: event 0: properties is ")
          .endsWith(
              " bytes of JSON: at most 972800 bytes (950 KB) are allowed; move large values"
                  + " elsewhere and send a reference");
    }
  }

  @Test
  void moreThanOneThousandEventsInOneRequestAreRejectedWhole() throws Exception {
    try (ApiServer roomy = startApi(log, 2 * 1024 * 1024)) {
      long before = log.endOffset();
      String batch = "[" + (PAGEVIEW + ",").repeat(1000) + PAGEVIEW + "]";

      HttpResponse<String> response =
          post(roomy, "/v2.0/events", ingestKey, "application/json", batch);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
          .isEqualTo(
              "the request holds 1001 events: send at most 1000 per request and split the rest");
      assertThat(log.endOffset()).isEqualTo(before);
    }
  }

  @Test
  void bodyOverTheMaximumIs413() throws Exception {
    String big =
        "[" + (PAGEVIEW + ",").repeat((int) (MAX_BODY_BYTES / PAGEVIEW.length())) + PAGEVIEW + "]";

    HttpResponse<String> response = post("/v2.0/events", ingestKey, "application/json", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
        .isEqualTo(
            "the request body is over 65536 bytes: send fewer events per request (at most 1,000)");
  }

  @Test
  void collectionNeedsAnIngestOrAdminKeyAndIngestKeysStayOutOfTheAdminApi() throws Exception {
    assertThat(post("/v2.0/events", "wrong", "application/json", PAGEVIEW).statusCode())
        .isEqualTo(401);
    HttpResponse<String> admin =
        http.send(
            HttpRequest.newBuilder(uri(api, "/api/v1/connections"))
                .header("X-API-Key", ingestKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).isEqualTo(401);
    assertThat(MAPPER.readTree(admin.body()).at("/error/message").asText())
        .isEqualTo(
            "the API key in X-API-Key may only send data to the collection API (/v2.0): use the"
                + " admin key for /api");
  }

  @Test
  void identifyLinksAliasesAndRelinksToTheHighestPriorityAliasesUser() throws Exception {
    long before = log.endOffset();
    String anna = identify("{\"aliases\":[{\"tag\":\"email\",\"id\":\"anna@x\",\"priority\":0}]}");
    String ben =
        identify(
            "{\"aliases\":[{\"tag\":\"cookie\",\"id\":\"c-ben\",\"priority\":5},"
                + "{\"tag\":\"appnexus\",\"id\":\"an-ben\",\"priority\":9}]}");

    String merged =
        identify(
            "{\"aliases\":[{\"tag\":\"cookie\",\"id\":\"c-ben\",\"priority\":5},"
                + "{\"tag\":\"email\",\"id\":\"anna@x\",\"priority\":0}]}");

    assertThat(anna).isNotEqualTo(ben);
    assertThat(merged).isEqualTo(anna);
    List<String> lines = new ArrayList<>();
    for (LogRecord r : reader.read(WalEventLog.PARTITION, before, 100, Duration.ZERO)) {
      assertThat(r.type()).isEqualTo(RecordType.SYNC_ALIASES);
      lines.add(new String(r.payload(), UTF_8));
    }
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(3, 5))
        .allSatisfy(line -> assertThat(line).startsWith("{\"user_id\":\"" + anna + "\""))
        .anySatisfy(line -> assertThat(line).contains("\"tag\":\"cookie\""))
        .anySatisfy(line -> assertThat(line).contains("\"tag\":\"appnexus\""));
  }

  @Test
  void eventWithOnlyAliasesCarriesTheUserTheyResolveTo() throws Exception {
    String user = identify("{\"aliases\":[{\"tag\":\"email\",\"id\":\"cara@x\",\"priority\":0}]}");
    long before = log.endOffset();

    HttpResponse<String> response =
        post(
            "/v2.0/events",
            ingestKey,
            "application/json",
            "{\"name\":\"Click\",\"aliases\":[{\"tag\":\"email\",\"id\":\"cara@x\",\"priority\":0}]}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(reader.read(WalEventLog.PARTITION, before, 10, Duration.ZERO))
        .singleElement()
        .satisfies(
            r ->
                assertThat(new String(r.payload(), UTF_8))
                    .contains("\"user_id\":\"" + user + "\""));
  }

  @Test
  void identifyWithoutAliasesIsRejected() throws Exception {
    HttpResponse<String> response =
        post("/v2.0/identify", ingestKey, "application/json", "{\"user_id\":\"" + USER + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
        .isEqualTo("aliases is empty: send at least one {\"tag\", \"id\", \"priority\"}");
  }

  @Test
  void fullLogAnswers503WithRetryAfterAndStoresNothing(@TempDir Path logDir) throws Exception {
    try (WalEventLog small =
            WalEventLog.open(
                WalSettings.defaults(logDir).withSegmentBytes(1024).withMaxBytes(2048));
        ApiServer smallApi = startApi(small)) {
      small.addGroup("holds-everything");
      HttpResponse<String> response;
      int sent = 0;
      do {
        response =
            post(
                smallApi,
                "/v2.0/events",
                ingestKey,
                "application/json",
                "[" + PAGEVIEW + "," + PAGEVIEW + "]");
        sent++;
      } while (response.statusCode() == 201 && sent < 100);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("5");
      assertThat(MAPPER.readTree(response.body()).at("/error/message").asText())
          .isEqualTo(
              "the event log is full; nothing of this request was stored: retry after 5 seconds");
      assertThat(small.endOffset()).isEqualTo(2L * (sent - 1));
    }
  }

  @Test
  void everySegmentChangeRoutesTheFullListAsOneSnapshot() throws Exception {
    HttpResponse<String> sports =
        send(
            "POST",
            "/api/v1/segments",
            "{\"code\":9001,\"name\":\"Sports\",\"tags\":[\"interest\"]}");
    String sportsId = MAPPER.readTree(sports.body()).get("id").asText();
    long afterFirst = log.endOffset();

    send("POST", "/api/v1/segments", "{\"code\":9002,\"name\":\"News\"}");
    long afterSecond = log.endOffset();
    HttpResponse<String> renamed =
        send(
            "PUT",
            "/api/v1/segments/" + sportsId,
            "{\"code\":9001,\"name\":\"Sport\",\"state\":\"inactive\"}");
    long afterRename = log.endOffset();
    HttpResponse<String> deleted = send("DELETE", "/api/v1/segments/" + sportsId, "");

    assertThat(sports.statusCode()).isEqualTo(201);
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(
            segmentLines(afterFirst, afterSecond).stream()
                .filter(CollectApiIT::ofThisTest)
                .toList())
        .extracting(line -> MAPPER.readTree(line).get("name").asText())
        .containsExactly("Sports", "News");
    assertThat(
            segmentLines(afterSecond, afterRename).stream()
                .filter(CollectApiIT::ofThisTest)
                .toList())
        .extracting(line -> MAPPER.readTree(line).get("state").asText())
        .containsExactly("INACTIVE", "ACTIVE");
    assertThat(
            segmentLines(afterRename, log.endOffset()).stream()
                .filter(CollectApiIT::ofThisTest)
                .toList())
        .extracting(line -> MAPPER.readTree(line).get("code").asLong())
        .containsExactly(9002L);
  }

  @Test
  void segmentCodeOfAnotherSegmentIsAConflictAndInvalidSegmentsAreNamed() throws Exception {
    send("POST", "/api/v1/segments", "{\"code\":9100,\"name\":\"Travel\"}");

    HttpResponse<String> conflict =
        send("POST", "/api/v1/segments", "{\"code\":9100,\"name\":\"Trips\"}");
    HttpResponse<String> invalid =
        send("POST", "/api/v1/segments", "{\"code\":\"x\",\"state\":\"gone\"}");

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(MAPPER.readTree(conflict.body()).at("/error/message").asText())
        .isEqualTo(
            "segment code 9100 belongs to another segment: choose a free code (GET"
                + " /api/v1/segments lists them)");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(invalid.body()).at("/error/message").asText())
        .isEqualTo(
            "code must be an integer: the number events carry in segments; name is required: a"
                + " non-empty string; segment state 'gone' is unknown: use one of [ACTIVE,"
                + " INACTIVE, ARCHIVED]");
  }

  /** Other tests add segments of their own; each snapshot holds those too. */
  private static boolean ofThisTest(String segmentLine) {
    try {
      long code = MAPPER.readTree(segmentLine).get("code").asLong();
      return code == 9001 || code == 9002;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> segmentLines(long from, long to) {
    List<String> lines = new ArrayList<>();
    for (LogRecord r : reader.read(WalEventLog.PARTITION, from, (int) (to - from), Duration.ZERO)) {
      assertThat(r.type()).isEqualTo(RecordType.SEGMENT);
      lines.add(new String(r.payload(), UTF_8));
    }
    assertThat(lines).hasSize((int) (to - from));
    return lines;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(api, path))
            .header("X-API-Key", adminKey)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String identify(String body) throws Exception {
    HttpResponse<String> response = post("/v2.0/identify", ingestKey, "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return MAPPER.readTree(response.body()).get("user_id").asText();
  }

  private HttpResponse<String> post(String path, String key, String contentType, String body) {
    return post(api, path, key, contentType, body);
  }

  private HttpResponse<String> post(
      ApiServer server, String path, String key, String contentType, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, path))
            .header("X-API-Key", key)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return ApiClient.exchange(http, request);
  }

  private static URI uri(ApiServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
