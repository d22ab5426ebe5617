package io.hivewire.web;

import io.hivewire.destination.DestinationSpec;
import io.hivewire.destination.ProbeResult;
import io.hivewire.destination.SetupStatus;
import io.hivewire.destination.StoredDestination;
import io.hivewire.destinations.DestinationInput;
import io.hivewire.destinations.DestinationService;
import io.hivewire.destinations.DestinationView;
import io.hivewire.errors.NotFoundException;
import io.hivewire.routing.RoutingHistory;
import io.hivewire.s3.AwsRegions;
import io.hivewire.s3.Encryption;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Routing: the S3 Streaming destinations with their status and figures, the set-up form, and a
 * destination's page with its probe, live figures and last hour; pause, resume and delete.
 */
final class RoutingPages {

  /** As long as the API's delete waits for a destination's open files to reach its bucket. */
  private static final Duration DELETE_FLUSH_TIMEOUT = Duration.ofMinutes(1);

  /** Minutes listed beside the chart: the chart and the API have the whole hour. */
  private static final int LATEST_MINUTES = 5;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final WebSupport web;
  private final DestinationService destinations;

  RoutingPages(WebSupport web, DestinationService destinations) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.destinations = Objects.requireNonNull(destinations, "destinations is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/routing", this::list);
    routes.get("/routing/new", ctx -> form(ctx, RoutingForm.empty(), HttpStatus.OK));
    routes.post("/routing", this::create);
    routes.post("/routing/{id}/pause", found(ctx -> pause(ctx, true, "/routing")));
    routes.post("/routing/{id}/resume", found(ctx -> pause(ctx, false, "/routing")));
    routes.get("/routing/destinations/{id}", found(this::detail));
    routes.get("/routing/destinations/{id}/live", found(this::live));
    routes.post("/routing/destinations/{id}/pause", found(ctx -> pause(ctx, true, page(id(ctx)))));
    routes.post(
        "/routing/destinations/{id}/resume", found(ctx -> pause(ctx, false, page(id(ctx)))));
    routes.get("/routing/destinations/{id}/delete", found(this::confirmDelete));
    routes.post("/routing/destinations/{id}/delete", found(this::delete));
  }

  private Handler found(Handler handler) {
    return web.notFoundAsPage(Chrome.Section.ROUTING, handler);
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

  private void form(Context ctx, RoutingForm form, HttpStatus status) {
    ctx.status(status);
    web.page(
        ctx,
        "routing-new.jte",
        WebSupport.chrome(ctx, "New S3 Streaming destination", Chrome.Section.ROUTING),
        Map.of(
            "form",
            form,
            "regions",
            AwsRegions.commercial(),
            "encryptions",
            RoutingForm.ENCRYPTIONS));
  }

  private void create(Context ctx) {
    RoutingForm form = RoutingForm.from(ctx::formParam);
    DestinationInput input = form.input();
    List<DestinationInput.FieldError> problems = input.validate();
    if (!problems.isEmpty()) {
      form(ctx, form.withErrors(problems), HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    }
    StoredDestination created = destinations.create(input.request());
    ctx.redirect(page(created.id()), HttpStatus.SEE_OTHER);
  }

  private void detail(Context ctx) {
    RoutingViews.Detail detail = detail(id(ctx));
    web.page(
        ctx,
        "routing-destination.jte",
        WebSupport.chrome(ctx, detail.row().name(), Chrome.Section.ROUTING),
        Map.of("d", detail));
  }

  private void live(Context ctx) {
    web.fragment(
        ctx,
        "routing-live.jte",
        Map.of("d", detail(id(ctx)), "csrf", WebSupport.signedIn(ctx).csrfToken()));
  }

  private void pause(Context ctx, boolean paused, String back) {
    destinations.setPaused(id(ctx), paused);
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void confirmDelete(Context ctx) {
    RoutingViews.Row row = row(destinations.get(id(ctx)));
    web.page(
        ctx,
        "routing-delete.jte",
        WebSupport.chrome(ctx, "Delete " + row.name(), Chrome.Section.ROUTING),
        Map.of("d", row));
  }

  private void delete(Context ctx) throws InterruptedException {
    destinations.delete(id(ctx), DELETE_FLUSH_TIMEOUT);
    ctx.redirect("/routing", HttpStatus.SEE_OTHER);
  }

  private RoutingViews.Detail detail(UUID id) {
    DestinationView view = destinations.get(id);
    RoutingHistory.Snapshot history = destinations.history(id);
    StoredDestination d = view.destination();
    DestinationSpec spec = d.spec();
    return new RoutingViews.Detail(
        row(view),
        encryption(spec.encryption()),
        spec.endpoint().map(Object::toString),
        d.maskedAccessKeyId(),
        TIME.format(d.statusChangedAt()),
        probe(d, destinations.lastProbe(id)),
        history.recordsWritten(),
        history.filesByType().entrySet().stream()
            .map(e -> new RoutingViews.TypeFiles(e.getKey().wireName(), e.getValue()))
            .toList(),
        TIME.format(history.since()),
        view.lastKeyAt().map(TIME::format).orElse("–"),
        RoutingChart.of(history),
        history.minutes().reversed().stream()
            .filter(m -> m.records() > 0 || m.freshnessLag().isPresent())
            .limit(LATEST_MINUTES)
            .map(
                m ->
                    new RoutingViews.MinuteRow(
                        MINUTE.format(m.start()),
                        m.records(),
                        m.files(),
                        m.freshnessLag().map(RoutingChart::seconds).orElse("–")))
            .toList());
  }

  /** The probe in words: running now, its outcome in this server, or what the status implies. */
  private static RoutingViews.Probe probe(StoredDestination d, Optional<ProbeResult> last) {
    if (d.status() == SetupStatus.PROCESSING) {
      return new RoutingViews.Probe(
          "Checking",
          "Checking that the access key can write, read, list and delete a probe object under"
              + " the prefix…",
          Optional.empty());
    }
    if (last.isPresent() && last.get() instanceof ProbeResult.Failed failed) {
      return new RoutingViews.Probe(
          "Failed",
          failed.message(),
          failed.permission().contains(":") ? Optional.of(failed.permission()) : Optional.empty());
    }
    if (last.isPresent() || d.status() == SetupStatus.ACTIVE) {
      return new RoutingViews.Probe(
          "Passed",
          "The access key wrote, read, listed and deleted a probe object under the prefix"
              + " (s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject).",
          Optional.empty());
    }
    if (d.status() == SetupStatus.FAILED) {
      return new RoutingViews.Probe(
          "Failed", d.statusMessage().orElse("the bucket refused the probe"), Optional.empty());
    }
    return new RoutingViews.Probe(
        "Not run",
        "The destination is paused: resuming it probes the bucket again.",
        Optional.empty());
  }

  private static String encryption(Encryption encryption) {
    return switch (encryption) {
      case Encryption.None n -> "None";
      case Encryption.S3Managed m -> "SSE-S3 (AES-256)";
      case Encryption.Kms k -> "SSE-KMS with key " + k.keyId();
      case Encryption.Unknown u -> "Unknown (" + u.stored() + ")";
    };
  }

  private static String page(UUID id) {
    return "/routing/destinations/" + id;
  }

  private static UUID id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(
          "no routing destination with id '" + raw + "': open it from the Routing page");
    }
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
