package io.hivewire.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a request body of events — one JSON object, a JSON array, or NDJSON — and validates each
 * event on its own, so that one bad event does not hold back the rest.
 */
public final class EventBatchReader {

  private final EventLimits limits;
  private final ObjectMapper mapper;
  private final EventValidator validator;
  private final StreamingEventReader streaming;

  public EventBatchReader(EventLimits limits, ObjectMapper mapper, EventValidator validator) {
    this.limits = Objects.requireNonNull(limits, "limits is null");
    this.mapper = Objects.requireNonNull(mapper, "mapper is null");
    this.validator = Objects.requireNonNull(validator, "validator is null");
    this.streaming = new StreamingEventReader(limits, mapper, validator.eventIds());
  }

  /**
   * Validates every event in {@code body}; throws {@link InvalidBatchException} when the body as a
   * whole is unreadable or holds more events than allowed.
   */
  public EventBatch read(byte[] body, BatchFormat format, Instant receivedAt) {
    if (format == BatchFormat.JSON) {
      EventBatch streamed = streaming.read(body, receivedAt);
      if (streamed != null) {
        return streamed;
      }
    }
    List<Item> items = format == BatchFormat.NDJSON ? ndjsonItems(body) : jsonItems(body);
    if (items.isEmpty()) {
      throw new InvalidBatchException(
          "the request holds no events: send one event object, a JSON array or NDJSON lines");
    }
    if (items.size() > limits.maxEventsPerBatch()) {
      throw new InvalidBatchException(
          "the request holds "
              + items.size()
              + " events: send at most "
              + limits.maxEventsPerBatch()
              + " per request and split the rest");
    }
    List<EventBatch.Accepted> accepted = new ArrayList<>();
    List<EventBatch.Rejected> rejected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.node() == null) {
        rejected.add(new EventBatch.Rejected(i, List.of(item.parseError())));
        continue;
      }
      switch (validator.validate(item.node(), receivedAt)) {
        case EventVerdict.Accepted a -> accepted.add(new EventBatch.Accepted(i, a.event()));
        case EventVerdict.Rejected r -> rejected.add(new EventBatch.Rejected(i, r.messages()));
      }
    }
    return new EventBatch(accepted, rejected);
  }

  private List<Item> jsonItems(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidBatchException(
          "the request body is not valid JSON: " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory body failed", e);
    }
    if (root == null || root.isMissingNode()) {
      return List.of();
    }
    if (root.isArray()) {
      List<Item> items = new ArrayList<>(root.size());
      root.forEach(node -> items.add(new Item(node, "")));
      return items;
    }
    return List.of(new Item(root, ""));
  }

  private List<Item> ndjsonItems(byte[] body) {
    List<Item> items = new ArrayList<>();
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
    for (int line = 0; line < lines.length; line++) {
      if (lines[line].isBlank()) {
        continue;
      }
      try {
        items.add(new Item(mapper.readTree(lines[line]), ""));
      } catch (JsonProcessingException e) {
        items.add(
            new Item(null, "line " + (line + 1) + " is not valid JSON: " + e.getOriginalMessage()));
      }
    }
    return items;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** A parsed event, or the reason its line could not be parsed. */
  private record Item(JsonNode node, String parseError) {}
}
