package io.hivewire.source;

import java.util.Locale;

/** Whether all tables of a connection are Hive-partitioned, or none are. */
public enum Partitioning {
  /** Files sit under {@code key=value/} directories that become columns; others are skipped. */
  ALL,
  /** Every file under a table, at any depth, is read; {@code key=value/} is a plain directory. */
  NONE;

  /** Parses {@code all} or {@code none}, in any case. */
  public static Partitioning parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown partitioning '" + value + "': use ALL (all tables are partitioned) or NONE", e);
    }
  }
}
