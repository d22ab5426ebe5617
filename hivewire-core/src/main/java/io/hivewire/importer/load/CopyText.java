package io.hivewire.importer.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders values in PostgreSQL's {@code COPY ... FROM STDIN} text format: tab between fields, a
 * newline after each row, {@code \N} for NULL, backslash escapes for backslash, tab, newline and
 * carriage return. Lists, structs and maps become JSON text (their columns are {@code jsonb}).
 */
public final class CopyText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CopyText() {}

  /**
   * Appends one field (without separator).
   *
   * @throws IllegalArgumentException when PostgreSQL cannot store the value (text holding NUL)
   */
  public static void appendField(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("\\N");
      case Boolean b -> out.append(b ? 't' : 'f');
      case String text -> appendText(out, text);
      case Long n -> out.append(n.longValue());
      case Integer n -> out.append(n.intValue());
      case Double n -> out.append(n.doubleValue());
      case BigDecimal d -> out.append(d.toPlainString());
      case Number n -> out.append(n);
      case byte[] bytes -> out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
      case List<?> list -> appendText(out, json(list));
      case Map<?, ?> map -> appendText(out, json(map));
      case LocalDateTime time when time.getYear() >= 1000 && time.getYear() <= 9999 ->
          appendTimestamp(out, time);
      case TemporalAccessor time -> out.append(time);
      default -> appendText(out, value.toString());
    }
  }

  /** Appends text with COPY's escapes. */
  public static void appendText(StringBuilder out, String text) {
    // Most text needs no escape: append it whole, and escape char by char only from the first
    // character that needs it.
    int plain = 0;
    while (plain < text.length() && !needsEscape(text.charAt(plain))) {
      plain++;
    }
    if (plain == text.length()) {
      out.append(text);
      return;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\0' ->
            throw new IllegalArgumentException(
                "the text holds a NUL character, which PostgreSQL cannot store");
        default -> out.append(c);
      }
    }
  }

  /**
   * Appends what {@link LocalDateTime#toString()} gives for a four-digit year, without making the
   * string: timestamps are in most imported rows.
   */
  private static void appendTimestamp(StringBuilder out, LocalDateTime time) {
    appendDigits(out, time.getYear(), 4);
    out.append('-');
    appendDigits(out, time.getMonthValue(), 2);
    out.append('-');
    appendDigits(out, time.getDayOfMonth(), 2);
    out.append('T');
    appendDigits(out, time.getHour(), 2);
    out.append(':');
    appendDigits(out, time.getMinute(), 2);
    int second = time.getSecond();
    int nano = time.getNano();
    if (second > 0 || nano > 0) {
      out.append(':');
      appendDigits(out, second, 2);
      if (nano > 0) {
        out.append('.');
        if (nano % 1_000_000 == 0) {
          appendDigits(out, nano / 1_000_000, 3);
        } else if (nano % 1000 == 0) {
          appendDigits(out, nano / 1000, 6);
        } else {
          appendDigits(out, nano, 9);
        }
      }
    }
  }

  /** Appends a non-negative number with leading zeros to {@code width} digits. */
  private static void appendDigits(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        out.append('0');
      }
    }
    out.append(value);
  }

  private static boolean needsEscape(char c) {
    return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Nested values as JSON takes them: times as ISO text, bytes as hex, keys as text. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case List<?> list -> list.stream().map(CopyText::plain).toList();
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        yield out;
      }
      case byte[] bytes -> HexFormat.of().formatHex(bytes);
      case TemporalAccessor time -> time.toString();
      case UUID uuid -> uuid.toString();
      default -> value;
    };
  }
}
