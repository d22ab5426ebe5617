package io.hivewire.config;

import io.hivewire.routing.log.kafka.KafkaLogSettings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A validated configuration together with the raw values and their origins, and the Kafka client
 * properties passed through by name.
 */
public record LoadedConfig(
    HivewireConfig config,
    Map<ConfigKey, ConfigValue> values,
    Map<String, ConfigValue> kafkaProperties) {

  public LoadedConfig {
    Objects.requireNonNull(config, "config is null");
    values = Map.copyOf(new EnumMap<>(Objects.requireNonNull(values, "values is null")));
    kafkaProperties =
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(kafkaProperties, "kafkaProperties is null")));
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
    kafkaProperties.forEach(
        (name, value) ->
            out.append(
                String.format(
                    line,
                    ConfigLoader.KAFKA_PROPERTIES + "." + name,
                    KafkaLogSettings.isSecret(name) ? "***" : value.value(),
                    value.origin())));
    return out.toString();
  }
}
