package io.hivewire.web;

import io.hivewire.connections.Connection;
import io.hivewire.connections.ConnectionService;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.ImportService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports: the list and an import's page with a page of its runs (live while one runs), Run now,
 * its rejected rows, the schema-change banner with Accept, and Delete after confirming.
 */
final class ImportPages {

  private final WebSupport web;
  private final ImportService imports;
  private final ConnectionService connections;
  private final ImportSchemaService schemas;

  ImportPages(
      WebSupport web,
      ImportService imports,
      ConnectionService connections,
      ImportSchemaService schemas) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/imports", this::list);
    routes.get("/imports/{id}", found(this::show));
    routes.get("/imports/{id}/live", found(this::live));
    routes.post("/imports/{id}/run", found(this::run));
    routes.get("/imports/{id}/rejects", found(this::rejects));
    routes.post("/imports/{id}/schema-changes/accept", found(this::accept));
    routes.get("/imports/{id}/delete", found(this::confirmDelete));
    routes.post("/imports/{id}/delete", found(this::delete));
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
    Optional<String> deleted =
        Optional.ofNullable(ctx.queryParam("deleted"))
            .filter(name -> !name.isBlank())
            .map(name -> "Import " + name + " deleted.");
    web.page(
        ctx,
        "imports.jte",
        WebSupport.chrome(ctx, "Imports", Chrome.Section.IMPORTS),
        Map.of("rows", rows, "deleted", deleted));
  }

  /** The name of the import's connection, by its id: the one connection the import reads. */
  private Map<UUID, String> connectionName(ImportService.ImportDetails details) {
    // Looking up every connection (with its details) cost the page ten times its API call with
    // 200 connections (RenderBenchmark).
    UUID connectionId = details.stored().definition().connectionId();
    return Map.of(connectionId, connections.connection(connectionId).spec().name());
  }

  private ImportViews.Row row(ImportService.ImportDetails details) {
    return ImportViews.row(details, connectionName(details));
  }

  /**
   * The import with the page of runs that follows {@code before} (the newest when empty), and its
   * connection: four reads, where the page once read the import three times over and made it twice
   * as slow as the API's page of runs (RenderBenchmark).
   */
  private Shown shown(UUID id, Optional<UUID> before) {
    ImportService.ImportWithRuns read = imports.withRuns(id, before, ImportService.DEFAULT_RUNS);
    UUID connectionId = read.details().stored().definition().connectionId();
    return new Shown(read, connections.connection(connectionId), before);
  }

  /** What the import's page shows, as read: the import, a page of its runs, its connection. */
  private record Shown(
      ImportService.ImportWithRuns read, Connection connection, Optional<UUID> before) {

    ImportViews.Detail detail() {
      return ImportViews.detail(
          read.details(), Map.of(connection.id(), connection.spec().name()), read.runs(), before);
    }
  }

  private void show(Context ctx) {
    UUID id = id(ctx);
    Optional<String> done =
        Optional.ofNullable(ctx.queryParam("accepted"))
            .filter(columns -> !columns.isBlank())
            .map(columns -> accepted(id, columns));
    show(ctx, id, ctx.queryParam("before"), Optional.empty(), done, HttpStatus.OK);
  }

  private static String accepted(UUID id, String columns) {
    return "Accepted "
        + columns
        + ". The next runs load the accepted columns; rows loaded before have no value in them"
        + " until a run that reloads every file (POST /api/v1/imports/"
        + id
        + "/runs with {\"reload\":true}).";
  }

  /** The import's page; a {@code before} that names no run of it shows the newest runs. */
  private void show(
      Context ctx,
      UUID id,
      String rawBefore,
      Optional<String> notice,
      Optional<String> done,
      HttpStatus status) {
    Shown shown;
    try {
      shown = shown(id, before(rawBefore));
    } catch (InvalidInputException e) {
      shown = shown(id, Optional.empty());
      notice = Optional.of(e.getMessage());
      status = HttpStatus.BAD_REQUEST;
    }
    ImportViews.Detail detail = shown.detail();
    Optional<SchemaBanner> banner = banner(shown);
    ctx.status(status);
    web.page(
        ctx,
        "import.jte",
        WebSupport.chrome(ctx, detail.row().name(), Chrome.Section.IMPORTS),
        Map.of("i", detail, "notice", notice, "done", done, "banner", banner));
  }

  /** The banner of the import's last schema check; none before the first check. */
  private Optional<SchemaBanner> banner(Shown shown) {
    try {
      return schemas
          .latestCheck(shown.read().details().stored(), shown.connection())
          .flatMap(SchemaBanner::of);
    } catch (ConflictException noRecordedColumns) {
      // An import from before columns were recorded, whose table left the discovery: its runs
      // say what to do; the page shows no banner.
      return Optional.empty();
    }
  }

  private void live(Context ctx) {
    ImportViews.Detail detail;
    try {
      detail = shown(id(ctx), before(ctx.queryParam("before"))).detail();
    } catch (InvalidInputException e) {
      detail = shown(id(ctx), Optional.empty()).detail();
    }
    web.fragment(
        ctx, "import-live.jte", Map.of("i", detail, "csrf", WebSupport.signedIn(ctx).csrfToken()));
  }

  private void run(Context ctx) {
    UUID id = id(ctx);
    try {
      imports.startRun(id);
    } catch (ConflictException | BusyException e) {
      show(ctx, id, null, Optional.of(e.getMessage()), Optional.empty(), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/imports/" + id, HttpStatus.SEE_OTHER);
  }

  /** A page of the import's rejected rows; a bad {@code after} shows the first page and why. */
  private void rejects(Context ctx) {
    UUID id = id(ctx);
    ImportViews.Row row = row(imports.get(id));
    int size = ImportService.DEFAULT_REJECTS;
    String raw = ctx.queryParam("after");
    Optional<String> problem = Optional.empty();
    RejectsView page;
    try {
      long after = raw == null || raw.isBlank() ? 0 : after(raw);
      page = RejectsView.of(row, imports.rejects(id, after, size), after, size);
    } catch (InvalidInputException e) {
      problem = Optional.of(e.getMessage() + "; the first page is shown");
      page = RejectsView.of(row, imports.rejects(id, 0, size), 0, size);
      ctx.status(HttpStatus.BAD_REQUEST);
    }
    web.page(
        ctx,
        "import-rejects.jte",
        WebSupport.chrome(ctx, "Rejected rows of " + row.name(), Chrome.Section.IMPORTS),
        Map.of("r", page, "problem", problem));
  }

  private static long after(String raw) {
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "after", "after '" + raw + "' is not a reject id: follow the page links");
    }
  }

  private void accept(Context ctx) {
    UUID id = id(ctx);
    List<String> columns = ctx.formParams("columns");
    try {
      schemas.accept(id, columns);
    } catch (InvalidInputException e) {
      show(ctx, id, null, Optional.of(e.getMessage()), Optional.empty(), HttpStatus.BAD_REQUEST);
      return;
    } catch (ConflictException e) {
      show(ctx, id, null, Optional.of(e.getMessage()), Optional.empty(), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect(
        "/imports/" + id + "?accepted=" + encode(String.join(", ", columns)), HttpStatus.SEE_OTHER);
  }

  private void confirmDelete(Context ctx) {
    confirmDelete(ctx, id(ctx), Optional.empty(), HttpStatus.OK);
  }

  private void confirmDelete(Context ctx, UUID id, Optional<String> notice, HttpStatus status) {
    ImportService.ImportDetails details = imports.get(id);
    ctx.status(status);
    web.page(
        ctx,
        "import-delete.jte",
        WebSupport.chrome(
            ctx, "Delete " + details.stored().definition().name(), Chrome.Section.IMPORTS),
        Map.of("row", row(details), "target", details.stored().targetTable(), "notice", notice));
  }

  private void delete(Context ctx) {
    UUID id = id(ctx);
    String name = imports.get(id).stored().definition().name();
    try {
      imports.delete(id);
    } catch (ConflictException e) {
      confirmDelete(ctx, id, Optional.of(e.getMessage()), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/imports?deleted=" + encode(name), HttpStatus.SEE_OTHER);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The run a page of runs starts after, if the query names one. */
  private static Optional<UUID> before(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(raw.strip()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "before",
          "before '"
              + raw
              + "' is not a run id: use the Older runs link; the newest runs are shown");
    }
  }

  private Handler found(Handler handler) {
    return web.notFoundAsPage(Chrome.Section.IMPORTS, handler);
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
