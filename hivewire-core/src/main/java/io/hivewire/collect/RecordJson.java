package io.hivewire.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Renders collected records as the JSON lines routing writes: fixed field order, UTC times with
 * microseconds, no line end.
 */
final class RecordJson {

  // Stateless and thread-safe once configured; shared to avoid rebuilding per record.
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private RecordJson() {}

  /** {@code 2026-01-15T14:00:03.120000Z}. */
  static String time(Instant time) {
    long seconds = time.getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int year = date.getYear();
    // Written by hand, as every event's line has one: the formatter took a tenth of collection's
    // time. Years outside four digits keep the formatter's sign and width.
    if (year < 0 || year > 9_999) {
      return TIME.format(time);
    }
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    byte[] text = new byte[27];
    put(text, 0, year, 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3_600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    put(text, 20, time.getNano() / 1_000, 6);
    text[26] = 'Z';
    return new String(text, StandardCharsets.US_ASCII);
  }

  /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void put(byte[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Written by hand rather than through a generator, as every collected event's line is: the
   * generator's set-up and buffers per line took a tenth of collection's time. Strings a generator
   * would escape go through one ({@link Line#string}), so the bytes stay those it writes.
   */
  static byte[] event(CollectedEvent e) {
    byte[] properties = e.properties().bytes();
    Line line = new Line(capacity(e, properties));
    line.ascii("{\"event_id\":\"").ascii(e.eventId().toString()).ascii("\"");
    if (e.userId().isPresent()) {
      line.ascii(",\"user_id\":\"").ascii(e.userId().get().toString()).ascii("\"");
    }
    if (e.sessionId().isPresent()) {
      line.ascii(",\"session_id\":").string(e.sessionId().get());
    }
    if (e.viewId().isPresent()) {
      line.ascii(",\"view_id\":").string(e.viewId().get());
    }
    line.ascii(",\"name\":").string(e.name());
    line.ascii(",\"time\":").string(time(e.time()));
    line.ascii(",\"segments\":[");
    for (int i = 0; i < e.segments().size(); i++) {
      line.ascii(i == 0 ? "" : ",").number(e.segments().get(i));
    }
    line.ascii("],\"cohorts\":[");
    for (int i = 0; i < e.cohorts().size(); i++) {
      line.ascii(i == 0 ? "" : ",").string(e.cohorts().get(i));
    }
    line.ascii("]");
    if (!e.aliases().isEmpty()) {
      line.ascii(",\"aliases\":[");
      for (int i = 0; i < e.aliases().size(); i++) {
        Alias alias = e.aliases().get(i);
        line.ascii(i == 0 ? "{\"tag\":" : ",{\"tag\":").string(alias.tag());
        line.ascii(",\"id\":").string(alias.id());
        line.ascii(",\"priority\":").ascii(Integer.toString(alias.priority())).ascii("}");
      }
      line.ascii("]");
    }
    // The properties are already compact JSON, such as a generator writes.
    return line.ascii(",\"properties\":").bytes(properties).ascii("}").toByteArray();
  }

  /**
   * The length of {@code e}'s line unless a string needs escapes, so that the line is written
   * without growing its array: its fixed fields (ids, time, names and punctuation) take under 200
   * bytes.
   */
  private static int capacity(CollectedEvent e, byte[] properties) {
    int capacity = 200 + properties.length + e.name().length();
    capacity +=
        e.sessionId().map(String::length).orElse(0) + e.viewId().map(String::length).orElse(0);
    capacity += 21 * e.segments().size();
    for (String cohort : e.cohorts()) {
      capacity += cohort.length() + 3;
    }
    for (Alias alias : e.aliases()) {
      capacity += 48 + alias.tag().length() + alias.id().length();
    }
    return capacity;
  }

  /** A line being written: a growing byte array. */
  private static final class Line {
    private byte[] bytes;
    private int size;

    Line(int capacity) {
      bytes = new byte[capacity];
    }

    /** Appends {@code text}, which holds only ASCII characters. */
    Line ascii(String text) {
      int length = text.length();
      ensure(length);
      put(text);
      return this;
    }

    /** Appends {@code text} as a JSON string, escaped exactly as a generator escapes it. */
    Line string(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
          return bytes(generated(text));
        }
      }
      ensure(text.length() + 2);
      bytes[size++] = '"';
      put(text);
      bytes[size++] = '"';
      return this;
    }

    /** Latin-1 characters as their bytes: the callers pass ASCII only. */
    private void put(String text) {
      for (int i = 0; i < text.length(); i++) {
        bytes[size++] = (byte) text.charAt(i);
      }
    }

    /** Appends {@code value} in decimal, as a generator writes a long. */
    Line number(long value) {
      if (value == Long.MIN_VALUE) {
        return ascii(Long.toString(value));
      }
      ensure(20);
      if (value < 0) {
        bytes[size++] = '-';
        value = -value;
      }
      int digits = 1;
      for (long rest = value / 10; rest > 0; rest /= 10) {
        digits++;
      }
      for (int i = size + digits - 1; i >= size; i--) {
        bytes[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      size += digits;
      return this;
    }

    Line bytes(byte[] more) {
      ensure(more.length);
      System.arraycopy(more, 0, bytes, size, more.length);
      size += more.length;
      return this;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    private static byte[] generated(String text) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        g.writeString(text);
      } catch (IOException e) {
        // Only a ByteArrayOutputStream is written to: this cannot happen short of a Jackson bug.
        throw new UncheckedIOException("rendering a record failed", e);
      }
      return out.toByteArray();
    }
  }

  static byte[] aliasLink(AliasLink link) {
    return render(
        g -> {
          g.writeStringField("user_id", link.userId().toString());
          writeAlias(g, link.alias());
          g.writeStringField("time", time(link.time()));
        });
  }

  static byte[] segment(AudienceSegment s, Instant snapshotTime) {
    return render(
        g -> {
          g.writeStringField("id", s.id().toString());
          g.writeNumberField("code", s.code());
          g.writeStringField("name", s.name());
          g.writeStringField("description", s.description());
          g.writeArrayFieldStart("tags");
          for (String tag : s.tags()) {
            g.writeString(tag);
          }
          g.writeEndArray();
          g.writeStringField("state", s.state().name());
          g.writeStringField("time", time(snapshotTime));
        });
  }

  private static void writeAlias(JsonGenerator g, Alias alias) throws IOException {
    g.writeStringField("tag", alias.tag());
    g.writeStringField("id", alias.id());
    g.writeNumberField("priority", alias.priority());
  }

  private static byte[] render(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      // Only a ByteArrayOutputStream is written to: this cannot happen short of a Jackson bug.
      throw new UncheckedIOException("rendering a record failed", e);
    }
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }
}
