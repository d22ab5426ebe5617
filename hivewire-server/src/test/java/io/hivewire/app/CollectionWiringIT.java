package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.S3ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
