package io.hivewire.reader.csv;

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

  private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  private static final Pattern DECIMAL_NUMBER =
      Pattern.compile("-?(?:(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?"
              + "(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?");

  private static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
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
    if (text.length() > 20 || !INTEGER.matcher(text).matches()) {
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
    return INTEGER.matcher(text).matches();
  }

  /** A decimal number (integer, fraction, exponent) that is finite as a double. */
  public static Optional<Double> parseDouble(String text) {
    if (!DECIMAL_NUMBER.matcher(text).matches()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(text);
    return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
  }

  /** A calendar date {@code yyyy-MM-dd} that exists. */
  public static Optional<LocalDate> parseDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text, DATE_FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code yyyy-MM-dd[ T]HH:mm:ss[.fraction]} without a zone. */
  public static Optional<LocalDateTime> parseTimestamp(String text) {
    if (!isTimestampText(text, false)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text, LOCAL_TIMESTAMP_FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code yyyy-MM-dd[ T]HH:mm:ss[.fraction]} followed by {@code Z} or an offset. */
  public static Optional<OffsetDateTime> parseTimestampWithZone(String text) {
    if (!isTimestampText(text, true)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, OFFSET_TIMESTAMP_FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isTimestampText(String text, boolean withZone) {
    var matcher = TIMESTAMP.matcher(text);
    return matcher.matches() && (matcher.group(1) != null) == withZone;
  }
}
