package io.hivewire.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Reads the parts of a request the routes share, turning bad input into an {@link ApiException}.
 */
public final class RouteInput {

  private RouteInput() {}

  /**
   * The UUID in path parameter {@code param}; a malformed one answers 404 with {@code notFound}
   * applied to the raw value, since no resource can have that id.
   */
  public static UUID uuid(Context ctx, String param, UnaryOperator<String> notFound) {
    String raw = ctx.pathParam(param);
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.NOT_FOUND, notFound.apply(raw));
    }
  }

  /** The JSON tree of {@code text}, as Jackson reads it; malformed JSON answers 400. */
  public static JsonNode json(ObjectMapper json, String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
