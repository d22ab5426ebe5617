package io.hivewire.source;

import java.util.Locale;

/** The file format of every table under a schema prefix. */
public enum DataFormat {
  PARQUET,
  CSV;

  /** Parses {@code parquet} or {@code csv}, in any case. */
  public static DataFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown data format '" + value + "': use PARQUET or CSV", e);
    }
  }
}
