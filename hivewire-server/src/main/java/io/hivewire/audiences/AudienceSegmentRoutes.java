package io.hivewire.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.collect.AudienceSegment;
import io.hivewire.collect.AudienceSegmentInput;
import io.hivewire.collect.InvalidAudienceSegmentException;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.EventLogFull;
import io.hivewire.http.RouteInput;
import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /api/v1/segments}: list, read, create, replace and delete segment metadata. */
public final class AudienceSegmentRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/segments";

  private final AudienceSegmentService segments;
  private final ObjectMapper json;
  private final Supplier<UUID> newIds;
  private final EventLogFull full;

  /** {@code full} answers when the event log has no room for a segment change. */
  public AudienceSegmentRoutes(
      AudienceSegmentService segments,
      ObjectMapper json,
      Supplier<UUID> newIds,
      EventLogFull full) {
    this.segments = Objects.requireNonNull(segments, "segments is null");
    this.json = Objects.requireNonNull(json, "json is null");
    this.newIds = Objects.requireNonNull(newIds, "newIds is null");
    this.full = Objects.requireNonNull(full, "full is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(
        BASE, ctx -> ctx.json(segments.list().stream().map(AudienceSegmentRoutes::view).toList()));
    routes.get(BASE + "/{id}", ctx -> ctx.json(view(segments.get(id(ctx)))));
    routes.post(BASE, ctx -> ctx.status(201).json(view(save(ctx, newIdUnlessGiven(ctx)))));
    routes.put(BASE + "/{id}", ctx -> ctx.json(view(save(ctx, id(ctx)))));
    routes.delete(
        BASE + "/{id}",
        ctx -> {
          retryable(
              () -> {
                segments.delete(id(ctx));
                return null;
              });
          ctx.status(204);
        });
  }

  private AudienceSegment save(Context ctx, UUID id) {
    AudienceSegment segment;
    try {
      segment = AudienceSegmentInput.parse(body(ctx), id);
    } catch (InvalidAudienceSegmentException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, e.getMessage());
    }
    return retryable(() -> segments.save(segment));
  }

  private UUID newIdUnlessGiven(Context ctx) {
    JsonNode given = body(ctx).get("id");
    if (given != null && given.isTextual()) {
      try {
        return UUID.fromString(given.textValue());
      } catch (IllegalArgumentException e) {
        // SegmentInput reports the malformed id with the other problems.
      }
    }
    return newIds.get();
  }

  private JsonNode body(Context ctx) {
    return RouteInput.json(json, ctx.body());
  }

  private <T> T retryable(Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (LogFullException e) {
      throw full.refuse(e);
    } catch (LogUnavailableException e) {
      throw full.refuse(e);
    }
    full.appended();
    return result;
  }

  private static Map<String, Object> view(AudienceSegment s) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id().toString());
    view.put("code", s.code());
    view.put("name", s.name());
    view.put("description", s.description());
    view.put("tags", s.tags());
    view.put("state", s.state().name());
    return view;
  }

  private static UUID id(Context ctx) {
    return RouteInput.uuid(
        ctx,
        "id",
        raw -> "no segment with id '" + raw + "': ids are UUIDs, GET /api/v1/segments lists them");
  }
}
