package io.hivewire.routing.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns one JSON line into a log entry. The line is kept byte for byte (without a leading UTF-8
 * byte-order mark and the {@code \r} of a Windows line end); only a record without a top-level
 * {@code time} gets the time it was read, added as the first field. Whatever it returns as a record
 * is one JSON object in UTF-8, so that a reader of the files never fails on a line.
 */
public final class JsonRecordParser {

  private static final byte[] TIME_FIELD = "\"time\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

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
    int from = startsWithBom(line) ? BOM.length : 0;
    int to = line.length;
    if (to > from && line[to - 1] == '\r') {
      to--;
    }
    if (isBlank(line, from, to)) {
      return new Result.Blank();
    }
    byte[] record = from == 0 && to == line.length ? line : Arrays.copyOfRange(line, from, to);
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

  /** A byte-order mark says nothing in UTF-8, and inside a file of lines it breaks the line. */
  private static boolean startsWithBom(byte[] line) {
    return line.length >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
  }

  private static boolean isBlank(byte[] line, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isJsonSpace(line[i])) {
        return false;
      }
    }
    return true;
  }

  /** The four bytes JSON allows between tokens (RFC 8259, section 2), as the scanner does. */
  private static boolean isJsonSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
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
      throw notATimeString(asciiText(record, start, end));
    }
    Instant time = IsoTime.parse(record, start, end);
    return checkYear(time != null ? time : parseIsoTime(asciiText(record, start, end)));
  }

  private static String asciiText(byte[] record, int start, int end) {
    return new String(record, start, end - start, StandardCharsets.US_ASCII);
  }

  /**
   * The value of the top-level {@code time} field with a full parse, or null when there is none.
   * The bytes are decoded as strict UTF-8 first: Jackson would otherwise guess UTF-16 or UTF-32
   * from zero bytes and let overlong forms and surrogates through, none of which a reader of the
   * files accepts.
   */
  Instant findTimeWithJackson(byte[] record) throws InvalidLine {
    Instant time = null;
    try (JsonParser p = json.createParser(strictUtf8(record))) {
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
          if (time != null) {
            throw new InvalidLine(
                "more than one top-level time field: readers would disagree on the record's hour");
          }
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

  private static String strictUtf8(byte[] record) throws InvalidLine {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(record))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidLine("not valid UTF-8: a line must be UTF-8 text");
    }
  }

  private static Instant parseTime(JsonParser p, JsonToken value) throws IOException, InvalidLine {
    if (value == JsonToken.VALUE_STRING) {
      return parseIsoTime(p.getText());
    }
    throw notATimeString(value.isStructStart() ? p.getText() + "…" : p.getText());
  }

  /**
   * The collection API takes only ISO-8601 strings too: a number has no agreed unit (seconds,
   * milliseconds), and guessing wrong files the record under the wrong hour.
   */
  private static InvalidLine notATimeString(String value) {
    return new InvalidLine(
        "time "
            + value
            + " is not an ISO-8601 string: give it as a string with a zone offset, such as"
            + " \"2026-01-15T14:00:03.120Z\", or leave it out to use the time the line was read");
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
    while (next < record.length && isJsonSpace(record[next])) {
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
