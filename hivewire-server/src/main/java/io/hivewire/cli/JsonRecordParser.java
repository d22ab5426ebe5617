package io.hivewire.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns one JSON line into a log entry. The line is kept byte for byte; only a record without a
 * top-level {@code time} gets the time it was read, added as the first field.
 */
public final class JsonRecordParser {

  private static final byte[] TIME_FIELD = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);

  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  private final JsonFactory json = new JsonFactory();
  private final RecordType type;

  public JsonRecordParser(RecordType type) {
    this.type = Objects.requireNonNull(type, "type is null");
  }

  /** What a line held. */
  public sealed interface Result {
    /** A valid record. */
    record Record(LogEntry entry) implements Result {}

    /** An empty line, skipped. */
    record Blank() implements Result {}

    /** Not a record: why, in words a user can act on. */
    record Invalid(String reason) implements Result {}
  }

  /**
   * Parses {@code line} (without its line end); {@code readClock} is asked for the time the line
   * was read only when the record has no time of its own.
   */
  public Result parse(byte[] line, InstantSource readClock) {
    int length = line.length;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (isBlank(line, length)) {
      return new Result.Blank();
    }
    byte[] record = length == line.length ? line : Arrays.copyOf(line, length);
    Instant time;
    try {
      time = findTime(record);
    } catch (InvalidLine e) {
      return new Result.Invalid(e.getMessage());
    }
    if (time != null) {
      return new Result.Record(new LogEntry(type, time, record));
    }
    Instant readTime = readClock.instant();
    return new Result.Record(new LogEntry(type, readTime, withTime(record, readTime)));
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      if (line[i] != ' ' && line[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of the top-level {@code time} field, or null when there is none: found by a scan
   * without tokens when the line is plainly valid, else by Jackson, which also words the error.
   */
  private Instant findTime(byte[] record) throws InvalidLine {
    long found = JsonLineScanner.scan(record, record.length);
    if (found == JsonLineScanner.NO_TIME) {
      return null;
    }
    if (found == JsonLineScanner.UNSURE) {
      return findTimeWithJackson(record);
    }
    int start = JsonLineScanner.start(found);
    int end = JsonLineScanner.end(found);
    if (!JsonLineScanner.isString(record, found)) {
      return checkYear(Instant.ofEpochMilli(Long.parseLong(asciiText(record, start, end))));
    }
    Instant time = IsoTime.parse(record, start, end);
    return checkYear(time != null ? time : parseIsoTime(asciiText(record, start, end)));
  }

  private static String asciiText(byte[] record, int start, int end) {
    return new String(record, start, end - start, StandardCharsets.US_ASCII);
  }

  /**
   * The value of the top-level {@code time} field with a full parse, or null when there is none.
   */
  Instant findTimeWithJackson(byte[] record) throws InvalidLine {
    Instant time = null;
    try (JsonParser p = json.createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidLine(
            "not a JSON object: each line must be one object such as {\"event_id\":…}");
      }
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_OBJECT) {
        if (token != JsonToken.FIELD_NAME) {
          throw new InvalidLine("malformed JSON object");
        }
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("time".equals(name)) {
          time = checkYear(parseTime(p, value));
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new InvalidLine("more than one JSON value on the line");
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new InvalidLine("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidLine("invalid JSON: " + e.getMessage());
    }
    return time;
  }

  private static Instant parseTime(JsonParser p, JsonToken value) throws IOException, InvalidLine {
    if (value == JsonToken.VALUE_STRING) {
      return parseIsoTime(p.getText());
    }
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return Instant.ofEpochMilli(p.getLongValue());
    }
    throw new InvalidLine(
        "time must be an ISO-8601 string (2026-01-15T14:00:03.120Z) or epoch milliseconds, got "
            + value);
  }

  private static Instant parseIsoTime(String text) throws InvalidLine {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidLine(
          "time '"
              + text
              + "' is not an ISO-8601 date-time with offset, such as 2026-01-15T14:00:03.120Z");
    }
  }

  private static Instant checkYear(Instant time) throws InvalidLine {
    if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
      throw new InvalidLine(
          "time " + time + " is outside the years 0000 to 9999 that partitions can hold");
    }
    return time;
  }

  /** Inserts {@code "time":"<readTime>"} as the first field, leaving every other byte as it was. */
  private static byte[] withTime(byte[] record, Instant readTime) {
    int brace = 0;
    while (record[brace] != '{') {
      brace++;
    }
    int next = brace + 1;
    while (next < record.length && (record[next] == ' ' || record[next] == '\t')) {
      next++;
    }
    boolean empty = record[next] == '}';
    byte[] time =
        DateTimeFormatter.ISO_INSTANT.format(readTime).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[record.length + TIME_FIELD.length + time.length + (empty ? 1 : 2)];
    int at = 0;
    System.arraycopy(record, 0, out, at, brace + 1);
    at += brace + 1;
    System.arraycopy(TIME_FIELD, 0, out, at, TIME_FIELD.length);
    at += TIME_FIELD.length;
    System.arraycopy(time, 0, out, at, time.length);
    at += time.length;
    out[at++] = '"';
    if (!empty) {
      out[at++] = ',';
    }
    System.arraycopy(record, brace + 1, out, at, record.length - brace - 1);
    return out;
  }

  /** A line that is not a record; its message is the reason shown to the user. */
  static final class InvalidLine extends Exception {
    InvalidLine(String message) {
      super(message, null, false, false);
    }
  }
}
