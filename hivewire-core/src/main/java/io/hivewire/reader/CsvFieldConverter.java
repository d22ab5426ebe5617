package io.hivewire.reader;

import io.hivewire.reader.csv.TextValues;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Converts the text of a CSV field to the Java value of a column type, by the same rules schema
 * inference used ({@link TextValues}); the empty text is NULL.
 */
final class CsvFieldConverter {

  private CsvFieldConverter() {}

  /** Whether CSV text can hold values of {@code type} (nested and binary types cannot). */
  static boolean supports(ColumnType type) {
    return type instanceof ColumnType.Decimal
        || (type instanceof Primitive primitive && primitive != Primitive.VARBINARY);
  }

  /**
   * The value of {@code text} as {@code type}; empty for the empty text (NULL).
   *
   * @throws IllegalArgumentException naming the text and the type when it does not convert
   */
  static Optional<Object> convert(String text, ColumnType type) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<?> value =
        switch (type) {
          case ColumnType.Decimal decimal -> decimal(text, decimal);
          case Primitive primitive -> primitive(text, primitive);
          default -> Optional.empty();
        };
    return Optional.of(
        value.orElseThrow(
            () -> new IllegalArgumentException("'" + text + "' is not a " + type.sqlName())));
  }

  private static Optional<?> primitive(String text, Primitive type) {
    return switch (type) {
      case BOOLEAN -> TextValues.parseBoolean(text);
      case INTEGER ->
          TextValues.parseLong(text)
              .filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
              .map(Long::intValue);
      case BIGINT -> TextValues.parseLong(text);
      case REAL -> TextValues.parseDouble(text).map(Double::floatValue);
      case DOUBLE -> TextValues.parseDouble(text);
      case DATE -> TextValues.parseDate(text);
      case TIME -> time(text);
      // A TIMESTAMP column may have been widened from dates: a date is its midnight.
      case TIMESTAMP ->
          TextValues.parseTimestamp(text)
              .or(() -> TextValues.parseDate(text).map(d -> d.atStartOfDay()));
      case TIMESTAMP_TZ -> TextValues.parseTimestampWithZone(text);
      case VARCHAR, JSON -> Optional.of(text);
      case UUID -> uuid(text);
      case VARBINARY -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> decimal(String text, ColumnType.Decimal type) {
    if (TextValues.parseDouble(text).isEmpty()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(text);
    boolean fits =
        value.scale() <= type.scale()
            && value.precision() - value.scale() <= type.precision() - type.scale();
    return fits ? Optional.of(value) : Optional.empty();
  }

  private static Optional<LocalTime> time(String text) {
    try {
      return Optional.of(LocalTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<UUID> uuid(String text) {
    if (text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
