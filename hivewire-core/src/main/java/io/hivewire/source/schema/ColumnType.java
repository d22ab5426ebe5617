package io.hivewire.source.schema;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The type of a table column, in hivewire's own vocabulary (independent of file format and store).
 */
public sealed interface ColumnType {

  /** The type as shown to users and in the API, e.g. {@code BIGINT}, {@code DECIMAL(10,2)}. */
  String sqlName();

  /** Types without parameters. */
  enum Primitive implements ColumnType {
    BOOLEAN,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    DATE,
    TIME,
    /** A timestamp without time zone (local, as written). */
    TIMESTAMP,
    /** A timestamp adjusted to UTC (Parquet isAdjustedToUTC, INT96). */
    TIMESTAMP_TZ,
    VARCHAR,
    VARBINARY,
    UUID,
    /** JSON text (Parquet JSON logical type). */
    JSON;

    @Override
    public String sqlName() {
      return this == TIMESTAMP_TZ ? "TIMESTAMP WITH TIME ZONE" : name();
    }
  }

  /** A fixed-point number. */
  record Decimal(int precision, int scale) implements ColumnType {
    public Decimal {
      if (precision < 1 || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "invalid DECIMAL("
                + precision
                + ","
                + scale
                + "): need 1 <= precision, 0 <= scale <= precision");
      }
    }

    @Override
    public String sqlName() {
      return "DECIMAL(" + precision + "," + scale + ")";
    }
  }

  /** A named field of a struct. */
  record Field(String name, ColumnType type, boolean nullable) {
    public Field {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(type, "type is null");
    }
  }

  /** A group of named fields. */
  record Struct(List<Field> fields) implements ColumnType {
    public Struct {
      fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
    }

    @Override
    public String sqlName() {
      return fields.stream()
          .map(f -> f.name() + " " + f.type().sqlName())
          .collect(Collectors.joining(", ", "STRUCT(", ")"));
    }
  }

  /** A repeated value. */
  record ListOf(ColumnType element) implements ColumnType {
    public ListOf {
      Objects.requireNonNull(element, "element is null");
    }

    @Override
    public String sqlName() {
      return "LIST(" + element.sqlName() + ")";
    }
  }

  /** Key-value pairs. */
  record MapOf(ColumnType key, ColumnType value) implements ColumnType {
    public MapOf {
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String sqlName() {
      return "MAP(" + key.sqlName() + ", " + value.sqlName() + ")";
    }
  }
}
