package io.hivewire.source.schema;

import io.hivewire.reader.csv.TextValues;

/**
 * The narrowest type a CSV field's text fits, and how two kinds seen in one column widen: equal
 * kinds stay, BIGINT with DOUBLE is DOUBLE, DATE with TIMESTAMP is TIMESTAMP, anything else mixed
 * is VARCHAR (which holds every value unchanged).
 */
enum CsvValueKind {
  BOOLEAN(ColumnType.Primitive.BOOLEAN),
  BIGINT(ColumnType.Primitive.BIGINT),
  DOUBLE(ColumnType.Primitive.DOUBLE),
  DATE(ColumnType.Primitive.DATE),
  TIMESTAMP(ColumnType.Primitive.TIMESTAMP),
  TIMESTAMP_TZ(ColumnType.Primitive.TIMESTAMP_TZ),
  VARCHAR(ColumnType.Primitive.VARCHAR);

  private final ColumnType columnType;

  CsvValueKind(ColumnType columnType) {
    this.columnType = columnType;
  }

  ColumnType columnType() {
    return columnType;
  }

  /**
   * The kind of one non-empty field. An integer beyond the 64-bit range is VARCHAR, not DOUBLE:
   * such values are identifiers (order numbers, card tokens) whose digits must all survive.
   */
  static CsvValueKind of(String text) {
    if (TextValues.parseBoolean(text).isPresent()) {
      return BOOLEAN;
    }
    if (TextValues.parseLong(text).isPresent()) {
      return BIGINT;
    }
    if (TextValues.isIntegerText(text)) {
      return VARCHAR;
    }
    if (TextValues.parseDouble(text).isPresent()) {
      return DOUBLE;
    }
    if (TextValues.parseDate(text).isPresent()) {
      return DATE;
    }
    if (TextValues.parseTimestamp(text).isPresent()) {
      return TIMESTAMP;
    }
    if (TextValues.parseTimestampWithZone(text).isPresent()) {
      return TIMESTAMP_TZ;
    }
    return VARCHAR;
  }

  /** The narrowest kind that holds values of both kinds. */
  CsvValueKind widen(CsvValueKind other) {
    if (this == other) {
      return this;
    }
    if (either(other, BIGINT, DOUBLE)) {
      return DOUBLE;
    }
    if (either(other, DATE, TIMESTAMP)) {
      return TIMESTAMP;
    }
    return VARCHAR;
  }

  private boolean either(CsvValueKind other, CsvValueKind a, CsvValueKind b) {
    return (this == a && other == b) || (this == b && other == a);
  }
}
