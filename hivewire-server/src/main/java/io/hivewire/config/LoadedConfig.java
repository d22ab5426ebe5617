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

  /**
   * One line per key, secrets shown as {@code ***}, with where each value came from, in columns as
   * wide as the longest key and value.
   */
  public String describe() {
    Map<ConfigKey, String> shown = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      ConfigValue value = values.get(key);
      if (!value.isSet()) {
        shown.put(key, "(not set)");
      } else if (key.secret()) {
        shown.put(key, "***");
      } else {
        shown.put(key, value.value());
      }
    }
    int keyWidth = shown.keySet().stream().mapToInt(k -> k.path().length()).max().orElse(0);
    int valueWidth = shown.values().stream().mapToInt(String::length).max().orElse(0);
    String line = "  %-" + keyWidth + "s %-" + valueWidth + "s %s%n";
    StringBuilder out = new StringBuilder();
    shown.forEach(
        (key, value) ->
            out.append(String.format(line, key.path(), value, values.get(key).origin())));
    return out.toString();
  }
}
