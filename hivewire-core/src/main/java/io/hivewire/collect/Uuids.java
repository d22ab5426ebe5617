package io.hivewire.collect;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict UUID parsing: {@link UUID#fromString} also accepts short forms such as {@code 1-2-3-4-5}.
 */
final class Uuids {

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {}

  /** The UUID in canonical 8-4-4-4-12 form, or empty. */
  static Optional<UUID> parse(String text) {
    return CANONICAL.matcher(text).matches()
        ? Optional.of(UUID.fromString(text))
        : Optional.empty();
  }
}
