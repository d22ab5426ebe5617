package io.hivewire.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The {@code time} of an event: ISO-8601 with a zone offset, normalised to UTC. */
final class EventTime {

  private EventTime() {}

  static Instant parse(JsonNode node, Instant receivedAt, List<String> messages) {
    if (node == null || node.isNull()) {
      return receivedAt;
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        // reported below with the expected form
      }
    }
    messages.add(
        "time "
            + node
            + " is not an ISO-8601 time with a zone offset: send e.g. 2026-01-15T14:00:03.120Z"
            + " or leave it out to use the time of receipt");
    return receivedAt;
  }
}
