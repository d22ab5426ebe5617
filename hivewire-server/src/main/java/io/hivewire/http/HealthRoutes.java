package io.hivewire.http;

import io.hivewire.build.BuildInfo;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: overall status and the database's, for load balancers and humans, with the
 * version and commit that runs.
 */
final class HealthRoutes {

  private final ServerHealth health;
  private final BuildInfo build;

  HealthRoutes(ServerHealth health, BuildInfo build) {
    this.health = health;
    this.build = build;
  }

  void health(Context ctx) {
    ServerHealth.Report report = health.check();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.up() ? "UP" : "DOWN");
    body.put("db", report.databaseUp() ? "UP" : "DOWN");
    body.put("database", report.database());
    body.put("local_s3", report.localS3());
    body.put("version", build.version());
    body.put("commit", build.commit());
    if (!report.databaseUp()) {
      // /health needs no key, so it names no host: API calls and the server log give the details.
      body.put(
          "message",
          "the database does not answer: the server log and every API call (503"
              + " DATABASE_UNAVAILABLE) say which one and what to do");
    }
    ctx.status(report.up() ? 200 : 503).json(body);
  }
}
