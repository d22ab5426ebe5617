package io.hivewire.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The dashboard's style sheet and script, served from the jar under {@code /static/}. */
final class StaticFiles {

  private static final Map<String, String> FILES =
      Map.of(
          "app.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8");

  private StaticFiles() {}

  static void register(RoutesConfig routes) {
    routes.get("/static/{file}", StaticFiles::serve);
  }

  private static void serve(Context ctx) {
    String name = ctx.pathParam("file");
    String type = FILES.get(name);
    if (type == null) {
      ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("no file");
      return;
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("static/" + name + " is missing from the jar");
      }
      ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read static/" + name, e);
    }
  }
}
