package io.hivewire.collect;

import java.util.Arrays;
import java.util.Locale;

/** Whether a segment is currently evaluated ({@code ACTIVE}) or kept only for reference. */
public enum AudienceSegmentState {
  ACTIVE,
  INACTIVE,
  ARCHIVED;

  /** Parses a state name case-insensitively, naming the allowed values when it is unknown. */
  public static AudienceSegmentState parse(String value) {
    for (AudienceSegmentState state : values()) {
      if (state.name().equals(value.toUpperCase(Locale.ROOT))) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "segment state '" + value + "' is unknown: use one of " + Arrays.toString(values()));
  }
}
