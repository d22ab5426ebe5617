package io.hivewire.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.config.ConfigLoader;
import io.hivewire.config.HivewireConfig;
import io.hivewire.s3.S3ObjectStores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start without a configured admin key that fails once the database is ready (here: the
 * Kafka clients refuse their settings, at once rather than after waiting for a broker) stores no
 * admin key it never showed, so the next start creates one and shows it instead of leaving the data
 * dir with a key nobody has.
 */
class FirstStartFailureIT {

  @TempDir Path dataDir;

  @Test
  void aFirstStartThatFailsLateLeavesTheAdminKeyToTheNextStart() throws IOException {
    Map<String, String> env = ServerEnvironment.of(dataDir, "unused", "unused", "unused");
    env.remove("HIVEWIRE_API_KEY");
    env.put("HIVEWIRE_EVENT_LOG_KIND", "kafka");
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort());
    env.put("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "NO_SUCH_PROTOCOL");

    assertThatThrownBy(() -> start(env).close())
        .isInstanceOf(RuntimeException.class)
        .hasStackTraceContaining("NO_SUCH_PROTOCOL");

    env.remove("HIVEWIRE_EVENT_LOG_KIND");
    env.remove("HIVEWIRE_EVENT_LOG_KAFKA_BOOTSTRAP_SERVERS");
    env.remove("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_SECURITY_PROTOCOL");
    try (HivewireApp app = start(env)) {
      assertThat(app.createdApiKey()).as("the admin key of the first start that ran").isPresent();
    }
  }

  private static HivewireApp start(Map<String, String> env) {
    HivewireConfig config = new ConfigLoader(Optional.empty(), env, Map.of()).load().config();
    return HivewireApp.start(config, S3ObjectStores::create, InstantSource.system());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
