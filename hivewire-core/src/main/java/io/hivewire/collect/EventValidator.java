package io.hivewire.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks one event of the collection API against its rules and normalises it: the time to UTC
 * (receipt time when absent) and a new {@code event_id}. Collects every violation, not only the
 * first, so a sender can fix an event in one go.
 */
public final class EventValidator {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "user_id",
          "aliases",
          "session_id",
          "view_id",
          "segments",
          "cohorts",
          "properties",
          "time");

  private final Supplier<UUID> eventIds;
  private final PropertiesCheck propertiesCheck;

  /** {@code eventIds} gives each accepted event its id ({@code UUID::randomUUID} in production). */
  public EventValidator(EventLimits limits, ObjectMapper mapper, Supplier<UUID> eventIds) {
    this.eventIds = Objects.requireNonNull(eventIds, "eventIds is null");
    this.propertiesCheck = new PropertiesCheck(limits, mapper);
  }

  /** The source of the ids accepted events get. */
  Supplier<UUID> eventIds() {
    return eventIds;
  }

  /** Validates {@code node}, giving an event without {@code time} the receipt time. */
  public EventVerdict validate(JsonNode node, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt is null");
    if (!node.isObject()) {
      return new EventVerdict.Rejected(
          List.of(
              "an event must be a JSON object, not "
                  + node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    List<String> messages = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().equals("event_id")) {
        messages.add("event_id is set by hivewire: leave it out of the event");
      } else if (!FIELDS.contains(field.getKey())) {
        messages.add("unknown field '" + field.getKey() + "': put custom data under properties");
      }
    }
    String name = name(node.get("name"), messages);
    Optional<UUID> userId = userId(node.get("user_id"), messages);
    List<Alias> aliases = AliasesField.parse(node.get("aliases"), messages);
    if (node.get("user_id") == null && node.get("aliases") == null) {
      messages.add("an event needs user_id (a UUID) or aliases ([{tag, id, priority}])");
    }
    Optional<String> sessionId = optionalText(node.get("session_id"), "session_id", messages);
    Optional<String> viewId = optionalText(node.get("view_id"), "view_id", messages);
    List<Long> segments = segments(node.get("segments"), messages);
    List<String> cohorts = cohorts(node.get("cohorts"), messages);
    ObjectNode properties = properties(node.get("properties"), messages);
    Instant time = EventTime.parse(node.get("time"), receivedAt, messages);
    if (!messages.isEmpty()) {
      return new EventVerdict.Rejected(messages);
    }
    return new EventVerdict.Accepted(
        new CollectedEvent(
            eventIds.get(),
            name,
            userId,
            aliases,
            sessionId,
            viewId,
            segments,
            cohorts,
            EventProperties.of(properties),
            time));
  }

  private static String name(JsonNode node, List<String> messages) {
    if (node == null || node.isNull()) {
      messages.add("name is required: letters, digits and underscores, e.g. page_view");
      return "";
    }
    if (!node.isTextual() || !NAME.matcher(node.textValue()).matches()) {
      messages.add(
          "name "
              + node
              + " may only hold letters, digits and underscores ([A-Za-z0-9_]+), e.g. page_view");
      return "";
    }
    return node.textValue();
  }

  private static Optional<UUID> userId(JsonNode node, List<String> messages) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    Optional<UUID> parsed = node.isTextual() ? Uuids.parse(node.textValue()) : Optional.empty();
    if (parsed.isEmpty()) {
      messages.add(
          "user_id "
              + node
              + " is not a UUID: send the 8-4-4-4-12 hex form, or send aliases instead");
    }
    return parsed;
  }

  private static Optional<String> optionalText(JsonNode node, String field, List<String> messages) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      messages.add(field + " " + node + " must be a non-empty string");
      return Optional.empty();
    }
    return Optional.of(node.textValue());
  }

  private static List<Long> segments(JsonNode node, List<String> messages) {
    List<Long> codes = new ArrayList<>();
    if (node == null || node.isNull()) {
      return codes;
    }
    if (!node.isArray()) {
      messages.add("segments must be an array of integer segment codes, not " + node);
      return codes;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isIntegralNumber() && item.canConvertToLong()) {
        codes.add(item.longValue());
      } else {
        messages.add("segments[" + i + "] is " + item + ": segment codes are integers");
      }
    }
    return codes;
  }

  private static List<String> cohorts(JsonNode node, List<String> messages) {
    List<String> cohorts = new ArrayList<>();
    if (node == null || node.isNull()) {
      return cohorts;
    }
    if (!node.isArray()) {
      messages.add("cohorts must be an array of strings, not " + node);
      return cohorts;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isTextual()) {
        cohorts.add(item.textValue());
      } else {
        messages.add("cohorts[" + i + "] is " + item + ": cohorts are strings");
      }
    }
    return cohorts;
  }

  private ObjectNode properties(JsonNode node, List<String> messages) {
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      messages.add("properties must be a JSON object, not " + node.getNodeType());
      return JsonNodeFactory.instance.objectNode();
    }
    messages.addAll(propertiesCheck.violations(node));
    return (ObjectNode) node;
  }
}
