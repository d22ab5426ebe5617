package io.hivewire.source.discovery;

import java.util.Locale;

/** Why a table directory is not offered as a table. */
public enum SkipReason {
  /** No file of the connection's format (nor of the other one) under the table. */
  NO_DATA_FILES,
  /** Partitioning is ALL but files sit directly under the table root. */
  NOT_PARTITIONED,
  /** The files are of the other format, or cannot be read as the connection's format. */
  WRONG_FORMAT,
  /** Files sit under different partition keys, or under a directory that is not key=value. */
  INCONSISTENT_PARTITIONS,
  /** hivewire may not list or read the table's objects. */
  ACCESS_DENIED;

  /** The lowercase name used in JSON, e.g. {@code not_partitioned}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
