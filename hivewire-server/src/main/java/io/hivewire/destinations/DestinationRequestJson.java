package io.hivewire.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivewire.http.ApiException;
import io.hivewire.http.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the body of {@code POST /api/v1/routing} into a {@link DestinationInput}; answers its first
 * problem, which names its field and the fix.
 */
final class DestinationRequestJson {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "mode",
          "bucket",
          "region",
          "prefix",
          "accessKeyId",
          "secretAccessKey",
          "encryption",
          "endpoint",
          "flushInterval");

  private DestinationRequestJson() {}

  static DestinationRequest parse(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw invalid(
            "unknown field '" + field.getKey() + "': the fields are " + new TreeSet<>(FIELDS));
      }
    }
    JsonNode encryption = body.get("encryption");
    boolean hasEncryption = encryption != null && !encryption.isNull();
    DestinationInput input =
        new DestinationInput(
            optionalText(body, "name"),
            optionalText(body, "mode"),
            optionalText(body, "bucket"),
            optionalText(body, "region"),
            optionalText(body, "prefix"),
            optionalText(body, "endpoint"),
            hasEncryption ? Optional.of(encryption.path("type").asText("NONE")) : Optional.empty(),
            hasEncryption ? Optional.of(encryption.path("kmsKeyId").asText("")) : Optional.empty(),
            optionalText(body, "flushInterval"),
            optionalText(body, "accessKeyId"),
            optionalText(body, "secretAccessKey"));
    List<DestinationInput.FieldError> problems = input.validate();
    if (!problems.isEmpty()) {
      throw invalid(problems.getFirst().message());
    }
    return input.request();
  }

  static String text(JsonNode body, String field) {
    return optionalText(body, field)
        .orElseThrow(() -> invalid(field + " is required: a non-empty string"));
  }

  private static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw invalid(field + " must be a non-empty string");
    }
    return Optional.of(node.textValue());
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }
}
