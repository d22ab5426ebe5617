package io.hivewire.store;

import io.hivewire.source.schema.ColumnType;

/** The PostgreSQL type an imported column of each hivewire type gets. */
public final class PostgresTypes {

  private PostgresTypes() {}

  public static String of(ColumnType type) {
    return switch (type) {
      case ColumnType.Decimal d -> "NUMERIC(" + d.precision() + "," + d.scale() + ")";
      case ColumnType.ListOf l -> "JSONB";
      case ColumnType.Struct s -> "JSONB";
      case ColumnType.MapOf m -> "JSONB";
      case ColumnType.Primitive p ->
          switch (p) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case VARCHAR -> "TEXT";
            case VARBINARY -> "BYTEA";
            case UUID -> "UUID";
            case JSON -> "JSONB";
          };
    };
  }

  /** A double-quoted identifier, so any column name is safe and keeps its case. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
