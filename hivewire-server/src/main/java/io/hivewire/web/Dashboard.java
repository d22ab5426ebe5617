package io.hivewire.web;

import io.hivewire.apikeys.ApiKeys;
import io.hivewire.audiences.AudienceSegmentService;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.PolicyService;
import io.hivewire.destinations.DestinationService;
import io.hivewire.http.ApiServer;
import io.hivewire.http.HttpError;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The dashboard at {@code /}: HTML pages over the same services as the API, behind a signed-in
 * session, every form checked against the session's CSRF token.
 */
public final class Dashboard implements ApiServer.Routes {

  /** Paths (and their sub-paths) the dashboard serves; everything else is the API's. */
  private static final List<String> PAGES =
      List.of(
          "/catalog",
          "/connections",
          "/imports",
          "/routing",
          "/api-keys",
          "/sign-out",
          ApiServer.DOCS_PATH);

  private final WebSupport web;
  private final Services services;
  private final ErrorPages errors;

  /** The services the pages call: the same instances the API's handlers call. */
  public record Services(
      ConnectionService connections,
      PolicyService policies,
      ApiKeys keys,
      ImportService imports,
      DestinationService destinations,
      AudienceSegmentService segments,
      ImportSchemaService importSchemas) {
    public Services {
      Objects.requireNonNull(connections, "connections is null");
      Objects.requireNonNull(policies, "policies is null");
      Objects.requireNonNull(keys, "keys is null");
      Objects.requireNonNull(imports, "imports is null");
      Objects.requireNonNull(destinations, "destinations is null");
      Objects.requireNonNull(segments, "segments is null");
      Objects.requireNonNull(importSchemas, "importSchemas is null");
    }
  }

  /**
   * {@code trustForwardedHeaders}: a TLS-terminating proxy's {@code X-Forwarded-Proto: https} makes
   * the session cookie Secure.
   */
  public Dashboard(Sessions sessions, Services services, boolean trustForwardedHeaders) {
    this.web =
        new WebSupport(
            Objects.requireNonNull(sessions, "sessions is null"),
            new Templates(),
            trustForwardedHeaders);
    this.services = Objects.requireNonNull(services, "services is null");
    this.errors = new ErrorPages(web);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(this::guard);
    routes.get("/", ctx -> ctx.redirect("/connections", HttpStatus.FOUND));
    StaticFiles.register(routes);
    new SignInPages(web, services.keys()).register(routes);
    new CatalogPages(web).register(routes);
    new ConnectionPages(web, services.connections(), services.policies(), services.imports())
        .register(routes);
    new ImportWizardPages(web, services.imports(), services.connections()).register(routes);
    new ImportPages(web, services.imports(), services.connections(), services.importSchemas())
        .register(routes);
    // Before Routing's /routing/{id} paths, so that /routing/segments is never taken for an id.
    new SegmentPages(web, services.segments()).register(routes);
    new RoutingPages(web, services.destinations()).register(routes);
    new ApiKeyPages(web, services.keys()).register(routes);
    new ApiDocsPages(web).register(routes);
  }

  /** Pages answer their errors as pages; the API keeps its JSON errors. */
  @Override
  public boolean errorPage(Context ctx, HttpError error) {
    if (!isPage(ctx.path()) && !ctx.path().equals(SignInPages.PATH)) {
      return false;
    }
    errors.answer(ctx, error);
    return true;
  }

  static boolean isPage(String path) {
    return path.equals("/")
        || PAGES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  /**
   * Sends a signed-out browser, or one whose key was revoked, to sign-in (and back); refuses a form
   * without the CSRF token.
   */
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
    // A session lasts only as long as its key: revoked (here or through the API), it ends.
    UUID keyId = session.get().keyId().orElseThrow();
    if (!services.keys().allows(keyId, ApiKeys.ADMIN_SCOPE)) {
      web.sessions().endSessionsOf(keyId);
      web.toSignInKeyRevoked(ctx);
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
