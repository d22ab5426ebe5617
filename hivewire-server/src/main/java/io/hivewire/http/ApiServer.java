package io.hivewire.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.build.BuildInfo;
import io.hivewire.config.HttpConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** The HTTP API: health, metrics, and the {@code /api/v1} routes behind the API key check. */
public final class ApiServer implements AutoCloseable {

  /**
   * The interactive API documentation: under {@code /api/} for people to find it, but a dashboard
   * page behind its session rather than the key check.
   */
  public static final String DOCS_PATH = "/api/docs";

  private static final Set<HandlerType> ENDPOINT_METHODS =
      Set.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.HEAD,
          HandlerType.OPTIONS);

  private final Javalin app;
  private final List<Route> routes;
  private boolean closed;

  private ApiServer(Javalin app, List<Route> routes) {
    this.app = app;
    this.routes = List.copyOf(routes);
  }

  /** A registered endpoint: the HTTP method and the path template, e.g. {@code /x/{id}}. */
  public record Route(String method, String path) {
    public Route {
      Objects.requireNonNull(method, "method is null");
      Objects.requireNonNull(path, "path is null");
    }
  }

  /** The route groups an API server serves under {@code /api/}. */
  public interface Routes {
    void register(io.javalin.config.RoutesConfig routes);

    /**
     * Answers {@code error} itself when the request is for one of this group's HTML pages,
     * returning true; otherwise the JSON error body is written.
     */
    default boolean errorPage(Context ctx, HttpError error) {
      return false;
    }
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
    ErrorResponses errors = new ErrorResponses(routes);
    OpenApiDocument contract = OpenApiDocument.load();
    List<Route> registered = new ArrayList<>();
    Consumer<io.javalin.config.JavalinConfig> setup =
        config -> {
          config.jsonMapper(new JavalinJackson(json, false));
          config.startup.showJavalinBanner = false;
          config.events.handlerAdded(
              handler -> {
                if (ENDPOINT_METHODS.contains(handler.getHttpMethod())) {
                  registered.add(new Route(handler.getHttpMethod().name(), handler.getPath()));
                }
              });
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
          config.routes.before(
              "/api/*",
              ctx -> {
                if (!isDocs(ctx.path())) {
                  keyCheck.check(ctx);
                }
              });
          config.routes.after(httpMetrics::stop);
          config.requestLogger.http(
              (ctx, millis) -> {
                try {
                  RequestLog.log(ctx, millis);
                } finally {
                  RequestIds.leave();
                }
              });
          config.routes.exception(Exception.class, errors::handle);
          // Javalin answers its own HTTP exceptions in plain text unless their class is mapped.
          config.routes.exception(MethodNotAllowedResponse.class, errors::handle);
          config.routes.error(
              404,
              ctx ->
                  errors.fallback(
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
          config.routes.get(
              OpenApiDocument.PATH,
              ctx -> ctx.contentType("application/json").result(contract.json()));
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
    return new ApiServer(app, registered);
  }

  private static boolean isDocs(String path) {
    return path.equals(DOCS_PATH) || path.startsWith(DOCS_PATH + "/");
  }

  /** Every endpoint registered, in the order registered (filters and error handlers left out). */
  public List<Route> routes() {
    return routes;
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
