package io.hivewire.cli;

import io.hivewire.app.HivewireApp;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.LoadedConfig;
import io.hivewire.locals3.LocalS3;
import io.hivewire.store.DatabaseInfo;
import java.io.PrintWriter;

/** What a user needs to know once the server runs: where everything is and how to reach it. */
final class StartupBanner {

  private StartupBanner() {}

  static void print(PrintWriter out, HivewireApp app, LoadedConfig config) {
    String base = app.baseUrl().toString();
    out.println();
    out.println("hivewire is running");
    out.println();
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
      boolean defaultSecret =
          config
              .values()
              .get(ConfigKey.LOCAL_S3_SECRET_KEY)
              .value()
              .equals(ConfigKey.LOCAL_S3_SECRET_KEY.defaultValue());
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
              + (defaultSecret
                  ? s3.secretKey() + "  (the default; set HIVEWIRE_LOCAL_S3_SECRET_KEY to change)"
                  : "*** (as configured in local-s3.secret-key)"));
      out.println(
          "               e.g. AWS_ACCESS_KEY_ID="
              + s3.accessKey()
              + " AWS_SECRET_ACCESS_KEY=… aws --endpoint-url "
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

  /** The key to show in example commands. */
  static String exampleKey(HivewireApp app, LoadedConfig config) {
    if (app.createdApiKey().isPresent()) {
      return app.createdApiKey().get();
    }
    return config.config().apiKey().map(secret -> secret.value()).orElse("$HIVEWIRE_API_KEY");
  }
}
