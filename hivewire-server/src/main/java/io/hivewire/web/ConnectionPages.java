package io.hivewire.web;

import io.hivewire.connections.ConnectionDetails;
import io.hivewire.connections.ConnectionRequest;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.DiscoveryView;
import io.hivewire.connections.PolicyService;
import io.hivewire.connections.TablePreview;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotConfiguredException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.imports.ImportService;
import io.hivewire.s3.AwsRegions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Connections: the list, the new-connection form with its bucket policy, a connection's page. */
final class ConnectionPages {

  private static final int PREVIEW_ROWS = 20;

  private final WebSupport web;
  private final ConnectionService connections;
  private final PolicyService policies;
  private final ImportService imports;

  ConnectionPages(
      WebSupport web,
      ConnectionService connections,
      PolicyService policies,
      ImportService imports) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.policies = Objects.requireNonNull(policies, "policies is null");
    this.imports = Objects.requireNonNull(imports, "imports is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/connections", this::list);
    routes.get("/connections/rows", this::rows);
    routes.get("/connections/new", ctx -> form(ctx, ConnectionForm.empty(), HttpStatus.OK));
    routes.get("/connections/new/policy", this::policy);
    routes.post("/connections", this::create);
    routes.get("/connections/{id}", found(this::detail));
    routes.get("/connections/{id}/live", found(this::live));
    routes.post("/connections/{id}/resync", found(this::resync));
    routes.post("/connections/{id}/deactivate", found(ctx -> status(ctx, "INACTIVE")));
    routes.post("/connections/{id}/activate", found(ctx -> status(ctx, "ACTIVE")));
    routes.get("/connections/{id}/delete", found(this::confirmDelete));
    routes.post("/connections/{id}/delete", found(this::delete));
    routes.get("/connections/{id}/tables/{table}", found(this::preview));
  }

  private Handler found(Handler handler) {
    return web.notFoundAsPage(Chrome.Section.CONNECTIONS, handler);
  }

  private void list(Context ctx) {
    List<ConnectionViews.Row> rows = rows();
    web.page(
        ctx,
        "connections.jte",
        WebSupport.chrome(ctx, "Connections", Chrome.Section.CONNECTIONS),
        Map.of("rows", rows, "busy", busy(rows)));
  }

  private void rows(Context ctx) {
    List<ConnectionViews.Row> rows = rows();
    web.fragment(ctx, "connection-rows.jte", Map.of("rows", rows, "busy", busy(rows)));
  }

  private List<ConnectionViews.Row> rows() {
    return connections.list().stream().map(ConnectionViews::row).toList();
  }

  private static boolean busy(List<ConnectionViews.Row> rows) {
    return rows.stream().anyMatch(r -> r.status().label().equals("Processing"));
  }

  private void form(Context ctx, ConnectionForm form, HttpStatus status) {
    ctx.status(status);
    web.page(
        ctx,
        "connection-new.jte",
        WebSupport.chrome(ctx, "New Amazon S3 connection", Chrome.Section.CATALOG),
        Map.of(
            "form",
            form,
            "regions",
            AwsRegions.commercial(),
            "policy",
            policyFor(form.value("bucket"))));
  }

  private void policy(Context ctx) {
    web.fragment(
        ctx,
        "policy.jte",
        Map.of("policy", policyFor(Optional.ofNullable(ctx.queryParam("bucket")).orElse(""))));
  }

  private PolicyPanel policyFor(String bucket) {
    if (bucket.isBlank()) {
      return PolicyPanel.waiting();
    }
    try {
      return PolicyPanel.of(policies.policyFor(Optional.of(bucket.strip())));
    } catch (InvalidInputException | NotConfiguredException e) {
      return PolicyPanel.problem(e.getMessage());
    }
  }

  private void create(Context ctx) {
    ConnectionForm form = ConnectionForm.from(ctx::formParam);
    ConnectionDetails created;
    try {
      created =
          connections.create(
              new ConnectionRequest(
                  form.present("name"),
                  form.present("region"),
                  form.present("bucket"),
                  form.present("schemaPrefix"),
                  form.present("dataFormat"),
                  form.present("partitioning"),
                  form.present("endpoint")));
    } catch (InvalidInputException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      e.parts().forEach(part -> errors.put(part.field(), part.getMessage()));
      form(ctx, form.withErrors(errors, Optional.empty()), HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    } catch (BusyException e) {
      form(
          ctx,
          form.withErrors(Map.of(), Optional.of(e.getMessage())),
          HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    ctx.redirect("/connections/" + created.connection().id(), HttpStatus.SEE_OTHER);
  }

  private void detail(Context ctx) {
    showDetail(ctx, id(ctx), Optional.empty(), HttpStatus.OK);
  }

  private void showDetail(Context ctx, UUID id, Optional<String> notice, HttpStatus status) {
    ConnectionViews.Detail detail = detail(id);
    ctx.status(status);
    web.page(
        ctx,
        "connection.jte",
        WebSupport.chrome(ctx, detail.row().name(), Chrome.Section.CONNECTIONS),
        Map.of("c", detail, "notice", notice));
  }

  private void live(Context ctx) {
    web.fragment(
        ctx,
        "connection-live.jte",
        Map.of("c", detail(id(ctx)), "csrf", WebSupport.signedIn(ctx).csrfToken()));
  }

  private ConnectionViews.Detail detail(UUID id) {
    ConnectionDetails details = connections.get(id);
    Optional<DiscoveryView> discovery = Optional.empty();
    if (details.discoveredAt().isPresent()) {
      try {
        discovery = Optional.of(connections.tables(id));
      } catch (ConflictException e) {
        // Deleted or not yet discovered between the two reads: the page shows no tables.
      }
    }
    return ConnectionViews.detail(details, discovery);
  }

  private void resync(Context ctx) {
    UUID id = id(ctx);
    try {
      connections.resync(id);
    } catch (ConflictException | BusyException e) {
      showDetail(ctx, id, Optional.of(e.getMessage()), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/connections/" + id, HttpStatus.SEE_OTHER);
  }

  private void status(Context ctx, String status) {
    UUID id = id(ctx);
    try {
      connections.update(id, Optional.empty(), Optional.of(status));
    } catch (ConflictException | BusyException e) {
      showDetail(ctx, id, Optional.of(e.getMessage()), HttpStatus.CONFLICT);
      return;
    }
    ctx.redirect("/connections/" + id, HttpStatus.SEE_OTHER);
  }

  private void confirmDelete(Context ctx) {
    UUID id = id(ctx);
    ConnectionDetails details = connections.get(id);
    List<String> importNames =
        imports.list().stream()
            .filter(i -> i.stored().definition().connectionId().equals(id))
            .map(i -> i.stored().definition().name())
            .toList();
    web.page(
        ctx,
        "connection-delete.jte",
        WebSupport.chrome(
            ctx, "Delete " + details.connection().spec().name(), Chrome.Section.CONNECTIONS),
        Map.of("c", ConnectionViews.row(details), "imports", importNames));
  }

  private void delete(Context ctx) {
    connections.delete(id(ctx));
    ctx.redirect("/connections", HttpStatus.SEE_OTHER);
  }

  private void preview(Context ctx) {
    UUID id = id(ctx);
    String table = ctx.pathParam("table");
    ConnectionDetails details = connections.get(id);
    Optional<TablePreview> preview = Optional.empty();
    Optional<String> problem = Optional.empty();
    try {
      preview = Optional.of(connections.preview(id, table, PREVIEW_ROWS));
    } catch (ConflictException e) {
      problem = Optional.of(e.getMessage());
    }
    web.page(
        ctx,
        "preview.jte",
        WebSupport.chrome(ctx, "Preview of " + table, Chrome.Section.CONNECTIONS),
        Map.of(
            "c",
            ConnectionViews.row(details),
            "table",
            table,
            "preview",
            preview.map(PreviewView::of),
            "problem",
            problem));
  }

  private static UUID id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(
          "no connection with id '" + raw + "': open it from the Connections page");
    }
  }
}
