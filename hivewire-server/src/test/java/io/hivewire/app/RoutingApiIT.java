package io.hivewire.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.collect.EventBatchReader;
import io.hivewire.collect.EventCollector;
import io.hivewire.collect.EventLimits;
import io.hivewire.collect.EventValidator;
import io.hivewire.collect.IdentityResolver;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.HttpConfig;
import io.hivewire.http.ApiServer;
import io.hivewire.http.CollectRoutes;
import io.hivewire.http.RoutingRoutes;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SecretCipher;
import io.hivewire.server.ApiKeys;
import io.hivewire.server.DestinationService;
import io.hivewire.server.IdentityService;
import io.hivewire.server.ServerHealth;
import io.hivewire.store.ApiKeyRepository;
import io.hivewire.store.Database;
import io.hivewire.store.DestinationRepository;
import io.hivewire.store.IdentityRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Routing destinations through HTTP, from set-up to files in S3Proxy: a failing destination holds
 * back no other, and catches up once its credentials are fixed.
 */
class RoutingApiIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern EVENT_KEY =
      Pattern.compile(
          "hivewire/type=events/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=\\d{2}/"
              + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z-[0-9a-f]+-worker1\\.jsonl\\.gz");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path dataDir;

  static LocalS3Fixture s3;
  static Database database;
  static WalEventLog log;
  static DestinationService destinations;
  static ApiServer api;
  static String adminKey;

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
    s3 = LocalS3Fixture.start("lake-a", "lake-b");
    database = Database.open(new DatabaseConfig.Embedded(0, 4), dataDir);
    ApiKeys keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
    adminKey = keys.create(Set.of(ApiKeys.ADMIN_SCOPE), "test admin");
    log = WalEventLog.open(WalSettings.defaults(dataDir.resolve("log")));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CredentialVault vault =
        new CredentialVault(
            new SecretCipher(
                new MasterKeySource(Map.of(), new SecureRandom()).load(dataDir),
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
    api =
        ApiServer.start(
            new HttpConfig("127.0.0.1", 0),
            MAPPER,
            keys,
            new ServerHealth(() -> true, "embedded PostgreSQL", Optional.empty()),
            registry,
            List.of(
                new CollectRoutes(collector, identities, keys, MAPPER, 1024 * 1024),
                new RoutingRoutes(destinations, MAPPER)));
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

    String event = "{\"name\":\"Pageview\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}";
    String batch = "[" + String.join(",", java.util.Collections.nCopies(10, event)) + "]";
    assertThat(post("/v2.0/events", batch).statusCode()).isEqualTo(201);

    assertThat(destinations.flush(id(healthy), PATIENCE)).isTrue();
    List<String> inA = eventIds("lake-a");
    assertThat(inA).hasSize(10);
    assertThat(s3.store().listRecursively("lake-b", "")).isEmpty();
    JsonNode healthyNow = send("GET", "/api/v1/routing/" + healthy.get("id").asText(), "");
    assertThat(healthyNow.get("filesWritten").asLong()).isPositive();
    assertThat(healthyNow.get("lastKey").asText()).matches(EVENT_KEY);

    JsonNode fixed =
        send(
            "PATCH",
            "/api/v1/routing/" + failing.get("id").asText(),
            "{\"accessKeyId\":\""
                + s3.localS3().accessKey()
                + "\",\"secretAccessKey\":\""
                + secret
                + "\"}");

    assertThat(fixed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(destinations.flush(id(fixed), PATIENCE)).isTrue();
    List<String> inB = eventIds("lake-b");
    assertThat(inB).containsExactlyInAnyOrderElementsOf(inA);
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
    return "{\"name\":\""
        + name
        + "\",\"mode\":\"STREAMING\",\"bucket\":\""
        + bucket
        + "\",\"region\":\"us-east-1\",\"prefix\":\"hivewire\",\"endpoint\":\""
        + s3.localS3().endpoint()
        + "\",\"accessKeyId\":\""
        + s3.localS3().accessKey()
        + "\",\"secretAccessKey\":\""
        + secret
        + "\",\"flushInterval\":\"PT1S\"}";
  }

  private static UUID id(JsonNode destination) {
    return UUID.fromString(destination.get("id").asText());
  }

  private static List<String> eventIds(String bucket) throws IOException {
    List<String> ids = new ArrayList<>();
    for (ObjectInfo object : s3.store().listRecursively(bucket, "hivewire/type=events/")) {
      assertThat(object.key()).matches(EVENT_KEY);
      try (InputStream in = s3.store().open(new S3Location(bucket, object.key()));
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(new GZIPInputStream(in), UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          ids.add(MAPPER.readTree(line).get("event_id").asText());
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
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .header("X-API-Key", adminKey)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
