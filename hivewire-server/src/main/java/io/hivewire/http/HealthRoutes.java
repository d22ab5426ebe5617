package io.hivewire.http;

import io.hivewire.build.BuildInfo;
import io.hivewire.cluster.NodeStatus;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /health}: overall status and the database's, for load balancers and humans, with the
 * version and commit that runs and this node's id, roles, leases and the log partitions it routes
 * for each destination.
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
    report
        .node()
        .ifPresent(
            node -> {
              Map<String, Object> shown = node(node);
              shown.put("routing", new TreeMap<>(report.routing()));
              body.put("node", shown);
            });
    if (!report.databaseUp()) {
      // /health needs no key, so it names no host: API calls and the server log give the details.
      body.put(
          "message",
          "the database does not answer: the server log and every API call (503"
              + " DATABASE_UNAVAILABLE) say which one and what to do");
    }
    ctx.status(report.up() ? 200 : 503).json(body);
  }

  /** The node's id, roles and leases (when the database answers, per its last heartbeat). */
  private static Map<String, Object> node(NodeStatus node) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("id", node.id().value());
    shown.put(
        "roles",
        node.roles().toString().isEmpty()
            ? List.of()
            : List.of(node.roles().toString().split(",")));
    shown.put(
        "leases",
        node.leases().stream()
            .map(
                lease -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("name", lease.name());
                  one.put("expiresAt", lease.expiresAt().toString());
                  return one;
                })
            .toList());
    return shown;
  }
}
