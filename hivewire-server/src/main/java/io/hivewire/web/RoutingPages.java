package io.hivewire.web;

import io.hivewire.destination.StoredDestination;
import io.hivewire.destinations.DestinationService;
import io.hivewire.destinations.DestinationView;
import io.hivewire.errors.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Routing: the S3 Streaming destinations with their status and figures; pause and resume. */
final class RoutingPages {

  private final WebSupport web;
  private final DestinationService destinations;

  RoutingPages(WebSupport web, DestinationService destinations) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.destinations = Objects.requireNonNull(destinations, "destinations is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/routing", this::list);
    routes.post("/routing/{id}/pause", ctx -> pause(ctx, true));
    routes.post("/routing/{id}/resume", ctx -> pause(ctx, false));
  }

  private void list(Context ctx) {
    List<RoutingViews.Row> rows =
        destinations.list().stream().map(d -> row(destinations.get(d.id()))).toList();
    web.page(
        ctx,
        "routing.jte",
        WebSupport.chrome(ctx, "Routing", Chrome.Section.ROUTING),
        Map.of("rows", rows));
  }

  private void pause(Context ctx, boolean paused) {
    try {
      destinations.setPaused(UUID.fromString(ctx.pathParam("id")), paused);
    } catch (IllegalArgumentException | NotFoundException e) {
      ctx.status(HttpStatus.NOT_FOUND);
      web.page(
          ctx,
          "error.jte",
          WebSupport.chrome(ctx, "Not found", Chrome.Section.ROUTING),
          Map.of("heading", "Not found", "message", "No such destination: open it from Routing."));
      return;
    }
    ctx.redirect("/routing", HttpStatus.SEE_OTHER);
  }

  private static RoutingViews.Row row(DestinationView view) {
    StoredDestination d = view.destination();
    String status = d.status().name();
    return new RoutingViews.Row(
        d.id().toString(),
        d.spec().name(),
        "s3://" + d.spec().bucket() + "/" + d.spec().prefix().value(),
        d.spec().region().code(),
        status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT),
        "status-" + status.toLowerCase(Locale.ROOT),
        d.statusMessage().orElse(""),
        d.spec().flushInterval().toString(),
        view.freshnessLag().toSeconds() + " s",
        view.filesWritten(),
        ConnectionViews.size(view.bytesWritten()),
        view.lastKey().orElse("–"),
        view.lastError().orElse("none"),
        status.equals("PAUSED"));
  }
}
