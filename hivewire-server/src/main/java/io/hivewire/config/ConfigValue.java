package io.hivewire.config;

import java.util.Objects;

/** A raw configuration value and where it came from, for error messages and the start-up log. */
public record ConfigValue(String value, String origin) {

  public ConfigValue {
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(origin, "origin is null");
  }

  public boolean isSet() {
    return !value.isBlank();
  }
}
