package io.hivewire.app;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.LoadedConfig;
import io.hivewire.locals3.LocalS3;
import io.hivewire.store.DatabaseInfo;
import java.io.PrintWriter;
import java.util.Optional;

/** What a user needs to know once the server runs: where everything is and how to reach it. */
public final class StartupBanner {

  private StartupBanner() {}

  public static void print(PrintWriter out, HivewireApp app, LoadedConfig config) {
    String base = app.baseUrl().toString();
    out.println();
    out.println("hivewire is running");
    out.println();
    out.println("  Data dir     " + config.config().dataDir());
    out.println("  Dashboard    " + base + "/  (sign in with an admin API key, see below)");
    out.println("  HTTP API     " + base + "/api/v1");
    out.println("               health " + base + "/health   metrics " + base + "/metrics");
    DatabaseInfo db = app.database();
    out.println(
        "  Database     "
            + (db.embedded()
                ? "embedded PostgreSQL (data under " + config.config().dataDir().resolve("pg") + ")"
                : "external PostgreSQL"));
    out.println("               JDBC URL  " + db.jdbcUrl());
    out.println("               user      " + db.user());
    out.println("               password  " + db.password());
    out.println("               psql      " + db.psqlCommand());
    if (app.localS3().isPresent()) {
      LocalS3 s3 = app.localS3().get();
      out.println(
          "  Local S3     "
              + s3.endpoint()
              + "  (region "
              + LocalS3.REGION
              + ", files under "
              + config.config().dataDir().resolve("s3")
              + ")");
      out.println("               access key  " + s3.accessKey());
      out.println(
          "               secret key  "
              + printableSecret(s3)
                  .map(
                      secret ->
                          secret + "  (the default; set HIVEWIRE_LOCAL_S3_SECRET_KEY to change)")
                  .orElse("*** (as configured in local-s3.secret-key)"));
      out.println(
          "               e.g. AWS_ACCESS_KEY_ID="
              + s3.accessKey()
              + " AWS_SECRET_ACCESS_KEY="
              + printableSecret(s3).orElse("…")
              + " aws --endpoint-url "
              + s3.endpoint()
              + " s3 ls");
    }
    out.println("  API key      " + apiKeyLine(app, config));
    out.println();
    out.println("Configuration (secrets hidden):");
    out.print(config.describe());
    out.println();
  }

  static String apiKeyLine(HivewireApp app, LoadedConfig config) {
    if (app.createdApiKey().isPresent()) {
      return app.createdApiKey().get()
          + "\n               ^ created now and shown only this once: only its hash is stored."
          + " Keep it, or set HIVEWIRE_API_KEY.";
    }
    if (config.config().apiKey().isPresent()) {
      return "the key in HIVEWIRE_API_KEY (api-key)";
    }
    return "the key printed at the first start (only its hash is stored; set HIVEWIRE_API_KEY to"
        + " choose one)";
  }

  /**
   * The local S3's secret key when it is the documented default, which is no secret; a configured
   * one is never printed.
   */
  public static Optional<String> printableSecret(LocalS3 s3) {
    return s3.secretKey().equals(ConfigKey.LOCAL_S3_SECRET_KEY.defaultValue())
        ? Optional.of(s3.secretKey())
        : Optional.empty();
  }

  /**
   * The {@code -H} option of example curl commands: the key itself only when hivewire created it at
   * this start ({@code created}), otherwise a reference to {@code $HIVEWIRE_API_KEY} in double
   * quotes, which the shell expands when the line is pasted; a key given in the configuration is
   * never printed.
   */
  public static String authHeader(Optional<String> created) {
    return created
        .map(key -> "-H 'X-API-Key: " + key + "'")
        .orElse("-H \"X-API-Key: $HIVEWIRE_API_KEY\"");
  }
}
