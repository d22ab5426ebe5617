package io.hivewire.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a segment sent to {@code /api/v1/segments}: {@code {id?, code, name, description?, tags?,
 * state?}}; description defaults to empty, tags to none, state to {@code ACTIVE}.
 */
public final class AudienceSegmentInput {

  private static final Set<String> FIELDS =
      Set.of("id", "code", "name", "description", "tags", "state");

  private AudienceSegmentInput() {}

  /**
   * The segment in {@code body}, with {@code id} when the body has none; throws {@link
   * InvalidAudienceSegmentException} listing every problem by field.
   */
  public static AudienceSegment parse(JsonNode body, UUID id) {
    if (body == null || !body.isObject()) {
      throw new InvalidAudienceSegmentException(
          List.of(
              new InvalidAudienceSegmentException.Problem(
                  "body", "the body must be a JSON object {\"code\", \"name\", ...}")));
    }
    List<InvalidAudienceSegmentException.Problem> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        problems.add(
            problem(
                field.getKey(),
                "unknown field '" + field.getKey() + "': the fields are " + FIELDS));
      }
    }
    UUID segmentId = id;
    JsonNode idNode = body.get("id");
    if (idNode != null && !idNode.isNull()) {
      Optional<UUID> parsed =
          idNode.isTextual() ? Uuids.parse(idNode.textValue()) : Optional.empty();
      if (parsed.isEmpty()) {
        problems.add(
            problem("id", "id " + idNode + " is not a UUID: leave it out to have one assigned"));
      } else if (!parsed.get().equals(id)) {
        problems.add(problem("id", "id " + idNode + " does not match the segment's id " + id));
      }
    }
    JsonNode code = body.get("code");
    if (code == null || !code.isIntegralNumber() || !code.canConvertToLong()) {
      problems.add(problem("code", "code must be an integer: the number events carry in segments"));
    }
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual() || name.textValue().isBlank()) {
      problems.add(problem("name", "name is required: a non-empty string"));
    }
    String description = "";
    JsonNode descriptionNode = body.get("description");
    if (descriptionNode != null && !descriptionNode.isNull()) {
      if (descriptionNode.isTextual()) {
        description = descriptionNode.textValue();
      } else {
        problems.add(problem("description", "description must be a string"));
      }
    }
    List<String> tags = new ArrayList<>();
    JsonNode tagsNode = body.get("tags");
    if (tagsNode != null && !tagsNode.isNull()) {
      if (!tagsNode.isArray()) {
        problems.add(problem("tags", "tags must be an array of strings"));
      } else {
        for (int i = 0; i < tagsNode.size(); i++) {
          if (tagsNode.get(i).isTextual()) {
            tags.add(tagsNode.get(i).textValue());
          } else {
            problems.add(
                problem("tags", "tags[" + i + "] is " + tagsNode.get(i) + ": tags are strings"));
          }
        }
      }
    }
    AudienceSegmentState state = AudienceSegmentState.ACTIVE;
    JsonNode stateNode = body.get("state");
    if (stateNode != null && !stateNode.isNull()) {
      try {
        state = AudienceSegmentState.parse(stateNode.asText());
      } catch (IllegalArgumentException e) {
        problems.add(problem("state", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidAudienceSegmentException(problems);
    }
    return new AudienceSegment(
        segmentId, code.longValue(), name.textValue(), description, tags, state);
  }

  private static InvalidAudienceSegmentException.Problem problem(String field, String message) {
    return new InvalidAudienceSegmentException.Problem(field, message);
  }
}
