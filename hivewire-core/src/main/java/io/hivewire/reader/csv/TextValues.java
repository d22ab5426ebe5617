package io.hivewire.reader.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the text of one CSV field as a typed value. Shared by schema inference (which asks "can
 * this be a ...?") and the CSV row reader (which converts), so both agree on every rule.
 *
 * <p>Integers have no leading zeros and no {@code +} sign: {@code 007} and {@code +5} are
 * identifiers, not numbers, and stay text so no digit is lost.
 */
public final class TextValues {

  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?"
              + "(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?");

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };
  private static final int DATE_LENGTH = 10;
  private static final int TIMESTAMP_LENGTH = 19;
  private static final DateTimeFormatter LOCAL_TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter OFFSET_TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder()
          .append(LOCAL_TIMESTAMP_FORMAT)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private TextValues() {}

  /** {@code true} or {@code false}, in any case. */
  public static Optional<Boolean> parseBoolean(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Optional.of(Boolean.TRUE);
    }
    if (text.equalsIgnoreCase("false")) {
      return Optional.of(Boolean.FALSE);
    }
    return Optional.empty();
  }

  /** A decimal integer that fits a signed 64-bit long. */
  public static Optional<Long> parseLong(String text) {
    if (text.length() > 20 || !isIntegerText(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException overflow) {
      return Optional.empty();
    }
  }

  /** Whether the text is written as an integer (in range or not). */
  public static boolean isIntegerText(String text) {
    // Hand-written rather than a regular expression: imports check every field of a column.
    int n = text.length();
    int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    if (text.charAt(i) == '0') {
      return n == i + 1;
    }
    return digitsEnd(text, i) == n;
  }

  /** A decimal number (integer, fraction, exponent) that is finite as a double. */
  public static Optional<Double> parseDouble(String text) {
    if (!isDecimalText(text)) {
      return Optional.empty();
    }
    double value = shortDecimal(text);
    if (Double.isNaN(value)) {
      value = Double.parseDouble(text);
    }
    return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
  }

  /**
   * The value of valid decimal text without exponent and with at most 15 digits, computed as its
   * digits divided by a power of ten; NaN for other text. Both are exact doubles and IEEE division
   * rounds correctly, so this is what {@link Double#parseDouble} gives, at a fraction of its cost.
   */
  private static double shortDecimal(String text) {
    int n = text.length();
    boolean negative = text.charAt(0) == '-';
    long digits = 0;
    int count = 0;
    int fraction = -1;
    for (int i = negative ? 1 : 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        fraction = 0;
      } else if (isDigit(c)) {
        if (++count > 15) {
          return Double.NaN;
        }
        digits = digits * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else {
        return Double.NaN;
      }
    }
    double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
    return negative ? -value : value;
  }

  /** A calendar date {@code yyyy-MM-dd} that exists. */
  public static Optional<LocalDate> parseDate(String text) {
    if (text.length() != DATE_LENGTH || !isDateText(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** {@code yyyy-MM-dd[ T]HH:mm:ss[.fraction]} without a zone. */
  public static Optional<LocalDateTime> parseTimestamp(String text) {
    // Read by position rather than with a formatter: imports convert every field of a column.
    int n = text.length();
    if (n < TIMESTAMP_LENGTH
        || !isDateText(text)
        || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
        || !isDigits(text, 11, 13)
        || text.charAt(13) != ':'
        || !isDigits(text, 14, 16)
        || text.charAt(16) != ':'
        || !isDigits(text, 17, 19)) {
      return Optional.empty();
    }
    int nanos = 0;
    if (n > TIMESTAMP_LENGTH) {
      int fractionDigits = n - TIMESTAMP_LENGTH - 1;
      if (text.charAt(TIMESTAMP_LENGTH) != '.'
          || fractionDigits < 1
          || fractionDigits > 9
          || !isDigits(text, TIMESTAMP_LENGTH + 1, n)) {
        return Optional.empty();
      }
      nanos = number(text, TIMESTAMP_LENGTH + 1, n);
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    try {
      return Optional.of(
          LocalDateTime.of(
              number(text, 0, 4),
              number(text, 5, 7),
              number(text, 8, 10),
              number(text, 11, 13),
              number(text, 14, 16),
              number(text, 17, 19),
              nanos));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** {@code yyyy-MM-dd[ T]HH:mm:ss[.fraction]} followed by {@code Z} or an offset. */
  public static Optional<OffsetDateTime> parseTimestampWithZone(String text) {
    if (!isTimestampWithZoneText(text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, OFFSET_TIMESTAMP_FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code -?(0|[1-9][0-9]*)(\\.[0-9]+)?} or {@code -?\\.[0-9]+}, then {@code ([eE][+-]?[0-9]+)?}.
   */
  private static boolean isDecimalText(String text) {
    int n = text.length();
    int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (i < n && text.charAt(i) == '.') {
      i = fractionEnd(text, i);
    } else {
      if (i == n || !isDigit(text.charAt(i))) {
        return false;
      }
      i = text.charAt(i) == '0' ? i + 1 : digitsEnd(text, i);
      if (i < n && text.charAt(i) == '.') {
        i = fractionEnd(text, i);
      }
    }
    if (i < 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int digits = i;
      i = digitsEnd(text, i);
      if (i == digits) {
        return false;
      }
    }
    return i == n;
  }

  /** After the point at {@code point}: the end of its digits, or -1 when there are none. */
  private static int fractionEnd(String text, int point) {
    int end = digitsEnd(text, point + 1);
    return end == point + 1 ? -1 : end;
  }

  /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} at the start of the text. */
  private static boolean isDateText(String text) {
    return isDigits(text, 0, 4)
        && text.charAt(4) == '-'
        && isDigits(text, 5, 7)
        && text.charAt(7) == '-'
        && isDigits(text, 8, 10);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigits(String text, int from, int to) {
    return digitsEnd(text, from) >= to;
  }

  /** The index of the first non-digit at or after {@code from}. */
  private static int digitsEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The ASCII digits from {@code from} to {@code to} as a number (at most 9 of them). */
  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  private static boolean isTimestampWithZoneText(String text) {
    var matcher = TIMESTAMP.matcher(text);
    return matcher.matches() && matcher.group(1) != null;
  }
}
