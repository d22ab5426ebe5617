package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.s3.StsCallerIdentity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP API against a real server: embedded PostgreSQL, S3Proxy with SigV4 as the customer's S3,
 * one server for the whole class.
 */
class ConnectionsApiIT {

  private static final String KEY = "test-admin-key";
  private static final String BUCKET = "lake";

  @TempDir static Path dataDir;
  @TempDir static Path otherDataDir;

  static LocalS3Fixture s3;
  static HivewireApp app;
  static ApiClient api;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
    put("sales/events/date=2025-01-01/part-0.csv", "user_id,action\n1,view\n2,click\n");
    put("sales/events/date=2025-01-02/part-0.csv", "user_id,action\n3,view\n");
    put("resync/first/part-0.csv", "id\n1\n");
    app = start(environment(dataDir, s3.localS3().secretKey()));
    api = new ApiClient(app.baseUrl(), Optional.of(KEY));
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

  private static Map<String, String> environment(Path dir, String secret) {
    Map<String, String> env = ServerEnvironment.of(dir, KEY, s3.localS3().accessKey(), secret);
    env.put("HIVEWIRE_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/hivewire-reader");
    return env;
  }

  private static HivewireApp start(Map<String, String> env) {
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    return HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
  }

  private static void put(String key, String text) {
    s3.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String connection(String name, String bucket, String prefix, String partitioning) {
    return """
        {"name":"%s","region":"us-east-1","bucket":"%s","schemaPrefix":"%s",
         "dataFormat":"CSV","partitioning":"%s","endpoint":"%s"}"""
        .formatted(name, bucket, prefix, partitioning, s3.localS3().endpoint());
  }

  /** Creates a connection and waits for its background check to finish. */
  private static JsonNode createAndAwait(ApiClient client, String body) {
    ApiClient.Response created = client.post("/api/v1/connections", body);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    assertThat(created.json().path("status").asText()).isEqualTo("PROCESSING");
    return Polling.checkedConnection(client, created.json().path("id").asText());
  }

  @Test
  void apiCallWithoutKeyIsRefusedWithJsonError() {
    ApiClient.Response response = api.withoutKey().get("/api/v1/connections");

    assertThat(response.status()).isEqualTo(401);
    JsonNode body = response.json();
    assertThat(body.path("error").path("status").asInt()).isEqualTo(401);
    assertThat(body.path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(body.path("error").path("message").asText()).contains("X-API-Key");
    assertThat(body.path("request_id").asText()).isEqualTo(response.requestId().orElseThrow());
  }

  @Test
  void apiCallWithWrongKeyIsRefused() {
    ApiClient.Response response = api.withKey("not-the-key").get("/api/v1/connections");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("error").path("message").asText()).contains("not valid");
  }

  @Test
  void knownPathWithWrongMethodAnswers405WithTheMethodsItHas() {
    ApiClient.Response put =
        api.put("/api/v1/connections/" + UUID.randomUUID(), "{\"name\":\"renamed\"}");

    assertThat(put.status()).as(put.body()).isEqualTo(405);
    assertThat(put.json().path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(put.json().path("error").path("message").asText())
        .contains("PUT", "/api/v1/connections/");
    assertThat(allowed(put)).containsExactlyInAnyOrder("GET", "PATCH", "DELETE");

    ApiClient.Response events = api.get("/v2.0/events");

    assertThat(events.status()).as(events.body()).isEqualTo(405);
    assertThat(events.json().path("error").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(allowed(events)).containsExactly("POST");
  }

  @Test
  void unknownRouteAnswersJsonNotFoundWithoutAllow() {
    for (String path : List.of("/api/v1/nothing-here", "/api/v2/connections", "/nothing-here")) {
      ApiClient.Response response = api.get(path);

      assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(404);
      assertThat(response.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(response.json().path("error").path("message").asText())
          .contains("the API lives under /api/v1");
      assertThat(response.headers().firstValue("Allow")).isEmpty();
    }
  }

  private static List<String> allowed(ApiClient.Response response) {
    String allow = response.headers().firstValue("Allow").orElse("");
    return Arrays.stream(allow.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
  }

  @Test
  void healthAndMetricsNeedNoKey() {
    ApiClient.Response health = api.withoutKey().get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    assertThat(health.json().path("db").asText()).isEqualTo("UP");

    api.get("/api/v1/connections");
    ApiClient.Response metrics = api.withoutKey().get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("http_server_requests_seconds_count")
        .contains("uri=\"/api/v1/connections\"");
  }

  @Test
  void goodSchemaBecomesActiveWithTablesAndPreview() {
    JsonNode connection = createAndAwait(api, connection("sales", BUCKET, "sales", "ALL"));

    assertThat(connection.path("status").asText()).as(connection.toString()).isEqualTo("ACTIVE");
    assertThat(connection.path("schemaPrefix").asText()).isEqualTo("sales/");
    assertThat(connection.path("statusHistory").findValuesAsText("status"))
        .containsExactly("PROCESSING", "ACTIVE");
    String id = connection.path("id").asText();

    JsonNode tables = api.get("/api/v1/connections/" + id + "/tables").json();
    JsonNode events = tables.path("tables").get(0);
    assertThat(events.path("name").asText()).isEqualTo("events");
    assertThat(events.path("columns").findValuesAsText("name"))
        .containsExactly("user_id", "action", "date");
    assertThat(events.path("columns").findValuesAsText("origin"))
        .containsExactly("file", "file", "partition");
    assertThat(events.path("partitionKeys").get(0).asText()).isEqualTo("date");
    assertThat(events.path("partitions").asLong()).isEqualTo(2);
    assertThat(events.path("files").asLong()).isEqualTo(2);
    assertThat(events.path("bytes").asLong()).isPositive();
    assertThat(events.path("lastModified").asText()).isNotEmpty();

    JsonNode preview =
        api.get("/api/v1/connections/" + id + "/tables/events/preview?limit=2").json();
    assertThat(preview.path("rows")).hasSize(2);
    JsonNode first = preview.path("rows").get(0);
    assertThat(first.path("user_id").asLong()).isEqualTo(1);
    assertThat(first.path("action").asText()).isEqualTo("view");
    assertThat(first.path("date").asText()).isEqualTo("2025-01-01");
  }

  @Test
  void previewShowsTheRowsThatFitAndReportsEachBadValueWithItsFileLineAndColumn() {
    put("preview/amounts/a.csv", "user_id,amount\n1,10\n2,20\n");
    String id =
        createAndAwait(api, connection("preview", BUCKET, "preview/", "NONE")).path("id").asText();
    put("preview/amounts/b.csv", "user_id,amount\n3,twelve\n4,40,extra\n5,50\n");

    ApiClient.Response response =
        api.get("/api/v1/connections/" + id + "/tables/amounts/preview?limit=10");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode preview = response.json();
    assertThat(preview.path("rows").findValuesAsText("user_id")).containsExactly("1", "2", "5");
    JsonNode problems = preview.path("problems");
    assertThat(problems).hasSize(2);
    JsonNode twelve = problems.get(0);
    assertThat(twelve.path("file").asText()).isEqualTo("preview/amounts/b.csv");
    assertThat(twelve.path("line").asLong()).isEqualTo(2);
    assertThat(twelve.path("column").asText()).isEqualTo("amount");
    assertThat(twelve.path("error").asText()).isEqualTo("'twelve' is not a BIGINT");
    assertThat(twelve.path("rawText").asText()).isEqualTo("twelve");
    JsonNode extra = problems.get(1);
    assertThat(extra.path("file").asText()).isEqualTo("preview/amounts/b.csv");
    assertThat(extra.path("line").asLong()).isEqualTo(3);
    assertThat(extra.path("column").isNull()).isTrue();
    assertThat(extra.path("error").asText()).isEqualTo("has 3 fields but the header has 2");
  }

  @Test
  void wrongEndpointSecretKeyFailsAsRejectedNamingTheEndpointKeySettings() {
    Map<String, String> env = environment(otherDataDir, "wrong-secret");
    env.put("HIVEWIRE_DB_URL", app.database().jdbcUrl());
    env.put("HIVEWIRE_DB_USER", app.database().user());
    try (HivewireApp wrongSecret = start(env)) {
      ApiClient client = new ApiClient(wrongSecret.baseUrl(), Optional.of(KEY));

      JsonNode connection = createAndAwait(client, connection("denied", BUCKET, "sales/", "ALL"));

      assertThat(connection.path("status").asText()).isEqualTo("FAILED");
      assertThat(connection.path("statusReason").asText()).isEqualTo("invalid_credentials");
      assertThat(connection.path("statusMessage").asText())
          .startsWith("S3 rejected the credentials hivewire reads s3://lake/sales/ with")
          .contains("source.endpoint-access-key", "HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY")
          .doesNotContain("default chain");
    }
  }

  @Test
  void missingBucketFails() {
    JsonNode connection =
        createAndAwait(api, connection("nobucket", "no-such-bucket", "x/", "ALL"));

    assertThat(connection.path("status").asText()).isEqualTo("FAILED");
    assertThat(connection.path("statusReason").asText()).isEqualTo("bucket_not_found");
    assertThat(connection.path("statusMessage").asText()).contains("no-such-bucket");
  }

  @Test
  void emptyPrefixFails() {
    JsonNode connection = createAndAwait(api, connection("empty", BUCKET, "nothing-here/", "ALL"));

    assertThat(connection.path("status").asText()).isEqualTo("FAILED");
    assertThat(connection.path("statusReason").asText()).startsWith("prefix_");
    assertThat(connection.path("statusMessage").asText()).contains("nothing-here/");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bucket       | s3://lake/data   | enter lake",
        "bucket       | Lake             | lowercase",
        "schemaPrefix | /sales/          | drop the leading slash",
        "region       | EU               | not a specific AWS region code",
        "dataFormat   | JSON             | PARQUET or CSV",
        "partitioning | SOME             | ALL",
        "endpoint     | ftp://host       | S3-compatible endpoint",
        "name         | ''               | name is required"
      })
  void invalidInputIsRejectedNamingTheFieldAndWhatToEnter(
      String field, String value, String advice) {
    Map<String, String> body =
        new HashMap<>(
            Map.of(
                "name", "n",
                "region", "us-east-1",
                "bucket", BUCKET,
                "schemaPrefix", "sales/",
                "dataFormat", "CSV",
                "partitioning", "ALL"));
    body.put(field, value);
    String json =
        body.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
            .reduce((a, b) -> a + "," + b)
            .map(s -> "{" + s + "}")
            .orElseThrow();

    ApiClient.Response response = api.post("/api/v1/connections", json);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    assertThat(response.json().path("error").path("message").asText())
        .startsWith(field)
        .contains(advice);
  }

  @Test
  void everyMissingFieldIsNamed() {
    ApiClient.Response response = api.post("/api/v1/connections", "{\"name\":\"n\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("error").path("message").asText())
        .startsWith("region is required: enter the bucket's region code, e.g. us-east-1; ")
        .contains(
            "bucket is required",
            "schemaPrefix is required",
            "dataFormat is required",
            "partitioning is required");
  }

  @Test
  void patchRenamesDeactivatesAndReactivatesAndDeleteRemoves() {
    String id =
        createAndAwait(api, connection("before", BUCKET, "sales/", "ALL")).path("id").asText();
    String path = "/api/v1/connections/" + id;

    JsonNode renamed = api.patch(path, "{\"name\":\"after\"}").json();
    assertThat(renamed.path("name").asText()).isEqualTo("after");

    JsonNode inactive = api.patch(path, "{\"status\":\"INACTIVE\"}").json();
    assertThat(inactive.path("status").asText()).isEqualTo("INACTIVE");

    JsonNode reactivated = api.patch(path, "{\"status\":\"ACTIVE\"}").json();
    assertThat(reactivated.path("status").asText()).isEqualTo("PROCESSING");
    JsonNode active = Polling.checkedConnection(api, id);
    assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(active.path("statusHistory").findValuesAsText("status"))
        .containsExactly("PROCESSING", "ACTIVE", "INACTIVE", "PROCESSING", "ACTIVE");
    assertThat(active.path("statusHistory").findValuesAsText("at")).allMatch(at -> !at.isEmpty());

    assertThat(api.patch(path, "{\"status\":\"FAILED\"}").status()).isEqualTo(400);
    assertThat(api.delete(path).status()).isEqualTo(204);
    assertThat(api.get(path).status()).isEqualTo(404);
  }

  @Test
  void resyncRecordsTheTablesThatAppeared() {
    String id =
        createAndAwait(api, connection("resync", BUCKET, "resync/", "NONE")).path("id").asText();
    put("resync/second/part-0.csv", "id,name\n1,a\n");

    ApiClient.Response started = api.post("/api/v1/connections/" + id + "/resync", "");
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.json().path("status").asText()).isEqualTo("IN_PROGRESS");

    JsonNode run = awaitResync(id);
    assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(run.path("changes").path("tablesAdded").get(0).asText()).isEqualTo("second");
    assertThat(run.path("changes").path("tablesRemoved")).isEmpty();
    JsonNode tables = api.get("/api/v1/connections/" + id + "/tables").json();
    assertThat(tables.path("tables").valueStream().map(t -> t.path("name").asText()))
        .containsExactly("first", "second");
  }

  @Test
  void resyncReportsCsvColumnsAppendedByANewerFile() {
    put("appended/visits/2025-01-01.csv", "user_id,page\n1,home\n");
    String id =
        createAndAwait(api, connection("appended", BUCKET, "appended/", "NONE"))
            .path("id")
            .asText();
    put("appended/visits/2025-01-02.csv", "user_id,page,country\n2,cart,NL\n");

    assertThat(api.post("/api/v1/connections/" + id + "/resync", "").status()).isEqualTo(202);
    JsonNode run = awaitResync(id);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
    JsonNode added = run.path("changes").path("columnsAdded");
    assertThat(added).as(run.toString()).hasSize(1);
    assertThat(added.get(0).path("table").asText()).isEqualTo("visits");
    assertThat(added.get(0).path("column").asText()).isEqualTo("country");
    assertThat(added.get(0).path("type").asText()).isEqualTo("VARCHAR");
    JsonNode visits = api.get("/api/v1/connections/" + id + "/tables").json().path("tables").get(0);
    assertThat(visits.path("columns").findValuesAsText("name"))
        .containsExactly("user_id", "page", "country");
  }

  private static JsonNode awaitResync(String id) {
    return Polling.until(
        () -> api.get("/api/v1/connections/" + id + "/resyncs").json().get(0),
        run -> !run.path("status").asText().equals("IN_PROGRESS"));
  }

  @Test
  void policyWithoutRoleOrCredentialsIsTheExampleAndSaysToReplaceIt(@TempDir Path noRoleDir)
      throws IOException {
    Map<String, String> env =
        ServerEnvironment.of(noRoleDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
    env.put("HIVEWIRE_DB_URL", app.database().jdbcUrl());
    env.put("HIVEWIRE_DB_USER", app.database().user());
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    CallerIdentity refusingSts =
        new StsCallerIdentity(
            new S3ClientSettings.Credentials.DefaultChain(),
            "us-east-1",
            Optional.of(closed),
            Duration.ofSeconds(5));
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    try (HivewireApp noRole =
        HivewireApp.start(
            config, S3ObjectStores::create, Optional.of(refusingSts), InstantSource.system())) {
      ApiClient client = new ApiClient(noRole.baseUrl(), Optional.of(KEY));

      ApiClient.Response response =
          client.post("/api/v1/connections/policy", "{\"bucket\":\"lake\"}");

      assertThat(response.status()).as(response.body()).isEqualTo(200);
      JsonNode body = response.json();
      assertThat(body.path("principalSource").asText()).isEqualTo("EXAMPLE");
      assertThat(body.path("principal").asText())
          .isEqualTo("arn:aws:iam::123456789012:role/hivewire-reader");
      assertThat(body.path("note").asText())
          .startsWith("EXAMPLE principal, replace it before attaching this policy")
          .contains("aws.role-arn");
      assertThat(body.path("policy").findValuesAsText("aws:PrincipalArn"))
          .containsOnly("arn:aws:iam::123456789012:role/hivewire-reader");
      assertThat(body.path("policy").findValuesAsText("Resource")).contains("arn:aws:s3:::lake");
    }
  }

  @Test
  void policyGrantsListAndGetToTheConfiguredRole() {
    ApiClient.Response response = api.post("/api/v1/connections/policy", "{\"bucket\":\"lake\"}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("principalSource").asText()).isEqualTo("CONFIGURED");
    assertThat(response.json().has("note")).isFalse();
    JsonNode statements = response.json().path("policy").path("Statement");
    assertThat(statements.findValuesAsText("Action"))
        .containsExactly("s3:ListBucket", "s3:GetObject");
    assertThat(response.body())
        .contains("arn:aws:iam::123456789012:root")
        .contains("arn:aws:iam::123456789012:role/hivewire-reader")
        .contains("arn:aws:s3:::lake/*");
    assertThat(api.post("/api/v1/connections/policy", "{\"bucket\":\"s3://lake\"}").status())
        .isEqualTo(400);
  }
}
