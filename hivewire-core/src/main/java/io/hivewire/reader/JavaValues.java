package io.hivewire.reader;

import io.hivewire.source.schema.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Java class of the values a {@link RowReader} yields for each column type. */
public final class JavaValues {

  private JavaValues() {}

  /**
   * The class of a non-null value of {@code type}: BOOLEAN {@link Boolean}, INTEGER {@link
   * Integer}, BIGINT {@link Long}, REAL {@link Float}, DOUBLE {@link Double}, DECIMAL {@link
   * BigDecimal}, DATE {@link LocalDate}, TIME {@link LocalTime}, TIMESTAMP {@link LocalDateTime},
   * TIMESTAMP WITH TIME ZONE {@link OffsetDateTime} (in UTC for Parquet), VARCHAR and JSON {@link
   * String}, VARBINARY {@code byte[]}, UUID {@link UUID}, LIST {@link List}, STRUCT and MAP {@link
   * Map} (insertion-ordered; a struct maps field names to values).
   */
  public static Class<?> javaClass(ColumnType type) {
    return switch (type) {
      case ColumnType.Decimal d -> BigDecimal.class;
      case ColumnType.ListOf l -> List.class;
      case ColumnType.Struct s -> Map.class;
      case ColumnType.MapOf m -> Map.class;
      case ColumnType.Primitive p ->
          switch (p) {
            case BOOLEAN -> Boolean.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMP_TZ -> OffsetDateTime.class;
            case VARCHAR, JSON -> String.class;
            case VARBINARY -> byte[].class;
            case UUID -> UUID.class;
          };
    };
  }
}
