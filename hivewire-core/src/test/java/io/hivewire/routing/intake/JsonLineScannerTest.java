package io.hivewire.routing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token-free scanner never accepts what Jackson rejects and finds the same top-level time. */
class JsonLineScannerTest {

  private static final JsonFactory JSON = new JsonFactory();

  private static final List<String> SEEDS =
      List.of(
          "{\"event_id\":\"a\",\"time\":\"2026-01-15T09:00:00.123Z\",\"n\":-12.5e+3,\"ok\":true}",
          "{ \"x\" : [1, 2.0, -0, 1E9, null, false, {\"time\":\"nested\"}], \"time\" : 1768467600000 }",
          "{\"s\":\"caf\u00e9 \u20ac \uD83D\uDE00\",\"e\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\",\"o\":{}}",
          "{\"a\":[[],[{}],[[1]]],\"b\":{\"c\":{\"d\":\"e\"}},\"time\":\"2026-01-15T09:00:00+02:00\"}",
          "\t{\"ti\\u006de\":\"2026-01-15T09:00:00Z\",\"k\":0}\t",
          "{}");

  private static final byte[] INTERESTING =
      "{}[]\":,\\ 0123456789-+.eEtrufalsn\t/bu\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void mutatedLinesAreNeverAcceptedWhenJacksonRejectsThem() {
    SplittableRandom random = new SplittableRandom(7);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] line = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      long found = JsonLineScanner.scan(line, line.length);
      if (found != JsonLineScanner.UNSURE) {
        accepted++;
        assertThat(jacksonTime(line))
            .as(new String(line, StandardCharsets.ISO_8859_1))
            .isEqualTo(Optional.of(timeText(line, found)));
      }
    }
    assertThat(accepted).as("mutated lines that are still plainly valid").isGreaterThan(1000);
  }

  @Test
  void plainValidLinesAreAcceptedWithTheirTopLevelTime() {
    for (String seed : SEEDS.subList(0, 4)) {
      byte[] line = seed.getBytes(StandardCharsets.UTF_8);
      long found = JsonLineScanner.scan(line, line.length);
      assertThat(found).as(seed).isNotEqualTo(JsonLineScanner.UNSURE);
      assertThat(Optional.of(timeText(line, found))).isEqualTo(jacksonTime(line));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"ti\\u006de\":\"2026-01-15T09:00:00Z\"}",
        "{\"time\":\"a\",\"time\":\"b\"}",
        "{\"time\":1.5}",
        "{\"time\":\"caf\u00e9\"}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":\"\u0001\"}",
        "{\"a\":tru}",
        "{\"a\":1}x",
        "{\"a\":\"\\x\"}",
        "[1]",
      })
  void unusualOrInvalidLinesAreLeftToTheParser(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThat(JsonLineScanner.scan(bytes, bytes.length)).isEqualTo(JsonLineScanner.UNSURE);
  }

  @Test
  void aSpecialByteAnywhereInALongStringIsSeenWhereverItFallsInAWord() {
    String plain = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int at = 0; at <= plain.length(); at++) {
      String before = plain.substring(0, at);
      String after = plain.substring(at);
      assertThat(scan("{\"s\":\"" + before + "\u0001" + after + "\"}"))
          .as("control character at %d", at)
          .isEqualTo(JsonLineScanner.UNSURE);
      assertThat(scan("{\"s\":\"" + before + "\\q" + after + "\"}"))
          .as("invalid escape at %d", at)
          .isEqualTo(JsonLineScanner.UNSURE);
      assertThat(scanBytes("{\"s\":\"" + before, (byte) 0xFF, after + "\"}"))
          .as("invalid UTF-8 at %d", at)
          .isEqualTo(JsonLineScanner.UNSURE);
      assertThat(scan("{\"s\":\"" + before + "\"" + after + "\"}"))
          .as("quote ending the string at %d", at)
          .isEqualTo(JsonLineScanner.UNSURE);
      assertThat(scan("{\"s\":\"" + before + "\\n\u007f\u00e9" + after + "\"}"))
          .as("escape, DEL and UTF-8 at %d", at)
          .isEqualTo(JsonLineScanner.NO_TIME);
    }
  }

  @Test
  void aStringEndsAtItsQuoteWhereverThatFallsInAWord() {
    String plain = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int length = 0; length <= plain.length(); length++) {
      String line = "{\"" + plain.substring(0, length) + "\":\"\\\"\",\"time\":42}";
      long found = scan(line);
      assertThat(found).as("key of %d characters", length).isNotEqualTo(JsonLineScanner.UNSURE);
      assertThat(timeText(line.getBytes(StandardCharsets.UTF_8), found)).isEqualTo("int 42");
    }
  }

  private static long scan(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return JsonLineScanner.scan(bytes, bytes.length);
  }

  private static long scanBytes(String head, byte middle, String tail) {
    byte[] first = head.getBytes(StandardCharsets.UTF_8);
    byte[] last = tail.getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[first.length + 1 + last.length];
    System.arraycopy(first, 0, line, 0, first.length);
    line[first.length] = middle;
    System.arraycopy(last, 0, line, first.length + 1, last.length);
    return JsonLineScanner.scan(line, line.length);
  }

  @Test
  void invalidUtf8InAStringIsLeftToTheParser() {
    byte[] line = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    assertThat(JsonLineScanner.scan(line, line.length)).isEqualTo(JsonLineScanner.UNSURE);
  }

  @Test
  void theCommonTimeShapeReadsAsTheFormatterReadsIt() {
    SplittableRandom random = new SplittableRandom(11);
    String[] offsets = {"Z", "+02:00", "-05:30", "+00:00", "-00:00", "+17:59", "z", "+18:00"};
    int read = 0;
    for (int i = 0; i < 100_000; i++) {
      String text =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
              random.nextInt(10_000),
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(25),
              random.nextInt(61),
              random.nextInt(61),
              random.nextBoolean() ? "" : "." + "123456789012".substring(0, random.nextInt(11)),
              offsets[random.nextInt(offsets.length)]);
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      Instant fast = IsoTime.parse(bytes, 0, bytes.length);
      if (fast != null) {
        read++;
        assertThat(fast).as(text).isEqualTo(formatterTime(text).orElseThrow());
      }
    }
    assertThat(read).isGreaterThan(10_000);
  }

  private static Optional<Instant> formatterTime(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static byte[] mutate(String seed, SplittableRandom random) {
    byte[] line = seed.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && line.length > 0; e++) {
      int at = random.nextInt(line.length);
      byte b = INTERESTING[random.nextInt(INTERESTING.length)];
      line =
          switch (random.nextInt(4)) {
            case 0 -> remove(line, at);
            case 1 -> insert(line, at, b);
            case 2 -> replace(line, at, random.nextInt(8) == 0 ? (byte) random.nextInt(256) : b);
            default -> insert(line, at, line[random.nextInt(line.length)]);
          };
    }
    return line;
  }

  private static byte[] remove(byte[] line, int at) {
    byte[] out = new byte[line.length - 1];
    System.arraycopy(line, 0, out, 0, at);
    System.arraycopy(line, at + 1, out, at, line.length - at - 1);
    return out;
  }

  private static byte[] insert(byte[] line, int at, byte b) {
    byte[] out = new byte[line.length + 1];
    System.arraycopy(line, 0, out, 0, at);
    out[at] = b;
    System.arraycopy(line, at, out, at + 1, line.length - at);
    return out;
  }

  private static byte[] replace(byte[] line, int at, byte b) {
    byte[] out = line.clone();
    out[at] = b;
    return out;
  }

  /** What the scanner found, as text: "none" when the line has no top-level time. */
  private static String timeText(byte[] line, long found) {
    if (found == JsonLineScanner.NO_TIME) {
      return "none";
    }
    String text =
        new String(
            line,
            JsonLineScanner.start(found),
            JsonLineScanner.end(found) - JsonLineScanner.start(found),
            StandardCharsets.UTF_8);
    return (JsonLineScanner.isString(line, found) ? "string " : "int ") + text;
  }

  /** Jackson's verdict: empty when invalid, else the top-level time (the last one) or "none". */
  private static Optional<String> jacksonTime(byte[] line) {
    String time = "none";
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_OBJECT) {
        if (token != JsonToken.FIELD_NAME) {
          return Optional.empty();
        }
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("time")) {
          time =
              switch (value) {
                case VALUE_STRING -> "string " + p.getText();
                case VALUE_NUMBER_INT -> "int " + p.getText();
                default -> "other " + p.getText();
              };
        }
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(time);
  }
}
