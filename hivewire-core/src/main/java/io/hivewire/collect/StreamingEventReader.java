package io.hivewire.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.routing.intake.IsoTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads a JSON body of events in one pass of Jackson's streaming parser, taking each event's {@code
 * properties} into their line as the bytes they were sent as, when those are already what a
 * generator would write, instead of building, copying and serializing a tree of them. It takes only
 * the common case, a body whose every event is valid and sent with a {@code user_id}; for anything
 * else it answers {@code null} and {@link EventBatchReader} reads the body again as a tree, so
 * every rule and message stays in one place. Its lines are byte for byte those of the tree path:
 * properties sent otherwise than compact (spaces, escapes, numbers such as {@code 1.50}) are
 * written from a tree of their own, and a duplicate field, which a tree would collapse, sends the
 * body to the tree path (checked here rather than by the parser's duplicate detection, which hashes
 * every name).
 */
final class StreamingEventReader {

  private static final List<String> FIELDS =
      List.of(
          "name", "user_id", "session_id", "view_id", "segments", "cohorts", "properties", "time");

  /** Objects with up to this many fields are checked for duplicates without hashing. */
  private static final int FEW_FIELDS = 16;

  private final EventLimits limits;
  private final JsonFactory factory;
  private final ObjectMapper mapper;
  private final Supplier<UUID> eventIds;
  private final boolean applies;

  StreamingEventReader(EventLimits limits, ObjectMapper mapper, Supplier<UUID> eventIds) {
    this.limits = Objects.requireNonNull(limits, "limits is null");
    this.factory = mapper.getFactory();
    this.mapper = mapper;
    this.eventIds = Objects.requireNonNull(eventIds, "eventIds is null");
    // These change the numbers a tree holds, and so its lines: such a mapper reads trees only.
    this.applies =
        !mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            && !mapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            && !mapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
  }

  /** Every event of {@code body} accepted, or {@code null} when the tree path must read it. */
  EventBatch read(byte[] body, Instant receivedAt) {
    if (!applies) {
      return null;
    }
    List<Draft> drafts = new ArrayList<>();
    try (JsonParser p = factory.createParser(body)) {
      JsonToken root = p.nextToken();
      if (root == JsonToken.START_OBJECT) {
        Draft draft = event(p, receivedAt, body);
        if (draft == null) {
          return null;
        }
        drafts.add(draft);
      } else if (root == JsonToken.START_ARRAY) {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
          Draft draft =
              drafts.size() < limits.maxEventsPerBatch() ? event(p, receivedAt, body) : null;
          if (draft == null) {
            return null;
          }
          drafts.add(draft);
        }
        if (t != JsonToken.END_ARRAY || drafts.isEmpty()) {
          return null;
        }
      } else {
        return null;
      }
    } catch (IOException e) {
      // Unreadable JSON: the tree path says what is wrong.
      return null;
    }
    // Ids only once the whole body is known to be valid, in the order the tree path gives them.
    List<EventBatch.Accepted> accepted = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      accepted.add(new EventBatch.Accepted(i, drafts.get(i).toEvent(eventIds.get())));
    }
    return new EventBatch(accepted, List.of());
  }

  /** The event whose START_OBJECT is current, or {@code null} when it is not plainly valid. */
  private Draft event(JsonParser p, Instant receivedAt, byte[] body) throws IOException {
    Draft d = new Draft();
    d.time = receivedAt;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      int known = FIELDS.indexOf(field);
      // event_id, aliases (resolved against identities), unknown fields, and a field given twice,
      // which a tree collapses (the last one wins): the tree path's to read.
      if (known < 0 || (seen & (1 << known)) != 0) {
        return null;
      }
      seen |= 1 << known;
      JsonToken value = p.nextToken();
      boolean ok =
          switch (field) {
            case "name" -> name(p, value, d);
            case "user_id" -> userId(p, value, d);
            case "session_id" -> (d.sessionId = optionalText(p, value)) != null;
            case "view_id" -> (d.viewId = optionalText(p, value)) != null;
            case "segments" -> segments(p, value, d);
            case "cohorts" -> cohorts(p, value, d);
            case "properties" -> properties(p, value, d, body);
            case "time" -> time(p, value, d);
            default -> throw new IllegalStateException("a field without a case: " + field);
          };
      if (!ok) {
        return null;
      }
    }
    return t == JsonToken.END_OBJECT && d.name != null && d.userId != null ? d : null;
  }

  private static boolean name(JsonParser p, JsonToken value, Draft d) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return false;
    }
    String name = p.getText();
    d.name = name;
    return isName(name);
  }

  /** {@code [A-Za-z0-9_]+}, checked without a regular expression: it is every event's. */
  static boolean isName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return !name.isEmpty();
  }

  private static boolean userId(JsonParser p, JsonToken value, Draft d) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return false;
    }
    d.userId = Uuids.parse(p.getText()).orElse(null);
    return d.userId != null;
  }

  /** Empty for null, the text when not blank, {@code null} when the tree path must read it. */
  private static Optional<String> optionalText(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = p.getText();
    return text.isBlank() ? null : Optional.of(text);
  }

  private static boolean segments(JsonParser p, JsonToken value, Draft d) throws IOException {
    d.segments = new ArrayList<>();
    if (value == JsonToken.VALUE_NULL) {
      return true;
    }
    if (value != JsonToken.START_ARRAY) {
      return false;
    }
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = p.getNumberType();
      if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
        return false;
      }
      d.segments.add(p.getLongValue());
    }
    return t == JsonToken.END_ARRAY;
  }

  private static boolean cohorts(JsonParser p, JsonToken value, Draft d) throws IOException {
    d.cohorts = new ArrayList<>();
    if (value == JsonToken.VALUE_NULL) {
      return true;
    }
    if (value != JsonToken.START_ARRAY) {
      return false;
    }
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      d.cohorts.add(p.getText());
    }
    return t == JsonToken.END_ARRAY;
  }

  private static boolean time(JsonParser p, JsonToken value, Draft d) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return true;
    }
    if (value != JsonToken.VALUE_STRING) {
      return false;
    }
    String text = p.getText();
    // The common shape without a formatter; IsoTime answers null for any other, and a test pins
    // it to the formatter, which EventTime uses, wherever it answers.
    byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
    d.time = IsoTime.parse(ascii, 0, ascii.length);
    if (d.time != null) {
      return true;
    }
    try {
      d.time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * Checks the properties against the limits {@link PropertiesCheck} checks, false at the first one
   * broken, and keeps them as the tree path would write them: as their own bytes when those are
   * already what a generator writes ({@link CompactJson}), else written from a tree of them.
   */
  private boolean properties(JsonParser p, JsonToken value, Draft d, byte[] body)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      d.properties = EventProperties.empty();
      return true;
    }
    if (value != JsonToken.START_OBJECT) {
      return false;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    Walk walk = new Walk();
    if (!checkObject(p, 0, walk)) {
      return false;
    }
    int end = (int) p.currentTokenLocation().getByteOffset() + 1;
    if (walk.compact && CompactJson.isCompact(body, start, end)) {
      if (end - start > limits.maxPropertiesBytes()) {
        return false;
      }
      d.properties = EventProperties.ofSerialized(Arrays.copyOfRange(body, start, end));
      return true;
    }
    EventProperties written =
        EventProperties.of((ObjectNode) mapper.readTree(body, start, end - start));
    if (written.length() > limits.maxPropertiesBytes()) {
      return false;
    }
    d.properties = written;
    return true;
  }

  /**
   * Whether every number of an object seen so far is written as a generator writes its value; its
   * strings and layout are {@link CompactJson}'s to check.
   */
  private static final class Walk {
    private boolean compact = true;
  }

  /** {@code depth} is the nesting level of the container whose start token is current. */
  private boolean checkObject(JsonParser p, int depth, Walk walk) throws IOException {
    JsonToken t = p.nextToken();
    if (depth >= limits.maxNestingDepth() && t != JsonToken.END_OBJECT) {
      return false;
    }
    List<String> names = new ArrayList<>();
    Set<String> many = null;
    while (t == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (names.size() < FEW_FIELDS) {
        if (names.contains(name)) {
          return false;
        }
        names.add(name);
      } else {
        if (many == null) {
          many = new HashSet<>(names);
        }
        if (!many.add(name)) {
          return false;
        }
      }
      if (checkValue(p, p.nextToken(), depth + 1, walk) == null) {
        return false;
      }
      t = p.nextToken();
    }
    return t == JsonToken.END_OBJECT;
  }

  private boolean checkArray(JsonParser p, int depth, Walk walk) throws IOException {
    JsonToken t = p.nextToken();
    if (depth >= limits.maxNestingDepth() && t != JsonToken.END_ARRAY) {
      return false;
    }
    String itemType = null;
    int items = 0;
    while (t != JsonToken.END_ARRAY) {
      if (++items > limits.maxArrayItems()) {
        return false;
      }
      String type = checkValue(p, t, depth + 1, walk);
      if (type == null) {
        return false;
      }
      // Nulls fill gaps in an array of any type; any other mix is the tree path's to report.
      if (!type.equals("null")) {
        if (itemType != null && !itemType.equals(type)) {
          return false;
        }
        itemType = type;
      }
      t = p.nextToken();
    }
    return true;
  }

  /**
   * Checks the value whose token is {@code t}; its type's name, or {@code null} to give up. A
   * string's text is never asked for, so the parser skips it without decoding it.
   */
  private String checkValue(JsonParser p, JsonToken t, int depth, Walk walk) throws IOException {
    if (t == null) {
      return null;
    }
    switch (t) {
      case START_OBJECT:
        return checkObject(p, depth, walk) ? "object" : null;
      case START_ARRAY:
        return checkArray(p, depth, walk) ? "array" : null;
      case VALUE_STRING:
        return "string";
      case VALUE_NUMBER_INT:
        // -0 is the one integer a tree writes otherwise (as 0): JSON allows no leading zeros.
        if (p.getTextLength() == 2) {
          char[] text = p.getTextCharacters();
          int at = p.getTextOffset();
          walk.compact &= !(text[at] == '-' && text[at + 1] == '0');
        }
        return "number";
      case VALUE_NUMBER_FLOAT:
        if (p.getNumberType() != JsonParser.NumberType.DOUBLE
            || !p.getText().equals(Double.toString(p.getDoubleValue()))) {
          walk.compact = false;
        }
        return "number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NULL:
        return "null";
      default:
        return null;
    }
  }

  /** An event read so far; complete once its object ends. */
  private static final class Draft {
    private String name;
    private UUID userId;
    private Optional<String> sessionId = Optional.empty();
    private Optional<String> viewId = Optional.empty();
    private List<Long> segments = List.of();
    private List<String> cohorts = List.of();
    private EventProperties properties = EventProperties.empty();
    private Instant time;

    CollectedEvent toEvent(UUID eventId) {
      return new CollectedEvent(
          eventId,
          name,
          Optional.of(userId),
          List.of(),
          sessionId,
          viewId,
          segments,
          cohorts,
          properties,
          time);
    }
  }
}
