package io.hivewire.source.schema;

import java.util.Locale;

/** Where a column's values come from: the data files, or the Hive partition directories. */
public enum ColumnOrigin {
  FILE,
  PARTITION;

  /** {@code file} or {@code partition}, as in the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
