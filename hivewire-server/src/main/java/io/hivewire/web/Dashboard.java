package io.hivewire.web;

import io.hivewire.http.ApiServer;
import io.hivewire.server.ApiKeys;
import io.hivewire.server.ConnectionService;
import io.hivewire.server.ImportService;
import io.hivewire.server.PolicyService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard at {@code /}: HTML pages over the same services as the API, behind a signed-in
 * session, every form checked against the session's CSRF token.
 */
public final class Dashboard implements ApiServer.Routes {

  /** Paths (and their sub-paths) the dashboard serves; everything else is the API's. */
  private static final List<String> PAGES =
      List.of("/catalog", "/connections", "/imports", "/routing", "/api-keys", "/sign-out");

  private final WebSupport web;
  private final ConnectionService connections;
  private final PolicyService policies;
  private final ApiKeys keys;
  private final ImportService imports;

  public Dashboard(
      Sessions sessions,
      ConnectionService connections,
      PolicyService policies,
      ApiKeys keys,
      ImportService imports) {
    this.web =
        new WebSupport(Objects.requireNonNull(sessions, "sessions is null"), new Templates());
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.policies = Objects.requireNonNull(policies, "policies is null");
    this.keys = Objects.requireNonNull(keys, "keys is null");
    this.imports = Objects.requireNonNull(imports, "imports is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(this::guard);
    routes.get("/", ctx -> ctx.redirect("/connections", HttpStatus.FOUND));
    StaticFiles.register(routes);
    new SignInPages(web, keys).register(routes);
    new CatalogPages(web).register(routes);
    new ConnectionPages(web, connections, policies, imports).register(routes);
    new ApiKeyPages(web, keys).register(routes);
  }

  static boolean isPage(String path) {
    return path.equals("/")
        || PAGES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  /** Sends a signed-out browser to sign-in (and back), refuses a form without the CSRF token. */
  private void guard(Context ctx) {
    String path = ctx.path();
    if (path.startsWith("/static/") || path.equals(SignInPages.PATH)) {
      WebSupport.securityHeaders(ctx);
      return;
    }
    if (!isPage(path)) {
      return;
    }
    WebSupport.securityHeaders(ctx);
    Optional<Sessions.Session> session = web.session(ctx).filter(Sessions.Session::signedIn);
    if (session.isEmpty()) {
      web.toSignIn(ctx);
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method().name().equals("POST") && !session.get().acceptsCsrf(ctx.formParam("csrf"))) {
      web.forbidden(ctx);
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(WebSupport.SESSION, session.get());
  }
}
