package io.hivewire.config;

import java.util.Objects;

/** A configured secret; {@link #toString()} never shows it. */
public record Secret(String value) {

  public Secret {
    Objects.requireNonNull(value, "value is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
  }

  @Override
  public String toString() {
    return "***";
  }
}
