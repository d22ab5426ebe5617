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
import java.util.Locale;

/**
 * Renders collected records as the JSON lines routing writes: fixed field order, UTC times with
 * microseconds, no line end.
 */
final class RecordJson {

  // Stateless and thread-safe once configured; shared to avoid rebuilding per record.
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final byte[] PROPERTIES_FIELD =
      ",\"properties\":".getBytes(StandardCharsets.US_ASCII);
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

  static byte[] event(CollectedEvent e) {
    byte[] head =
        render(
            g -> {
              g.writeStringField("event_id", e.eventId().toString());
              if (e.userId().isPresent()) {
                g.writeStringField("user_id", e.userId().get().toString());
              }
              if (e.sessionId().isPresent()) {
                g.writeStringField("session_id", e.sessionId().get());
              }
              if (e.viewId().isPresent()) {
                g.writeStringField("view_id", e.viewId().get());
              }
              g.writeStringField("name", e.name());
              g.writeStringField("time", time(e.time()));
              g.writeArrayFieldStart("segments");
              for (long code : e.segments()) {
                g.writeNumber(code);
              }
              g.writeEndArray();
              g.writeArrayFieldStart("cohorts");
              for (String cohort : e.cohorts()) {
                g.writeString(cohort);
              }
              g.writeEndArray();
              if (!e.aliases().isEmpty()) {
                g.writeArrayFieldStart("aliases");
                for (Alias alias : e.aliases()) {
                  g.writeStartObject();
                  writeAlias(g, alias);
                  g.writeEndObject();
                }
                g.writeEndArray();
              }
            });
    // The properties are already compact JSON: they go last, in place of the head's closing brace,
    // exactly as a generator would have written them there.
    byte[] properties = e.properties().bytes();
    byte[] line = new byte[head.length - 1 + PROPERTIES_FIELD.length + properties.length + 1];
    System.arraycopy(head, 0, line, 0, head.length - 1);
    System.arraycopy(PROPERTIES_FIELD, 0, line, head.length - 1, PROPERTIES_FIELD.length);
    System.arraycopy(
        properties, 0, line, head.length - 1 + PROPERTIES_FIELD.length, properties.length);
    line[line.length - 1] = '}';
    return line;
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
