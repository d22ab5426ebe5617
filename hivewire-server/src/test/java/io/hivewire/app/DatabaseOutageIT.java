package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.S3ObjectStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose PostgreSQL stops while it runs: {@code /health} and the API say so at once (the
 * API naming the database), instead of waiting on the pool's connection time-out.
 */
class DatabaseOutageIT {

  private static final String KEY = "test-admin-key";

  @TempDir Path dataDir;
  @TempDir Path pgDir;

  private EmbeddedPostgres postgres;
  private HivewireApp app;

  @AfterEach
  void stop() throws IOException {
    if (app != null) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void stoppedDatabaseIsReportedWithinASecondAndApiCallsAnswer503NamingIt() throws IOException {
    postgres = EmbeddedPostgres.builder().setDataDirectory(pgDir).start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    Map<String, String> env = ServerEnvironment.of(dataDir, KEY, "unused", "unused");
    env.put("HIVEWIRE_DB_URL", url);
    env.put("HIVEWIRE_DB_USER", "postgres");
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    app = HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
    ApiClient api = new ApiClient(app.baseUrl(), Optional.of(KEY));
    assertThat(api.get("/health").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/connections").status()).isEqualTo(200);

    postgres.close();
    postgres = null;

    Timed health = timed(() -> api.withoutKey().get("/health"));
    assertThat(health.took()).isLessThan(Duration.ofSeconds(1));
    assertThat(health.response().status()).as(health.response().body()).isEqualTo(503);
    assertThat(health.response().json().path("status").asText()).isEqualTo("DOWN");
    assertThat(health.response().json().path("db").asText()).isEqualTo("DOWN");
    assertThat(health.response().json().path("message").asText())
        .contains("database does not answer", "DATABASE_UNAVAILABLE");
    assertThat(health.response().body()).doesNotContain(url.replaceFirst("\\?.*$", ""));

    Timed call = timed(() -> api.get("/api/v1/connections"));
    assertThat(call.took()).isLessThan(Duration.ofSeconds(1));
    assertThat(call.response().status()).as(call.response().body()).isEqualTo(503);
    assertThat(call.response().json().path("error").path("code").asText())
        .isEqualTo("DATABASE_UNAVAILABLE");
    assertThat(call.response().json().path("error").path("message").asText())
        .contains(
            "hivewire's database, the PostgreSQL at " + url.replaceFirst("\\?.*$", ""),
            "does not answer")
        .contains("check that it runs");
    assertThat(call.response().headers().firstValue("Retry-After")).isPresent();
  }

  private record Timed(ApiClient.Response response, Duration took) {}

  private static Timed timed(Supplier<ApiClient.Response> request) {
    long start = System.nanoTime();
    ApiClient.Response response = request.get();
    return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
  }
}
