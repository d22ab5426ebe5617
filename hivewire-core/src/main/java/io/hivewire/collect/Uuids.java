package io.hivewire.collect;

import java.util.Optional;
import java.util.UUID;

/**
 * Strict UUID parsing: {@link UUID#fromString} also accepts short forms such as {@code 1-2-3-4-5}.
 */
final class Uuids {

  private Uuids() {}

  /** The UUID in canonical 8-4-4-4-12 hex form (either case), or empty. */
  static Optional<UUID> parse(String text) {
    return isCanonical(text) ? Optional.of(UUID.fromString(text)) : Optional.empty();
  }

  /** Checked by hand rather than with a regular expression: every event's user id is. */
  private static boolean isCanonical(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
