package io.hivewire.routing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Generates JSON lines with every kind of JSON whitespace in every position, byte-order marks,
 * empty and nested objects, escapes and raw UTF-8, with and without {@code time}, mutates some of
 * them, splits the stream into lines as {@code hivewire route} does, and checks each verdict
 * against Jackson: every record is one JSON object in UTF-8 with the right {@code time}. The seed
 * is fixed, so a failure reproduces; the message shows the line.
 */
class JsonRecordParserFuzzTest {

  private static final long SEED = 20_261_204L;
  private static final int LINES = 10_000;
  private static final Instant READ = Instant.parse("2026-01-15T14:00:03.120Z");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final String[] TIMES = {
    "\"2026-01-15T14:00:03.120Z\"",
    "\"2026-01-15T09:00:00.123456+02:00\"",
    "\"2026-01-15T23:59:59-05:30\"",
    "\"0000-01-01T00:00:00Z\"",
    "\"9999-12-31T23:59:59.999999999Z\"",
    "\"2026-01-15T14:00:03\\u002e5Z\"",
    "\"2026-01-15T14:00:03\"",
    "\"2026-02-30T00:00:00Z\"",
    "\"2026-01-15 14:00:03Z\"",
    "\"yesterday\"",
    "\"\"",
    "5",
    "-1",
    "1768467600000",
    "1.5",
    "true",
    "null",
    "{}",
    "[\"2026-01-15T14:00:03Z\"]",
  };
  private static final String[] KEYS = {
    "event_id", "name", "x", "caf\u00e9", "t\\u0069me", "tim", "times", "", "\\\"q\\\"", "time"
  };
  private static final String[] STRINGS = {
    "",
    "a",
    "Pageview",
    "caf\u00e9",
    "\u4e2d\u6587",
    "\ud83d\ude00",
    "\u2028",
    "\\\"quoted\\\"",
    "back\\\\slash",
    "\\/\\b\\f\\n\\r\\t",
    "\\u00e9\\u0000\\u001f",
    "\\ud83d\\ude00",
    "\\uFEFF",
    "2026-01-15T14:00:03Z",
  };
  private static final String[] NUMBERS = {
    "0", "-0", "12", "-12.5e+3", "1E9", "0.000001", "123456789012345678901234567890"
  };
  private static final byte[] NOISE = {
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    ':',
    '\\',
    ' ',
    '\t',
    '\r',
    '0',
    'e',
    '-',
    'n',
    0x00,
    0x1F,
    0x7F,
    (byte) 0x80,
    (byte) 0xA0,
    (byte) 0xBB,
    (byte) 0xBF,
    (byte) 0xC0,
    (byte) 0xC3,
    (byte) 0xED,
    (byte) 0xEF,
    (byte) 0xFF
  };

  private enum Verdict {
    RECORD_WITH_TIME,
    RECORD_WITHOUT_TIME,
    BLANK,
    INVALID
  }

  private final Random random = new Random(SEED);
  private final JsonRecordParser parser = new JsonRecordParser(RecordType.EVENTS);

  @Test
  void everyRecordFromMutatedLinesIsOneJsonObjectInUtf8WithTheRightTime() throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < LINES; i++) {
      input.write(line());
      input.write('\n');
    }
    LineInput lines = new LineInput(new ByteArrayInputStream(input.toByteArray()));
    Map<Verdict, Integer> seen = new EnumMap<>(Verdict.class);
    int checked = 0;
    for (Optional<byte[]> line = lines.next(); line.isPresent(); line = lines.next()) {
      Verdict verdict = check(line.get());
      seen.merge(verdict, 1, Integer::sum);
      checked++;
    }

    assertThat(checked).isGreaterThanOrEqualTo(LINES);
    // The generator must keep reaching every verdict, or this test would check less than it says.
    assertThat(seen)
        .allSatisfy(
            (verdict, count) -> assertThat(count).as(verdict.name()).isGreaterThan(LINES / 40))
        .hasSize(Verdict.values().length);
  }

  /** Parses one line and checks the verdict and the record against the expectation; returns it. */
  private Verdict check(byte[] line) {
    Expected expected = expected(line);
    Supplier<String> shown =
        () -> "seed " + SEED + ", line " + HexFormat.of().formatHex(line) + " " + text(line);
    JsonRecordParser.Result result = parser.parse(line, InstantSource.fixed(READ));
    switch (expected.verdict()) {
      case BLANK -> assertThat(result).as(shown).isInstanceOf(JsonRecordParser.Result.Blank.class);
      case INVALID ->
          assertThat(result)
              .as(shown)
              .isInstanceOfSatisfying(
                  JsonRecordParser.Result.Invalid.class, i -> assertThat(i.reason()).isNotBlank());
      case RECORD_WITH_TIME, RECORD_WITHOUT_TIME -> {
        assertThat(result).as(shown).isInstanceOf(JsonRecordParser.Result.Record.class);
        checkRecord(((JsonRecordParser.Result.Record) result).entry(), expected, shown);
      }
    }
    return expected.verdict();
  }

  private static void checkRecord(LogEntry entry, Expected expected, Supplier<String> shown) {
    byte[] payload = entry.payload();
    assertThat(payload).as(shown).doesNotContain((byte) '\n');
    String text =
        strictUtf8(payload).orElseThrow(() -> new AssertionError("not UTF-8: " + shown.get()));
    assertThat(text).as(shown).doesNotStartWith("\uFEFF");
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new AssertionError("the record is not JSON: " + text + " (" + shown.get() + ")", e);
    }
    assertThat(tree.isObject()).as(shown).isTrue();
    JsonNode time = tree.get("time");
    assertThat(time).as(shown).isNotNull();
    assertThat(time.isTextual()).as(shown).isTrue();
    assertThat(isoInstant(time.textValue())).as(shown).contains(entry.time());
    assertThat(entry.type()).isEqualTo(RecordType.EVENTS);
    if (expected.verdict() == Verdict.RECORD_WITH_TIME) {
      assertThat(payload).as(shown).isEqualTo(expected.record());
      assertThat(entry.time()).as(shown).isEqualTo(expected.time());
    } else {
      assertThat(entry.time()).as(shown).isEqualTo(READ);
      assertThat(tree.fieldNames().next()).as(shown).isEqualTo("time");
      ObjectNode withoutTime = ((ObjectNode) tree).deepCopy();
      withoutTime.remove("time");
      assertThat(withoutTime).as(shown).isEqualTo(expected.tree());
    }
  }

  /** What a line must give, decided by Jackson alone (no scanner, no fast time parsing). */
  private record Expected(Verdict verdict, byte[] record, Instant time, JsonNode tree) {}

  private static Expected expected(byte[] line) {
    int from = startsWith(line, BOM) ? BOM.length : 0;
    int to = line.length > from && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
    byte[] record = Arrays.copyOfRange(line, from, to);
    Optional<String> text = strictUtf8(record);
    if (text.isEmpty()) {
      return invalid();
    }
    if (text.get().chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      return new Expected(Verdict.BLANK, record, null, null);
    }
    JsonNode tree;
    List<JsonToken> timeTokens = new ArrayList<>();
    List<String> timeTexts = new ArrayList<>();
    try (JsonParser p = JSON.createParser(text.get())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return invalid();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("time")) {
          timeTokens.add(value);
          timeTexts.add(p.getText());
        }
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        return invalid();
      }
      tree = JSON.readTree(text.get());
    } catch (IOException e) {
      return invalid();
    }
    if (timeTokens.isEmpty()) {
      return new Expected(Verdict.RECORD_WITHOUT_TIME, record, null, tree);
    }
    if (timeTokens.size() > 1 || timeTokens.get(0) != JsonToken.VALUE_STRING) {
      return invalid();
    }
    Optional<Instant> time = isoInstant(timeTexts.get(0));
    if (time.isEmpty()
        || time.get().isBefore(Instant.parse("0000-01-01T00:00:00Z"))
        || !time.get().isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
      return invalid();
    }
    return new Expected(Verdict.RECORD_WITH_TIME, record, time.get(), tree);
  }

  private static Expected invalid() {
    return new Expected(Verdict.INVALID, null, null, null);
  }

  private static Optional<Instant> isoInstant(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> strictUtf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8)
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("\n", "\\n");
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    return line.length >= prefix.length
        && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }

  // The generator: valid lines first, then for some of them a few random byte edits.

  private byte[] line() {
    StringBuilder s = new StringBuilder();
    if (random.nextInt(10) == 0) {
      s.append('\uFEFF');
    }
    int shape = random.nextInt(20);
    if (shape == 0) {
      space(s);
    } else if (shape == 1) {
      s.append(value(1));
    } else {
      space(s);
      object(s, 0);
      space(s);
    }
    if (random.nextInt(5) == 0) {
      s.append('\r');
    }
    byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
    return random.nextInt(4) == 0 ? mutated(bytes) : bytes;
  }

  private void object(StringBuilder s, int depth) {
    s.append('{');
    space(s);
    int members = random.nextInt(depth == 0 ? 5 : 3);
    int timeAt = depth == 0 && random.nextBoolean() ? random.nextInt(members + 1) : -1;
    int count = 0;
    for (int i = 0; i <= members; i++) {
      boolean time = i == timeAt;
      if (!time && i == members) {
        break;
      }
      if (count++ > 0) {
        space(s);
        s.append(',');
        space(s);
      }
      String key = time ? (random.nextInt(8) == 0 ? "t\\u0069me" : "time") : pick(KEYS);
      s.append('"').append(key).append('"');
      space(s);
      s.append(':');
      space(s);
      s.append(time ? pick(TIMES) : value(depth + 1));
    }
    space(s);
    s.append('}');
  }

  private String value(int depth) {
    int kind = random.nextInt(depth < 3 ? 7 : 4);
    StringBuilder s = new StringBuilder();
    switch (kind) {
      case 0 -> s.append('"').append(pick(STRINGS)).append('"');
      case 1 -> s.append(pick(NUMBERS));
      case 2 -> s.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
      case 3 -> s.append(pick(new String[] {"{}", "[]", "{ }", "[\r]", "{\t\r}"}));
      case 4, 5 -> object(s, depth);
      default -> {
        s.append('[');
        space(s);
        int items = random.nextInt(3);
        for (int i = 0; i < items; i++) {
          if (i > 0) {
            space(s);
            s.append(',');
            space(s);
          }
          s.append(value(depth + 1));
        }
        space(s);
        s.append(']');
      }
    }
    return s.toString();
  }

  /** Nothing, or a few of the four JSON whitespace bytes; a line end rarely, as it splits lines. */
  private void space(StringBuilder s) {
    int n = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(61);
      s.append(c < 20 ? ' ' : c < 40 ? '\t' : c < 60 ? '\r' : '\n');
    }
  }

  /** One edit: a byte deleted, a noise byte or a byte-order mark inserted, or two bytes swapped. */
  private byte[] mutated(byte[] bytes) {
    if (bytes.length == 0) {
      return bytes;
    }
    int at = random.nextInt(bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    switch (random.nextInt(4)) {
      case 0 -> out.write(bytes, at + 1, bytes.length - at - 1);
      case 1 -> {
        out.write(NOISE[random.nextInt(NOISE.length)]);
        out.write(bytes, at, bytes.length - at);
      }
      case 2 -> {
        out.writeBytes(BOM);
        out.write(bytes, at, bytes.length - at);
      }
      default -> {
        byte[] swapped = bytes.clone();
        int other = random.nextInt(bytes.length);
        swapped[at] = bytes[other];
        swapped[other] = bytes[at];
        return swapped;
      }
    }
    return out.toByteArray();
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
