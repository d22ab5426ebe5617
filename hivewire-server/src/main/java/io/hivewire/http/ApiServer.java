package io.hivewire.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.build.BuildInfo;
import io.hivewire.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The HTTP API: health, metrics, and the {@code /api/v1} routes behind the API key check. */
public final class ApiServer implements AutoCloseable {

  private final Javalin app;
  private boolean closed;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /** The route groups an API server serves under {@code /api/}. */
  public interface Routes {
    void register(io.javalin.config.RoutesConfig routes);
  }

  /**
   * Starts the server.
   *
   * @param routes the {@code /api/} route groups, registered behind the API key check
   */
  public static ApiServer start(
      HttpConfig http,
      ObjectMapper json,
      ApiKeyVerifier keys,
      ServerHealth health,
      PrometheusMeterRegistry metrics,
      List<Routes> routes) {
    Objects.requireNonNull(http, "http is null");
    HttpMetrics httpMetrics = new HttpMetrics(metrics);
    ApiKeyCheck keyCheck = new ApiKeyCheck(keys);
    Consumer<io.javalin.config.JavalinConfig> setup =
        config -> {
          config.jsonMapper(new JavalinJackson(json, false));
          config.startup.showJavalinBanner = false;
          config.concurrency.useVirtualThreads = true;
          config.jetty.host = http.host();
          config.jetty.port = http.port();
          config.http.prefer405over404 = true;
          config.routes.before(
              ctx -> {
                RequestIds.assign(ctx);
                httpMetrics.start(ctx);
              });
          // Before the key checks, which read the database: while it is down, calls fail at once.
          config.routes.before("/api/*", ctx -> health.requireDatabase());
          config.routes.before("/v2.0/*", ctx -> health.requireDatabase());
          config.routes.before("/api/*", keyCheck::check);
          config.routes.after(httpMetrics::stop);
          config.requestLogger.http(
              (ctx, millis) -> {
                try {
                  RequestLog.log(ctx, millis);
                } finally {
                  RequestIds.leave();
                }
              });
          config.routes.exception(Exception.class, ErrorResponses::handle);
          // Javalin answers its own HTTP exceptions in plain text unless their class is mapped.
          config.routes.exception(MethodNotAllowedResponse.class, ErrorResponses::handle);
          config.routes.error(
              404,
              ctx ->
                  ErrorResponses.fallback(
                      ctx,
                      ErrorCode.NOT_FOUND,
                      "no route "
                          + ctx.method()
                          + " "
                          + ctx.path()
                          + ": the API lives under /api/v1 (see the README's HTTP API table)"));
          config.routes.get("/health", new HealthRoutes(health, BuildInfo.current())::health);
          config.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(metrics.scrape()));
          routes.forEach(group -> group.register(config.routes));
        };
    Javalin app = Javalin.create(setup);
    try {
      app.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the HTTP API on "
              + http.host()
              + ":"
              + http.port()
              + ": "
              + e.getMessage()
              + ". If the port is taken, set HIVEWIRE_HTTP_PORT or --port to a free one.",
          e);
    }
    return new ApiServer(app);
  }

  /** The port the server listens on (useful when configured with port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    app.stop();
  }
}
