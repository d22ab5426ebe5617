package io.hivewire.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A request's JSON object, with string fields read by name and unknown fields rejected. */
public final class JsonBody {

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  public static JsonBody read(Context ctx, ObjectMapper json, Set<String> allowed) {
    String text = ctx.body();
    JsonNode root;
    try {
      root = text.isBlank() ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body is not valid JSON ("
              + e.getOriginalMessage()
              + "): send a JSON object such as {\"name\": \"…\"}");
    }
    if (root == null || !root.isObject()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "the request body must be a JSON object with the fields " + new TreeSet<>(allowed));
    }
    for (var field : root.properties()) {
      if (!allowed.contains(field.getKey())) {
        throw new ApiException(
            ErrorCode.INVALID_REQUEST,
            "unknown field '"
                + field.getKey()
                + "': the fields are "
                + new TreeSet<>(allowed)
                + " (names are case-sensitive)");
      }
    }
    return new JsonBody(root);
  }

  /** The field as text; empty when absent or null. */
  public Optional<String> text(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          field
              + " must be a JSON string, got "
              + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return Optional.of(node.asText());
  }
}
