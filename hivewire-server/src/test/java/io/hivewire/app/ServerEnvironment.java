package io.hivewire.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment the API ITs start a server with; each test adds its own settings to it. */
final class ServerEnvironment {

  private ServerEnvironment() {}

  /**
   * Any free HTTP and database port, the embedded database in {@code dataDir}, {@code apiKey} as
   * the admin key and the given source S3 credentials; the map is the caller's to extend.
   */
  static Map<String, String> of(
      Path dataDir, String apiKey, String sourceAccessKey, String sourceSecretKey) {
    Map<String, String> env = new HashMap<>();
    env.put("HIVEWIRE_HTTP_PORT", "0");
    env.put("HIVEWIRE_DATA_DIR", dataDir.toString());
    env.put("HIVEWIRE_DB_EMBEDDED_PORT", "0");
    env.put("HIVEWIRE_API_KEY", apiKey);
    env.put("HIVEWIRE_SOURCE_ENDPOINT_ACCESS_KEY", sourceAccessKey);
    env.put("HIVEWIRE_SOURCE_ENDPOINT_SECRET_KEY", sourceSecretKey);
    return env;
  }
}
