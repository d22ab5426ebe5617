package io.hivewire.web;

import io.hivewire.connections.ConnectionService;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.imports.ImportService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Imports: the list and an import's page with its runs (live while one runs) and Run now. */
final class ImportPages {

  private final WebSupport web;
  private final ImportService imports;
  private final ConnectionService connections;

  ImportPages(WebSupport web, ImportService imports, ConnectionService connections) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.connections = Objects.requireNonNull(connections, "connections is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/imports", this::list);
    routes.get(
        "/imports/{id}", ctx -> found(ctx, () -> show(ctx, Optional.empty(), HttpStatus.OK)));
    routes.get("/imports/{id}/live", ctx -> found(ctx, () -> live(ctx)));
    routes.post("/imports/{id}/run", ctx -> found(ctx, () -> run(ctx)));
  }

  private Map<UUID, String> connectionNames() {
    Map<UUID, String> names = new HashMap<>();
    connections.list().forEach(c -> names.put(c.connection().id(), c.connection().spec().name()));
    return names;
  }

  private void list(Context ctx) {
    Map<UUID, String> names = connectionNames();
    List<ImportViews.Row> rows =
        imports.list().stream().map(i -> ImportViews.row(i, names)).toList();
    web.page(
        ctx,
        "imports.jte",
        WebSupport.chrome(ctx, "Imports", Chrome.Section.IMPORTS),
        Map.of("rows", rows));
  }

  private ImportViews.Detail detail(UUID id) {
    ImportService.ImportDetails details = imports.get(id);
    // One import names one connection: looking up every connection (with its details) cost the
    // page ten times its API call with 200 connections (RenderBenchmark).
    UUID connectionId = details.stored().definition().connectionId();
    Map<UUID, String> name =
        Map.of(connectionId, connections.get(connectionId).connection().spec().name());
    return ImportViews.detail(details, name, imports.runs(id));
  }

  private void show(Context ctx, Optional<String> notice, HttpStatus status) {
    ImportViews.Detail detail = detail(id(ctx));
    ctx.status(status);
    web.page(
        ctx,
        "import.jte",
        WebSupport.chrome(ctx, detail.row().name(), Chrome.Section.IMPORTS),
        Map.of("i", detail, "notice", notice));
  }

  private void live(Context ctx) {
    web.fragment(
        ctx,
        "import-live.jte",
        Map.of("i", detail(id(ctx)), "csrf", WebSupport.signedIn(ctx).csrfToken()));
  }

  private void run(Context ctx) {
    UUID id = id(ctx);
    try {
      imports.startRun(id);
    } catch (ConflictException | BusyException e) {
      show(ctx, Optional.of(e.getMessage()), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/imports/" + id, HttpStatus.SEE_OTHER);
  }

  /** Runs {@code page}; a missing import shows a not-found page. */
  private void found(Context ctx, Runnable page) {
    try {
      page.run();
    } catch (NotFoundException e) {
      ctx.status(HttpStatus.NOT_FOUND);
      web.page(
          ctx,
          "error.jte",
          WebSupport.chrome(ctx, "Not found", Chrome.Section.IMPORTS),
          Map.of("heading", "Not found", "message", e.getMessage()));
    }
  }

  private static UUID id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no import with id '" + raw + "': open it from the Imports page");
    }
  }
}
