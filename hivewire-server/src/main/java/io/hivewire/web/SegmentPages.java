package io.hivewire.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.audiences.AudienceSegmentService;
import io.hivewire.collect.AudienceSegment;
import io.hivewire.collect.AudienceSegmentInput;
import io.hivewire.collect.AudienceSegmentState;
import io.hivewire.collect.InvalidAudienceSegmentException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.routing.log.LogFullException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Routing › Segments: the audience segments listed, created, edited and deleted through the same
 * service and the same input rules as {@code /api/v1/segments}.
 */
final class SegmentPages {

  private static final String BASE = "/routing/segments";

  private final WebSupport web;
  private final AudienceSegmentService segments;

  SegmentPages(WebSupport web, AudienceSegmentService segments) {
    this.web = Objects.requireNonNull(web, "web is null");
    this.segments = Objects.requireNonNull(segments, "segments is null");
  }

  void register(RoutesConfig routes) {
    routes.get(BASE, this::list);
    routes.get(BASE + "/new", ctx -> form(ctx, newForm(), HttpStatus.OK));
    routes.post(BASE, ctx -> save(ctx, Optional.empty()));
    routes.get(BASE + "/{id}", ctx -> form(ctx, formOf(segments.get(id(ctx))), HttpStatus.OK));
    routes.post(BASE + "/{id}", ctx -> save(ctx, Optional.of(id(ctx))));
    routes.get(BASE + "/{id}/delete", this::confirmDelete);
    routes.post(BASE + "/{id}/delete", this::delete);
  }

  private void list(Context ctx) {
    List<SegmentViews.Row> rows = segments.list().stream().map(SegmentPages::row).toList();
    web.page(
        ctx,
        "segments.jte",
        WebSupport.chrome(ctx, "Segments", Chrome.Section.ROUTING),
        Map.of("rows", rows));
  }

  private void form(Context ctx, SegmentViews.Form form, HttpStatus status) {
    ctx.status(status);
    String title = form.id().isPresent() ? "Edit segment" : "New segment";
    web.page(
        ctx,
        "segment-form.jte",
        WebSupport.chrome(ctx, title, Chrome.Section.ROUTING),
        Map.of(
            "form",
            form,
            "states",
            Arrays.stream(AudienceSegmentState.values())
                .map(s -> new SegmentViews.Choice(s.name(), words(s)))
                .toList()));
  }

  /**
   * Reads the form as the API reads its body, so that both refuse the same input in the same words.
   */
  private void save(Context ctx, Optional<UUID> existing) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : SegmentViews.Form.FIELDS) {
      values.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
    }
    SegmentViews.Form typed =
        new SegmentViews.Form(existing.map(UUID::toString), values, Map.of(), Optional.empty());
    UUID id = existing.orElseGet(UUID::randomUUID);
    AudienceSegment segment;
    try {
      segment = AudienceSegmentInput.parse(body(values), id);
    } catch (InvalidAudienceSegmentException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      Optional<String> general = Optional.empty();
      for (InvalidAudienceSegmentException.Problem p : e.problems()) {
        if (SegmentViews.Form.FIELDS.contains(p.field())) {
          errors.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
        } else {
          general = Optional.of(p.message());
        }
      }
      form(ctx, withErrors(typed, errors, general), HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    }
    try {
      segments.save(segment);
    } catch (ConflictException e) {
      form(
          ctx,
          withErrors(typed, Map.of("code", e.getMessage()), Optional.empty()),
          HttpStatus.CONFLICT);
      return;
    } catch (LogFullException e) {
      form(
          ctx, withErrors(typed, Map.of(), Optional.of(logFull())), HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    ctx.redirect(BASE, HttpStatus.SEE_OTHER);
  }

  private void confirmDelete(Context ctx) {
    AudienceSegment segment = segments.get(id(ctx));
    web.page(
        ctx,
        "segment-delete.jte",
        WebSupport.chrome(ctx, "Delete segment", Chrome.Section.ROUTING),
        Map.of("s", row(segment), "problem", Optional.empty()));
  }

  private void delete(Context ctx) {
    UUID id = id(ctx);
    try {
      segments.delete(id);
    } catch (LogFullException e) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      web.page(
          ctx,
          "segment-delete.jte",
          WebSupport.chrome(ctx, "Delete segment", Chrome.Section.ROUTING),
          Map.of("s", row(segments.get(id)), "problem", Optional.of(logFull())));
      return;
    }
    ctx.redirect(BASE, HttpStatus.SEE_OTHER);
  }

  /** The form's values as the API's JSON body: numbers as numbers, tags as a list. */
  private static ObjectNode body(Map<String, String> values) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode body = nodes.objectNode();
    String code = values.get("code").strip();
    if (!code.isEmpty()) {
      try {
        body.put("code", Long.parseLong(code));
      } catch (NumberFormatException e) {
        // Sent as typed, so that the API's own rule refuses it in the API's words.
        body.put("code", code);
      }
    }
    body.put("name", values.get("name").strip());
    body.put("description", values.get("description").strip());
    ArrayNode tags = body.putArray("tags");
    Arrays.stream(values.get("tags").split(","))
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .forEach(tags::add);
    if (!values.get("state").isBlank()) {
      body.put("state", values.get("state"));
    }
    return body;
  }

  private static SegmentViews.Form newForm() {
    return new SegmentViews.Form(
        Optional.empty(),
        Map.of("state", AudienceSegmentState.ACTIVE.name()),
        Map.of(),
        Optional.empty());
  }

  private static SegmentViews.Form formOf(AudienceSegment s) {
    return new SegmentViews.Form(
        Optional.of(s.id().toString()),
        Map.of(
            "code",
            Long.toString(s.code()),
            "name",
            s.name(),
            "description",
            s.description(),
            "tags",
            String.join(", ", s.tags()),
            "state",
            s.state().name()),
        Map.of(),
        Optional.empty());
  }

  private static SegmentViews.Form withErrors(
      SegmentViews.Form typed, Map<String, String> errors, Optional<String> general) {
    return new SegmentViews.Form(typed.id(), typed.values(), errors, general);
  }

  private static SegmentViews.Row row(AudienceSegment s) {
    return new SegmentViews.Row(
        s.id().toString(),
        s.code(),
        s.name(),
        s.description(),
        String.join(", ", s.tags()),
        words(s.state()));
  }

  private static String words(AudienceSegmentState state) {
    return state.name().charAt(0) + state.name().substring(1).toLowerCase(Locale.ROOT);
  }

  private static String logFull() {
    return "The event log is full, so nothing was changed: try again in a few seconds. If it"
        + " stays full, check on the Routing page why routing is behind.";
  }

  private static UUID id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("no segment with id '" + raw + "': open it from Segments");
    }
  }
}
