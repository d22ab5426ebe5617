package io.hivewire.routing.log;

import java.util.Arrays;
import java.util.Locale;

/**
 * The three kinds of first-party data that routing writes, each under its own {@code type=} prefix.
 */
public enum RecordType {
  EVENTS("events", true),
  SYNC_ALIASES("sync_aliases", true),
  SEGMENT("segment", false);

  private final String wireName;
  private final boolean hourlyPartitioned;

  RecordType(String wireName, boolean hourlyPartitioned) {
    this.wireName = wireName;
    this.hourlyPartitioned = hourlyPartitioned;
  }

  /**
   * Whether records of this type come as snapshots: each appended in one call, all its records with
   * the same time, and each written as a file of its own so the newest file is the whole list.
   */
  public boolean snapshots() {
    return !hourlyPartitioned;
  }

  /** The value after {@code type=} in object keys and on the command line. */
  public String wireName() {
    return wireName;
  }

  /** Whether files of this type go under {@code year=/month=/day=/hour=}. */
  public boolean hourlyPartitioned() {
    return hourlyPartitioned;
  }

  /** Parses {@code events}, {@code sync_aliases} or {@code segment}. */
  public static RecordType fromWireName(String name) {
    for (RecordType t : values()) {
      if (t.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown record type '"
            + name
            + "': use one of "
            + Arrays.stream(values()).map(RecordType::wireName).toList());
  }
}
