package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each half of the server can be watched from {@code /metrics} alone: an import run and events
 * posted (accepted, invalid, refused by a full log) show up as their own series with their values.
 */
class MetricsIT {

  private static final String KEY = "test-admin-key";
  private static final String BUCKET = "lake";
  private static final String HEADER = "user_id,segment,amount\n";
  private static final String VALID = "{\"name\":\"Pageview\",\"user_id\":\"%s\"}";
  private static final String USER = "7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10";

  @TempDir Path dataDir;

  @Test
  void importRunsAndCollectedEventsAreCountedOnMetrics() throws Exception {
    try (LocalS3Fixture s3 = LocalS3Fixture.start(BUCKET)) {
      put(s3, "data/scores/date=2025-01-01/part-0.csv", HEADER + "u1,s1,10\nu2,s1,20\n");
      Map<String, String> env =
          ServerEnvironment.of(dataDir, KEY, s3.localS3().accessKey(), s3.localS3().secretKey());
      env.put("HIVEWIRE_EVENT_LOG_MAX_BYTES", "8192");
      HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
      try (HivewireApp app =
          HivewireApp.start(config, S3ObjectStores::create, InstantSource.system())) {
        ApiClient api = new ApiClient(app.baseUrl(), Optional.of(KEY));

        String importId = createImport(api, s3);
        put(s3, "data/scores/date=2025-01-02/part-0.csv", HEADER + "u3,s1,30\nu4,s1,x\n");
        String runId =
            api.post("/api/v1/imports/" + importId + "/runs", "").json().path("id").asText();
        JsonNode run =
            Polling.until(
                () -> api.get("/api/v1/imports/" + importId + "/runs/" + runId).json(),
                r -> r.path("status").asText().matches("SUCCEEDED|FAILED"));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

        String event = VALID.formatted(USER);
        ApiClient.Response mixed = api.post("/v2.0/events", "[" + event + "," + event + ",{}]");
        ApiClient.Response invalid = api.post("/v2.0/events", "[{}]");
        int acceptedBatches = 1;
        ApiClient.Response last;
        do {
          last = api.post("/v2.0/events", "[" + event + "," + event + "]");
          acceptedBatches += last.status() == 201 ? 1 : 0;
        } while (last.status() == 201 && acceptedBatches < 100);
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(201);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(last.status()).as(last.body()).isEqualTo(503);

        // The run's meters are written just after its status, so read until they are there.
        String metrics =
            Polling.until(
                    () -> TextNode.valueOf(api.get("/metrics").body()),
                    m -> m.asText().contains("hivewire_import_runs_total{status=\"SUCCEEDED\"} 1"))
                .asText();

        assertThat(value(metrics, "hivewire_import_runs_total{status=\"SUCCEEDED\"}")).isEqualTo(1);
        assertThat(value(metrics, "hivewire_import_runs_total{status=\"FAILED\"}")).isZero();
        assertThat(
                value(metrics, "hivewire_import_run_duration_seconds_count{status=\"SUCCEEDED\"}"))
            .isEqualTo(1);
        assertThat(value(metrics, "hivewire_import_run_duration_seconds_sum{status=\"SUCCEEDED\"}"))
            .isPositive();
        assertThat(value(metrics, "hivewire_import_files_loaded_total")).isEqualTo(2);
        assertThat(value(metrics, "hivewire_import_files_failed_total")).isZero();
        assertThat(value(metrics, "hivewire_import_rows_loaded_total")).isEqualTo(3);
        assertThat(value(metrics, "hivewire_import_rows_rejected_total")).isEqualTo(1);

        assertThat(value(metrics, "hivewire_collect_events_accepted_total"))
            .isEqualTo(2 * acceptedBatches);
        assertThat(value(metrics, "hivewire_collect_events_rejected_total{reason=\"invalid\"}"))
            .isEqualTo(2);
        assertThat(value(metrics, "hivewire_collect_events_rejected_total{reason=\"log_full\"}"))
            .isEqualTo(2);
        assertThat(
                value(
                    metrics,
                    "hivewire_collect_requests_seconds_count{endpoint=\"events\",outcome=\"accepted\"}"))
            .isEqualTo(acceptedBatches);
        assertThat(
                value(
                    metrics,
                    "hivewire_collect_requests_seconds_count{endpoint=\"events\",outcome=\"invalid\"}"))
            .isEqualTo(1);
        assertThat(
                value(
                    metrics,
                    "hivewire_collect_requests_seconds_count{endpoint=\"events\",outcome=\"log_full\"}"))
            .isEqualTo(1);
        assertThat(value(metrics, "hivewire_collect_log_append_seconds_count{outcome=\"durable\"}"))
            .isEqualTo(acceptedBatches);
        assertThat(value(metrics, "hivewire_collect_log_append_seconds_count{outcome=\"full\"}"))
            .isEqualTo(1);
        // One per durable append made one at a time, and one per segment sealed.
        assertThat(value(metrics, "hivewire_collect_log_fsyncs_total"))
            .isBetween((double) acceptedBatches, 2.0 * acceptedBatches);
        assertThat(value(metrics, "hivewire_collect_log_quota_bytes")).isEqualTo(8192);
        assertThat(value(metrics, "hivewire_collect_log_size_bytes")).isBetween(1.0, 8192.0);
      }
    }
  }

  private static String createImport(ApiClient api, LocalS3Fixture s3) {
    ApiClient.Response connection =
        api.post(
            "/api/v1/connections",
            """
            {"name":"lake","region":"us-east-1","bucket":"%s","schemaPrefix":"data/",
             "dataFormat":"CSV","partitioning":"ALL","endpoint":"%s"}"""
                .formatted(BUCKET, s3.localS3().endpoint()));
    assertThat(connection.status()).as(connection.body()).isEqualTo(202);
    String connectionId = connection.json().path("id").asText();
    JsonNode checked = Polling.checkedConnection(api, connectionId);
    assertThat(checked.path("status").asText()).as(checked.toString()).isEqualTo("ACTIVE");
    ApiClient.Response created =
        api.post(
            "/api/v1/imports",
            """
            {"name":"scores import","connectionId":"%s","table":"scores",
             "dataType":"USER_SEGMENTS","mapping":{"user_id":"user_id","segment":"segment"},
             "onError":"REJECT","maxErrors":10}"""
                .formatted(connectionId));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static void put(LocalS3Fixture s3, String key, String text) {
    s3.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of one series in Prometheus text, e.g. {@code name{tag="v"}}; fails when absent. */
  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(metrics);
    assertThat(m.find()).as(series + " in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
