package io.hivewire.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.RouteInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@code /api/v1/imports}: create, list, change, delete, start and follow runs, read rejects. */
public final class ImportRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/imports";

  private final ImportService imports;
  private final ObjectMapper json;
  private final ImportJson views;

  public ImportRoutes(ImportService imports, ObjectMapper json) {
    this.imports = imports;
    this.json = json;
    this.views = new ImportJson(json);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(
        BASE,
        ctx ->
            ctx.status(201)
                .json(
                    views.details(
                        imports.create(ImportJson.request(body(ctx, ImportJson.CREATE_FIELDS))))));
    routes.get(BASE, ctx -> ctx.json(views.imports(imports.list())));
    routes.get(BASE + "/{id}", ctx -> ctx.json(views.details(imports.get(id(ctx, "id")))));
    routes.patch(
        BASE + "/{id}",
        ctx ->
            ctx.json(
                views.details(
                    imports.update(
                        id(ctx, "id"), ImportJson.change(body(ctx, ImportJson.CHANGE_FIELDS))))));
    routes.delete(
        BASE + "/{id}",
        ctx -> {
          imports.delete(id(ctx, "id"));
          ctx.status(204);
        });
    routes.post(
        BASE + "/{id}/runs",
        ctx -> {
          boolean reload =
              !ctx.body().isBlank() && ImportJson.reload(body(ctx, ImportJson.RUN_FIELDS));
          ctx.status(202).json(views.run(imports.startRun(id(ctx, "id"), reload)));
        });
    routes.get(BASE + "/{id}/runs", this::runs);
    routes.get(
        BASE + "/{id}/runs/{runId}",
        ctx -> ctx.json(views.run(imports.run(id(ctx, "id"), id(ctx, "runId")))));
    routes.get(BASE + "/{id}/rejects", this::rejects);
  }

  /** A page of runs, newest first; a Link header (RFC 8288) names the next, older page. */
  private void runs(Context ctx) {
    UUID id = id(ctx, "id");
    int limit = runLimit(ctx);
    Optional<UUID> before = runBefore(ctx);
    ImportService.RunPage page = imports.runs(id, before, limit);
    page.next()
        .ifPresent(
            next ->
                ctx.header(
                    "Link",
                    "<"
                        + BASE
                        + "/"
                        + id
                        + "/runs?limit="
                        + limit
                        + "&before="
                        + next
                        + ">; rel=\"next\""));
    ctx.json(views.runs(page.runs()));
  }

  private static int runLimit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null || raw.isBlank()) {
      return ImportService.DEFAULT_RUNS;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "limit '"
              + raw
              + "' is not a number: enter 1 to "
              + ImportService.MAX_RUNS
              + " runs a page (default "
              + ImportService.DEFAULT_RUNS
              + ")");
    }
  }

  private static Optional<UUID> runBefore(Context ctx) {
    String raw = ctx.queryParam("before");
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(raw.strip()));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "before '"
              + raw
              + "' is not a run id: pass the id of the last run of a page (the next link carries"
              + " it), or leave before out for the newest runs");
    }
  }

  private void rejects(Context ctx) {
    int limit =
        (int)
            Math.max(
                Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, number(ctx, "limit", ImportService.DEFAULT_REJECTS)));
    long after = number(ctx, "after", 0);
    ctx.json(views.rejects(imports.rejects(id(ctx, "id"), after, limit), limit));
  }

  private static long number(Context ctx, String param, long otherwise) {
    String raw = ctx.queryParam(param);
    if (raw == null || raw.isBlank()) {
      return otherwise;
    }
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          param
              + " '"
              + raw
              + "' is not a number: limit is the page size (1 to "
              + ImportService.MAX_REJECTS
              + "), after the id of the last reject of the previous page");
    }
  }

  private JsonNode body(Context ctx, Set<String> fields) {
    String text = ctx.body();
    JsonNode body = text.isBlank() ? null : RouteInput.json(json, text);
    if (body == null || !body.isObject()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body must be a JSON object with the fields " + new TreeSet<>(fields));
    }
    return body;
  }

  private static UUID id(Context ctx, String param) {
    return RouteInput.uuid(
        ctx,
        param,
        raw ->
            "no import or run with id '"
                + raw
                + "': ids are UUIDs, GET /api/v1/imports lists them");
  }
}
