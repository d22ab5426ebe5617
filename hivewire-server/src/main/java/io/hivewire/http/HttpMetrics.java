package io.hivewire.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Times every request as {@code http.server.requests} by method, route template and status. */
final class HttpMetrics {

  private static final String START = "hivewire.request-start";

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
  }

  void stop(Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null) {
      return;
    }
    Timer.builder("http.server.requests")
        .description("HTTP requests served")
        .tag("method", ctx.method().name())
        .tag("uri", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /** The route template, not the raw path, so ids in paths do not explode the tag count. */
  private static String route(Context ctx) {
    try {
      Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
      return matched == null ? "UNMATCHED" : matched.path;
    } catch (RuntimeException e) {
      return "UNMATCHED";
    }
  }
}
