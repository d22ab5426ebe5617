package io.hivewire.source.discovery;

import io.hivewire.source.schema.ColumnType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Infers a partition column's type from all of its values, safely: a type is chosen only when every
 * value reads back as exactly what was written, so {@code month=01} stays text (a number would lose
 * the leading zero). NULL values do not take part; a key with only NULLs is text.
 */
public final class PartitionValueTypes {

  private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,18}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private PartitionValueTypes() {}

  /** BIGINT, DATE or BOOLEAN when every non-NULL value is one, else VARCHAR. */
  public static ColumnType.Primitive infer(Collection<Optional<String>> values) {
    var present = values.stream().flatMap(Optional::stream).toList();
    if (present.isEmpty()) {
      return ColumnType.Primitive.VARCHAR;
    }
    if (present.stream().allMatch(PartitionValueTypes::isCanonicalInteger)) {
      return ColumnType.Primitive.BIGINT;
    }
    if (present.stream().allMatch(PartitionValueTypes::isIsoDate)) {
      return ColumnType.Primitive.DATE;
    }
    if (present.stream().allMatch(isBoolean())) {
      return ColumnType.Primitive.BOOLEAN;
    }
    return ColumnType.Primitive.VARCHAR;
  }

  static boolean isCanonicalInteger(String value) {
    if (!CANONICAL_INTEGER.matcher(value).matches()) {
      return false;
    }
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isIsoDate(String value) {
    if (!ISO_DATE.matcher(value).matches()) {
      return false;
    }
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Predicate<String> isBoolean() {
    return value -> value.equals("true") || value.equals("false");
  }
}
