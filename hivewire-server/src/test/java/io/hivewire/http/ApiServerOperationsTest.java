package io.hivewire.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.build.BuildInfo;
import io.hivewire.config.HttpConfig;
import io.hivewire.store.DatabaseStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP layer gives operators: {@code /health} names the build, every request's log lines
 * carry its id, and each API change is logged once without its key or body.
 */
class ApiServerOperationsTest {

  private static final String KEY = "hw_test-admin-key-0123456789";
  private static final String HANDLER_LOGGER = "io.hivewire.test.handler";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private ApiServer server;

  /** Accepts exactly {@link #KEY}, with the admin scope. */
  private static final class OneKey implements ApiKeyVerifier {
    @Override
    public boolean isValid(String presented) {
      return KEY.equals(presented);
    }

    @Override
    public boolean isAdmin(String presented) {
      return isValid(presented);
    }
  }

  @BeforeEach
  void start() {
    captured.start();
    root().addAppender(captured);
    org.slf4j.Logger handler = LoggerFactory.getLogger(HANDLER_LOGGER);
    server =
        ApiServer.start(
            new HttpConfig("127.0.0.1", 0),
            JSON,
            new OneKey(),
            new ServerHealth(() -> DatabaseStatus.UP, "embedded PostgreSQL", Optional.empty()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(
                routes -> {
                  routes.post(
                      "/api/v1/things",
                      ctx -> {
                        handler.info("creating a thing");
                        ctx.status(201).json(Map.of("created", true));
                      });
                  routes.get(
                      "/api/v1/things",
                      ctx -> {
                        handler.info("listing things");
                        ctx.json(List.of());
                      });
                }));
  }

  @AfterEach
  void stop() {
    server.close();
    root().detachAppender(captured);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void healthNamesTheVersionAndCommitOfTheBuild() throws Exception {
    HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET());

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(health.body());
    BuildInfo build = BuildInfo.current();
    assertThat(body.path("version").asText()).isEqualTo(build.version()).isNotEqualTo("unknown");
    assertThat(body.path("commit").asText()).isEqualTo(build.commit());
    if (Files.exists(Path.of("..", ".git"))) {
      assertThat(body.path("commit").asText()).matches("[0-9a-f]{7}");
    }
  }

  @Test
  void linesLoggedWhileServingARequestCarryItsIdAndAChangeIsLoggedOnce() throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("X-API-Key", KEY)
                .header("X-Request-Id", "caller-chosen-id")
                .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"s3cr3t-body\"}")));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("X-Request-Id")).contains("caller-chosen-id");
    assertThat(events(HANDLER_LOGGER))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getMDCPropertyMap()).containsEntry("request_id", "caller-chosen-id"));
    assertThat(awaitRequestLines(1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFormattedMessage()).matches("POST /api/v1/things 201 \\d+ ms");
              assertThat(e.getMDCPropertyMap()).containsEntry("request_id", "caller-chosen-id");
            });
    assertThat(captured.list)
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage() + e.getMDCPropertyMap() + e.getKeyValuePairs())
                    .doesNotContain(KEY)
                    .doesNotContain("s3cr3t-body"));
  }

  @Test
  void readsAreNotLoggedAndEachRequestGetsItsOwnId() throws Exception {
    HttpResponse<String> first = send(get("/api/v1/things"));
    HttpResponse<String> second = send(get("/api/v1/things"));

    assertThat(first.statusCode()).isEqualTo(200);
    // A change after the reads: its line, once written, follows any the reads would have written.
    send(HttpRequest.newBuilder(uri("/api/v1/things")).header("X-API-Key", KEY).DELETE());
    assertThat(awaitRequestLines(1))
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("DELETE /api/v1/things "));
    List<String> ids =
        events(HANDLER_LOGGER).stream().map(e -> e.getMDCPropertyMap().get("request_id")).toList();
    assertThat(ids)
        .containsExactly(
            first.headers().firstValue("X-Request-Id").orElseThrow(),
            second.headers().firstValue("X-Request-Id").orElseThrow())
        .doesNotHaveDuplicates();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY).GET();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The request log's lines once there are {@code count}: Javalin writes them after the response,
   * so they may come just after it.
   */
  private List<ILoggingEvent> awaitRequestLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (events(RequestLog.class.getName()).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return events(RequestLog.class.getName());
  }

  /** The events of {@code logger}, read after the responses came back. */
  private List<ILoggingEvent> events(String logger) {
    synchronized (captured) {
      return captured.list.stream().filter(e -> e.getLoggerName().equals(logger)).toList();
    }
  }
}
