package io.hivewire.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A validated configuration together with the raw values and their origins. */
public record LoadedConfig(HivewireConfig config, Map<ConfigKey, ConfigValue> values) {

  public LoadedConfig {
    Objects.requireNonNull(config, "config is null");
    values = Map.copyOf(new EnumMap<>(Objects.requireNonNull(values, "values is null")));
  }

  /** One line per key, secrets shown as {@code ***}, with where each value came from. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (ConfigKey key : ConfigKey.values()) {
      ConfigValue value = values.get(key);
      String shown;
      if (!value.isSet()) {
        shown = "(not set)";
      } else if (key.secret()) {
        shown = "***";
      } else {
        shown = value.value();
      }
      out.append(String.format("  %-28s %-40s %s%n", key.path(), shown, value.origin()));
    }
    return out.toString();
  }
}
