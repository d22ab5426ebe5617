package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.http.EventLogFull;
import io.hivewire.s3.S3ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A started server serves the collection, segment, routing and API key APIs with its own master
 * key.
 */
class CollectionWiringIT {

  private static final String KEY = "test-admin-key";

  @TempDir Path dataDir;

  @Test
  void startedServerCollectsEventsAndKeepsSegmentsWithAnOwnerOnlyMasterKey() throws Exception {
    Map<String, String> env =
        Map.of(
            "HIVEWIRE_HTTP_PORT",
            "0",
            "HIVEWIRE_DATA_DIR",
            dataDir.toString(),
            "HIVEWIRE_DB_EMBEDDED_PORT",
            "0",
            "HIVEWIRE_API_KEY",
            KEY);
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    try (HivewireApp app =
        HivewireApp.start(config, S3ObjectStores::create, InstantSource.system())) {
      ApiClient api = new ApiClient(app.baseUrl(), Optional.of(KEY));

      ApiClient.Response events =
          api.post(
              "/v2.0/events",
              "{\"name\":\"Pageview\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}");
      ApiClient.Response segment = api.post("/api/v1/segments", "{\"code\":1,\"name\":\"News\"}");
      ApiClient.Response routing = api.get("/api/v1/routing");
      ApiClient.Response keys = api.get("/api/v1/api-keys");

      assertThat(events.status()).as(events.body()).isEqualTo(201);
      assertThat(segment.status()).as(segment.body()).isEqualTo(201);
      assertThat(routing.status()).isEqualTo(200);
      assertThat(routing.json()).isEmpty();
      assertThat(keys.status()).isEqualTo(200);
      assertThat(keys.body()).contains("HIVEWIRE_API_KEY").doesNotContain(KEY);
    }
    Path masterKey = dataDir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFullEventLogTellsSendersWhenToRetryAndTheOperatorOnceWhichKeyToRaise() throws Exception {
    Map<String, String> env = new HashMap<>(ServerEnvironment.of(dataDir, KEY, "unused", "unused"));
    env.put("HIVEWIRE_EVENT_LOG_MAX_BYTES", "4096");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger fullLog = (Logger) LoggerFactory.getLogger(EventLogFull.class);
    logs.start();
    fullLog.addAppender(logs);
    try (HivewireApp app =
        HivewireApp.start(config, S3ObjectStores::create, InstantSource.system())) {
      ApiClient api = new ApiClient(app.baseUrl(), Optional.of(KEY));
      String event = "{\"name\":\"Pageview\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}";
      List<ApiClient.Response> answers = new ArrayList<>();
      ApiClient.Response last;
      do {
        last = api.post("/v2.0/events", event);
        answers.add(last);
      } while (last.status() == 201 && answers.size() < 100);
      ApiClient.Response again = api.post("/v2.0/events", event);

      assertThat(answers).hasSizeGreaterThan(1);
      assertThat(last.status()).as(last.body()).isEqualTo(503);
      assertThat(last.json().at("/error/message").asText())
          .isEqualTo(
              "the event log is full; nothing of this request was stored: retry after 5 seconds");
      assertThat(again.status()).isEqualTo(503);
      assertThat(again.body()).doesNotContain("max-bytes").doesNotContain("MAX_BYTES");
      assertThat(logs.list)
          .singleElement()
          .satisfies(
              warning -> {
                assertThat(warning.getLevel()).isEqualTo(Level.WARN);
                assertThat(warning.getFormattedMessage())
                    .contains("the event log is full")
                    .contains("raise event-log.max-bytes (environment HIVEWIRE_EVENT_LOG_MAX_BYTES")
                    .doesNotContain("routing.log.maxBytes");
              });
    } finally {
      fullLog.detachAppender(logs);
    }
  }
}
