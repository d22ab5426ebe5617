package io.hivewire.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.destination.StoredDestination;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.RouteInput;
import io.hivewire.routing.RoutingHistory;
import io.hivewire.s3.Encryption;
import io.hivewire.secrets.AccessKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /api/v1/routing}: create, list, read, rotate/pause/resume and delete destinations, and
 * each destination's last hour minute by minute.
 */
public final class RoutingRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/routing";
  private static final Duration DELETE_FLUSH_TIMEOUT = Duration.ofMinutes(1);

  private final DestinationService destinations;
  private final ObjectMapper json;

  public RoutingRoutes(DestinationService destinations, ObjectMapper json) {
    this.destinations = Objects.requireNonNull(destinations, "destinations is null");
    this.json = Objects.requireNonNull(json, "json is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(
        BASE,
        ctx -> {
          StoredDestination created = destinations.create(DestinationRequestJson.parse(body(ctx)));
          ctx.status(202).json(view(destinations.get(created.id())));
        });
    routes.get(
        BASE,
        ctx ->
            ctx.json(
                destinations.list().stream().map(d -> view(destinations.get(d.id()))).toList()));
    routes.get(BASE + "/{id}", ctx -> ctx.json(view(destinations.get(id(ctx)))));
    routes.get(
        BASE + "/{id}/history",
        ctx -> {
          UUID id = id(ctx);
          ctx.json(history(id, destinations.history(id)));
        });
    routes.patch(BASE + "/{id}", this::patch);
    routes.delete(
        BASE + "/{id}",
        ctx -> {
          destinations.delete(id(ctx), DELETE_FLUSH_TIMEOUT);
          ctx.status(204);
        });
  }

  private void patch(Context ctx) {
    JsonNode body = body(ctx);
    UUID id = id(ctx);
    if (body.has("accessKeyId") || body.has("secretAccessKey")) {
      AccessKey key =
          new AccessKey(
              DestinationRequestJson.text(body, "accessKeyId"),
              DestinationRequestJson.text(body, "secretAccessKey"));
      ctx.status(202).json(view(destinations.rotate(id, key)));
      return;
    }
    String status = body.path("status").asText("");
    switch (status) {
      case "PAUSED" -> ctx.json(view(destinations.setPaused(id, true)));
      case "ACTIVE" -> ctx.status(202).json(view(destinations.setPaused(id, false)));
      default ->
          throw new ApiException(
              ErrorCode.INVALID_REQUEST,
              "nothing to change: send {\"accessKeyId\", \"secretAccessKey\"} to rotate the"
                  + " credentials, {\"status\": \"PAUSED\"} to pause or {\"status\": \"ACTIVE\"}"
                  + " to resume");
    }
  }

  private JsonNode body(Context ctx) {
    JsonNode body = RouteInput.json(json, ctx.body());
    if (body == null || !body.isObject()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object");
    }
    return body;
  }

  private static Map<String, Object> view(DestinationView v) {
    StoredDestination d = v.destination();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", d.id().toString());
    view.put("name", d.spec().name());
    view.put("mode", "STREAMING");
    view.put("bucket", d.spec().bucket().value());
    view.put("region", d.spec().region().code());
    view.put("prefix", d.spec().prefix().value());
    view.put("endpoint", d.spec().endpoint().map(Object::toString).orElse(null));
    view.put("encryption", encryption(d.spec().encryption()));
    view.put("flushInterval", d.spec().flushInterval().toString());
    view.put("accessKeyId", d.maskedAccessKeyId());
    view.put("status", d.status().name());
    view.put("statusMessage", d.statusMessage().orElse(null));
    view.put("statusChangedAt", d.statusChangedAt().toString());
    view.put("freshnessLagSeconds", v.freshnessLag().toMillis() / 1000.0);
    view.put("filesWritten", v.filesWritten());
    view.put("bytesWritten", v.bytesWritten());
    view.put("lastKey", v.lastKey().orElse(null));
    view.put("lastKeyAt", v.lastKeyAt().map(Object::toString).orElse(null));
    view.put("lastError", v.lastError().orElse(null));
    view.put("lastErrorAt", v.lastErrorAt().map(Object::toString).orElse(null));
    return view;
  }

  private static Map<String, Object> history(UUID id, RoutingHistory.Snapshot history) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id.toString());
    view.put("since", history.since().toString());
    view.put("recordsWritten", history.recordsWritten());
    Map<String, Object> byType = new LinkedHashMap<>();
    history.filesByType().forEach((type, files) -> byType.put(type.wireName(), files));
    view.put("filesByType", byType);
    view.put(
        "minutes",
        history.minutes().stream()
            .map(
                m -> {
                  Map<String, Object> minute = new LinkedHashMap<>();
                  minute.put("start", m.start().toString());
                  minute.put("recordsWritten", m.records());
                  minute.put("filesWritten", m.files());
                  minute.put("bytesWritten", m.bytes());
                  minute.put(
                      "freshnessLagSeconds",
                      m.freshnessLag().map(lag -> lag.toMillis() / 1000.0).orElse(null));
                  return minute;
                })
            .toList());
    return view;
  }

  private static Map<String, Object> encryption(Encryption encryption) {
    Map<String, Object> view = new LinkedHashMap<>();
    switch (encryption) {
      case Encryption.None n -> view.put("type", "NONE");
      case Encryption.S3Managed m -> view.put("type", "AES256");
      case Encryption.Kms k -> {
        view.put("type", "KMS");
        view.put("kmsKeyId", k.keyId());
      }
      case Encryption.Unknown u -> {
        view.put("type", "UNKNOWN");
        view.put("stored", u.stored());
      }
    }
    return view;
  }

  private static UUID id(Context ctx) {
    return RouteInput.uuid(
        ctx,
        "id",
        raw -> "no routing destination with id '" + raw + "': GET /api/v1/routing lists them");
  }
}
