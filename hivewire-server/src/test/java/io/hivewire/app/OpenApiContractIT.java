package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.http.ApiServer;
import io.hivewire.http.OpenApiDocument;
import io.hivewire.http.OpenApiSchemas;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against a running server (embedded PostgreSQL, S3Proxy as the customer's
 * buckets): the same routes, and every request example answered with a body that fits the schema
 * documented for its status.
 */
class OpenApiContractIT {

  private static final String KEY = "contract-admin-key";
  private static final String LAKE = "acme-data-lake";
  private static final String EVENTS = "acme-events";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The operations in the order the scenario sends their examples: an operation added to the
   * document gets its step here, or the scenario fails naming it.
   */
  private static final List<String> SCENARIO =
      List.of(
          "createBucketPolicy",
          "createConnection",
          "listConnections",
          "getConnection",
          "listTables",
          "previewTable",
          "resyncConnection",
          "listResyncs",
          "createImport",
          "listImports",
          "getImport",
          "updateImport",
          "startImportRun",
          "listImportRuns",
          "getImportRun",
          "listImportRejects",
          "refreshImportSchema",
          "getImportSchemaChanges",
          "acceptImportSchemaChanges",
          "createDestination",
          "listDestinations",
          "getDestination",
          "getDestinationHistory",
          "updateDestination",
          "createSegment",
          "listSegments",
          "getSegment",
          "replaceSegment",
          "createApiKey",
          "listApiKeys",
          "collectEvents",
          "identify",
          "updateConnection",
          "revokeApiKey",
          "deleteSegment",
          "deleteDestination",
          "deleteImport",
          "deleteConnection");

  @TempDir static Path dataDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;
  static OpenApiDocument document;
  static OpenApiSchemas schemas;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Example ids mapped to the ids the server gave the resources the scenario created. */
  private final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(LAKE, EVENTS);
    put(
        "exports/page_views/date=2025-01-01/part-0.csv",
        "user_id,viewed_at\nu-1,2025-01-01 10:00:00\nu-2,2025-01-01 11:00:00\n");
    Map<String, String> env =
        ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    document = OpenApiDocument.load();
    schemas = new OpenApiSchemas(document.tree());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static void put(String key, String text) {
    s3.putObject(LAKE, key, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void serverRegistersExactlyTheRoutesTheDocumentNames() {
    Set<String> registered =
        app.routes().stream()
            .filter(r -> r.path().startsWith("/api/v1/") || r.path().startsWith("/v2.0/"))
            .map(r -> r.method() + " " + r.path())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented =
        document.operations().stream()
            .map(o -> o.method() + " " + o.path())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(registered).as("routes the server registered").hasSizeGreaterThan(30);
    assertThat(difference(registered, documented)).as("registered but not documented").isEmpty();
    assertThat(difference(documented, registered)).as("documented but not registered").isEmpty();
    assertThat(app.routes()).contains(new ApiServer.Route("GET", OpenApiDocument.PATH));
  }

  @Test
  void documentIsServedAsJsonWithoutAKey() {
    ApiClient.Response response = api.withoutKey().get(OpenApiDocument.PATH);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.json()).isEqualTo(document.tree());
  }

  @Test
  void everyRequestExampleIsAnsweredWithABodyThatFitsItsDocumentedSchema() {
    Map<String, OpenApiDocument.Operation> byId = new LinkedHashMap<>();
    document.operations().forEach(o -> byId.put(o.operationId(), o));
    assertThat(difference(byId.keySet(), Set.copyOf(SCENARIO)))
        .as("operations of the document the scenario does not send")
        .isEmpty();

    Set<String> exercised = new LinkedHashSet<>();
    for (String operationId : SCENARIO) {
      OpenApiDocument.Operation operation = byId.get(operationId);
      assertThat(operation).as("scenario step " + operationId + " is in the document").isNotNull();
      for (Sent sent : sendExamples(operation)) {
        assertThat(sent.status()).as(sent.what() + " answered " + sent.body()).isBetween(200, 299);
        exercised.add(operationId);
      }
    }
    refusalsFitTheErrorSchema();

    assertThat(exercised).containsExactlyInAnyOrderElementsOf(byId.keySet());
  }

  /** A key-less call to each API half answers 401 in the documented error shape. */
  private void refusalsFitTheErrorSchema() {
    for (OpenApiDocument.Operation operation :
        List.of(find("listConnections"), find("collectEvents"))) {
      JsonNode op = schemas.operation(lower(operation.method()), operation.path());
      Exchange answer =
          exchange(
              operation.method(), operation.path(), Optional.of("[]"), "application/json", false);
      assertThat(answer.status()).isEqualTo(401);
      assertFits(op, operation + " without a key", answer);
    }
  }

  private OpenApiDocument.Operation find(String operationId) {
    return document.operations().stream()
        .filter(o -> o.operationId().equals(operationId))
        .findFirst()
        .orElseThrow();
  }

  private record Sent(String what, int status, String body) {}

  private record Exchange(int status, String body) {}

  /** Sends each request example of {@code operation} (or none when it has no body). */
  private List<Sent> sendExamples(OpenApiDocument.Operation operation) {
    JsonNode op = schemas.operation(lower(operation.method()), operation.path());
    List<Sent> sent = new ArrayList<>();
    String path = path(operation.path(), op);
    JsonNode body = schemas.resolve(op.path("requestBody"));
    if (body.isMissingNode() || !body.path("required").asBoolean(false)) {
      sent.add(send(operation, op, path, Optional.empty(), "application/json", "no body"));
    }
    for (Map.Entry<String, JsonNode> media : body.path("content").properties()) {
      for (Map.Entry<String, JsonNode> example : media.getValue().path("examples").properties()) {
        JsonNode value = schemas.resolve(example.getValue()).path("value");
        String text =
            value.isTextual() ? value.asText() : fixture(operation.operationId(), value).toString();
        sent.add(
            send(operation, op, path, Optional.of(mapIds(text)), media.getKey(), example.getKey()));
      }
    }
    return sent;
  }

  private Sent send(
      OpenApiDocument.Operation operation,
      JsonNode op,
      String path,
      Optional<String> body,
      String contentType,
      String exampleName) {
    before(operation.operationId());
    String what = operation.method() + " " + path + " (" + exampleName + ")";
    Exchange answer = exchange(operation.method(), path, body, contentType, true);
    assertFits(op, what, answer);
    JsonNode json = answer.body().isBlank() ? MAPPER.nullNode() : parse(answer.body());
    learnId(op, answer.status(), json);
    after(operation.operationId(), json);
    return new Sent(what, answer.status(), answer.body());
  }

  private static void assertFits(JsonNode op, String what, Exchange answer) {
    assertThat(op.path("responses").has(String.valueOf(answer.status())))
        .as(what + " answered " + answer.status() + ", which is not documented: " + answer.body())
        .isTrue();
    Optional<JsonNode> schema = schemas.responseSchema(op, answer.status());
    if (schema.isEmpty()) {
      assertThat(answer.body()).as(what + " has no documented body").isEmpty();
      return;
    }
    assertThat(schemas.problems(schema.get(), parse(answer.body())))
        .as(what + " answered " + answer.status() + " " + answer.body())
        .isEmpty();
  }

  /** The path with each path parameter's example, and each query parameter's, in place. */
  private String path(String template, JsonNode op) {
    String path = template;
    List<String> query = new ArrayList<>();
    List<JsonNode> parameters = new ArrayList<>();
    schemas
        .resolve(document.tree().path("paths").path(template))
        .path("parameters")
        .forEach(parameters::add);
    op.path("parameters").forEach(parameters::add);
    for (JsonNode reference : parameters) {
      JsonNode parameter = schemas.resolve(reference);
      String name = parameter.path("name").asText();
      assertThat(parameter.has("example")).as(template + " parameter " + name).isTrue();
      String value = mapIds(parameter.path("example").asText());
      if (parameter.path("in").asText().equals("path")) {
        path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
      } else {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return query.isEmpty() ? path : path + "?" + String.join("&", query);
  }

  /** Fields the examples cannot know: where the test's S3 listens and its credentials. */
  private static JsonNode fixture(String operationId, JsonNode example) {
    if (!example.isObject()) {
      return example;
    }
    ObjectNode body = example.deepCopy();
    if (operationId.equals("createConnection") || operationId.equals("createDestination")) {
      body.put("endpoint", s3.localS3().endpoint().toString());
    }
    if (body.has("accessKeyId")) {
      body.put("accessKeyId", s3.localS3().accessKey());
      body.put("secretAccessKey", s3.localS3().secretKey());
    }
    return body;
  }

  /** What a step needs in place before it is sent. */
  private void before(String operationId) {
    if (operationId.equals("refreshImportSchema")) {
      put(
          "exports/page_views/date=2025-01-02/part-0.csv",
          "user_id,viewed_at,country\nu-3,2025-01-02 10:00:00,DE\n");
    }
  }

  /** Waits for the background work a step started, so that the next step finds it done. */
  private void after(String operationId, JsonNode answer) {
    Map<String, Consumer<JsonNode>> waits =
        Map.of(
            "createConnection", this::connectionChecked,
            "updateConnection", this::connectionChecked,
            "resyncConnection",
                run ->
                    Polling.until(
                        () -> api.get(resyncsPath(run)).json().path(0),
                        last -> !last.path("status").asText().equals("IN_PROGRESS")),
            "startImportRun",
                run -> {
                  JsonNode finished =
                      Polling.until(
                          () ->
                              api.get(
                                      "/api/v1/imports/"
                                          + run.path("importId").asText()
                                          + "/runs/"
                                          + run.path("id").asText())
                                  .json(),
                          r -> Set.of("SUCCEEDED", "FAILED").contains(r.path("status").asText()));
                  assertThat(finished.path("status").asText())
                      .as(finished.toString())
                      .isEqualTo("SUCCEEDED");
                },
            "createDestination", this::destinationProbed,
            "updateDestination", this::destinationProbed);
    waits.getOrDefault(operationId, ignored -> {}).accept(answer);
  }

  private void connectionChecked(JsonNode connection) {
    JsonNode checked = Polling.checkedConnection(api, connection.path("id").asText());
    assertThat(checked.path("status").asText()).as(checked.toString()).isIn("ACTIVE", "INACTIVE");
  }

  private void destinationProbed(JsonNode destination) {
    JsonNode probed =
        Polling.until(
            () -> api.get("/api/v1/routing/" + destination.path("id").asText()).json(),
            d -> !d.path("status").asText().equals("PROCESSING"));
    assertThat(probed.path("status").asText()).as(probed.toString()).isIn("ACTIVE", "PAUSED");
  }

  private static String resyncsPath(JsonNode run) {
    return "/api/v1/connections/" + run.path("connectionId").asText() + "/resyncs";
  }

  /** Maps the id of the documented answer's example to the id the server gave. */
  private void learnId(JsonNode op, int status, JsonNode answer) {
    if (!answer.isObject() || !answer.has("id")) {
      return;
    }
    JsonNode response = schemas.resolve(op.path("responses").path(String.valueOf(status)));
    for (JsonNode example : response.path("content").path("application/json").path("examples")) {
      String exampleId = schemas.resolve(example).path("value").path("id").asText("");
      if (!exampleId.isEmpty()) {
        ids.putIfAbsent(exampleId, answer.path("id").asText());
      }
    }
  }

  private String mapIds(String text) {
    String mapped = text;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      mapped = mapped.replace(id.getKey(), id.getValue());
    }
    return mapped;
  }

  private Exchange exchange(
      String method, String path, Optional<String> body, String contentType, boolean withKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.baseUrl().resolve(path))
            .timeout(Duration.ofSeconds(90))
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    body.ifPresent(b -> request.header("Content-Type", contentType));
    if (withKey) {
      request.header("X-API-Key", KEY);
    }
    var response = ApiClient.exchange(http, request.build());
    return new Exchange(response.statusCode(), response.body());
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static String lower(String method) {
    return method.toLowerCase(Locale.ROOT);
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }
}
