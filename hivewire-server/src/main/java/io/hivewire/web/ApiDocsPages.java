package io.hivewire.web;

import io.hivewire.http.ApiServer;
import io.hivewire.http.OpenApiDocument;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * {@code /api/docs}: Swagger UI over {@link OpenApiDocument#PATH}, its files served from the
 * swagger-ui WebJar in the jar, started by a script file of ours (no inline script).
 */
final class ApiDocsPages {

  /** Where the page loads Swagger UI's files and its initializer from. */
  static final String ASSETS = "/static/swagger-ui/";

  private static final String INITIALIZER = "hivewire-api-docs.js";
  private static final Map<String, String> WEBJAR_FILES =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8");

  /**
   * Swagger UI shows its icons and logo as {@code data:} images; only this page allows them, the
   * rest of the dashboard's policy stays as it is.
   */
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " object-src 'none'";

  private final WebSupport web;
  private final String webjarRoot;

  ApiDocsPages(WebSupport web) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  void register(RoutesConfig routes) {
    routes.get(
        ApiServer.DOCS_PATH,
        ctx -> {
          ctx.header("Content-Security-Policy", CSP);
          web.page(
              ctx,
              "api-docs.jte",
              WebSupport.chrome(ctx, "API docs", Chrome.Section.API_DOCS),
              Map.of());
        });
    routes.get(ASSETS + "{file}", this::asset);
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("file");
    if (name.equals(INITIALIZER)) {
      serve(ctx, "io/hivewire/web/apidocs/" + INITIALIZER, "text/javascript; charset=utf-8");
    } else if (WEBJAR_FILES.containsKey(name)) {
      serve(ctx, webjarRoot + name, WEBJAR_FILES.get(name));
    } else {
      ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("no file");
    }
  }

  private static void serve(Context ctx, String resource, String type) {
    try (InputStream in = ApiDocsPages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The WebJar's version, from its Maven metadata, so that upgrading it needs no code change. */
  private static String webjarVersion() {
    String metadata = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    try (InputStream in = ApiDocsPages.class.getClassLoader().getResourceAsStream(metadata)) {
      if (in == null) {
        throw new IllegalStateException(
            metadata + " is missing: the org.webjars:swagger-ui jar is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metadata, e);
    }
  }
}
