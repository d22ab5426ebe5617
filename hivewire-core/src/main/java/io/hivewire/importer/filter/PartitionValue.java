package io.hivewire.importer.filter;

import io.hivewire.source.schema.ColumnType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** A partition value typed by its column's type, so that comparisons order as the type does. */
record PartitionValue(Comparable<Object> value) {

  /** The partition column types a filter can compare. */
  static boolean supports(ColumnType type) {
    return type == ColumnType.Primitive.BIGINT
        || type == ColumnType.Primitive.INTEGER
        || type == ColumnType.Primitive.DATE
        || type == ColumnType.Primitive.BOOLEAN
        || type == ColumnType.Primitive.VARCHAR;
  }

  /** The value of {@code text} as {@code type}; empty when it is not one. */
  @SuppressWarnings("unchecked")
  static Optional<PartitionValue> of(ColumnType type, String text) {
    try {
      Object value =
          switch (type) {
            case ColumnType.Primitive.BIGINT, ColumnType.Primitive.INTEGER ->
                Long.parseLong(text.trim());
            case ColumnType.Primitive.DATE -> LocalDate.parse(text.trim());
            case ColumnType.Primitive.BOOLEAN -> parseBoolean(text);
            default -> text;
          };
      return Optional.of(new PartitionValue((Comparable<Object>) value));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new NumberFormatException("not a boolean: " + text);
    };
  }

  int compareTo(PartitionValue other) {
    return value.compareTo(other.value);
  }
}
