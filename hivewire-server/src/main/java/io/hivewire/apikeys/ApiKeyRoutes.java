package io.hivewire.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.RouteInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /api/v1/api-keys} (admin keys only): issue a key, shown once in the response; list keys
 * without them, with when each was last used; revoke one.
 */
public final class ApiKeyRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/api-keys";

  private final ApiKeys keys;
  private final ObjectMapper json;

  public ApiKeyRoutes(ApiKeys keys, ObjectMapper json) {
    this.keys = Objects.requireNonNull(keys, "keys is null");
    this.json = Objects.requireNonNull(json, "json is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE, this::issue);
    routes.get(BASE, ctx -> ctx.json(keys.list().stream().map(ApiKeyRoutes::view).toList()));
    routes.delete(
        BASE + "/{id}",
        ctx -> {
          keys.revoke(id(ctx));
          ctx.status(204);
        });
  }

  private void issue(Context ctx) {
    JsonNode body = RouteInput.json(json, ctx.body());
    if (body == null || !body.isObject()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body must be a JSON object such as {\"name\": \"web tracker\", \"scope\":"
              + " \"ingest\"}");
    }
    ApiKeys.IssuedKey issued =
        keys.issue(text(body, "name"), body.path("scope").asText(ApiKeys.INGEST_SCOPE));
    Map<String, Object> view = view(issued.stored());
    view.put("key", issued.key());
    ctx.status(201).json(view);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static Map<String, Object> view(StoredApiKey key) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", key.id().toString());
    view.put("name", key.name());
    view.put(
        "scope",
        key.scopes().contains(ApiKeys.ADMIN_SCOPE) ? ApiKeys.ADMIN_SCOPE : key.scopes().getFirst());
    view.put("createdAt", key.createdAt().toString());
    view.put("lastUsedAt", key.lastUsedAt().map(Object::toString).orElse(null));
    return view;
  }

  private static UUID id(Context ctx) {
    return RouteInput.uuid(
        ctx, "id", raw -> "no API key with id '" + raw + "': GET " + BASE + " lists them");
  }
}
