package io.hivewire.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Layers the configuration sources, lowest first: defaults, the YAML file, {@code HIVEWIRE_*}
 * environment variables, command-line flags; then binds and validates the result.
 */
public final class ConfigLoader {

  private final Optional<Path> file;
  private final Map<String, String> environment;
  private final Map<ConfigKey, String> flags;

  /**
   * @param file the YAML file given with {@code --config}, if any
   * @param environment the process environment (only {@code HIVEWIRE_*} entries are read)
   * @param flags values from command-line flags, which win over everything else
   */
  public ConfigLoader(
      Optional<Path> file, Map<String, String> environment, Map<ConfigKey, String> flags) {
    this.file = Objects.requireNonNull(file, "file is null");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
    this.flags = Map.copyOf(Objects.requireNonNull(flags, "flags is null"));
  }

  /**
   * The YAML prefix of Kafka client properties, passed through by name; the environment spells them
   * {@code HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_SASL_MECHANISM} for {@code sasl.mechanism}.
   */
  static final String KAFKA_PROPERTIES = "event-log.kafka.properties";

  private static final String KAFKA_PROPERTIES_ENV = "HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_";

  /** Reads every source and returns the validated configuration with where each value came from. */
  public LoadedConfig load() {
    Map<ConfigKey, ConfigValue> values = new EnumMap<>(ConfigKey.class);
    Map<String, ConfigValue> kafkaProperties = new TreeMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      values.put(key, new ConfigValue(key.defaultValue(), "default"));
    }
    file.ifPresent(path -> readYaml(path, values, kafkaProperties));
    for (ConfigKey key : ConfigKey.values()) {
      String value = environment.get(key.envName());
      if (value != null) {
        values.put(key, new ConfigValue(value.trim(), "environment " + key.envName()));
      }
    }
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(KAFKA_PROPERTIES_ENV)
              && name.length() > KAFKA_PROPERTIES_ENV.length()) {
            String property =
                name.substring(KAFKA_PROPERTIES_ENV.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            kafkaProperties.put(property, new ConfigValue(value.trim(), "environment " + name));
          }
        });
    rejectUnknownEnvironmentVariables();
    flags.forEach((key, value) -> values.put(key, new ConfigValue(value, "command line")));
    return new LoadedConfig(
        new ConfigBinder(values, kafkaProperties).bind(), values, kafkaProperties);
  }

  private void rejectUnknownEnvironmentVariables() {
    String unknown =
        environment.keySet().stream()
            .filter(name -> name.startsWith("HIVEWIRE_"))
            .filter(name -> !name.equals("HIVEWIRE_JAVA_OPTS"))
            .filter(name -> !name.startsWith(KAFKA_PROPERTIES_ENV))
            .filter(name -> Stream.of(ConfigKey.values()).noneMatch(k -> k.envName().equals(name)))
            .sorted()
            .collect(Collectors.joining(", "));
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "unknown environment variable(s) "
              + unknown
              + ": hivewire reads "
              + Stream.of(ConfigKey.values())
                  .map(ConfigKey::envName)
                  .collect(Collectors.joining(", ")));
    }
  }

  private static void readYaml(
      Path path, Map<ConfigKey, ConfigValue> values, Map<String, ConfigValue> kafkaProperties) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "the configuration file "
              + path.toAbsolutePath().normalize()
              + " does not exist: give the path of your YAML file with --config (the README's"
              + " Configuration section lists the keys), or leave --config out to use the defaults",
          e);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read the configuration file " + path + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "the configuration file "
              + path
              + " must hold a YAML mapping such as 'http: {port: 8080}'");
    }
    flatten(path, "", root, values, kafkaProperties);
  }

  private static void flatten(
      Path file,
      String prefix,
      JsonNode node,
      Map<ConfigKey, ConfigValue> values,
      Map<String, ConfigValue> kafkaProperties) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (path.startsWith(KAFKA_PROPERTIES + ".") && value.isValueNode()) {
        kafkaProperties.put(
            path.substring(KAFKA_PROPERTIES.length() + 1),
            new ConfigValue(value.isNull() ? "" : value.asText(), "file " + file));
        continue;
      }
      if (value.isObject()) {
        flatten(file, path, value, values, kafkaProperties);
        continue;
      }
      ConfigKey key =
          ConfigKey.byPath(path)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "unknown key '"
                              + path
                              + "' in "
                              + file
                              + ": the keys are "
                              + Stream.of(ConfigKey.values())
                                  .map(ConfigKey::path)
                                  .collect(Collectors.joining(", "))));
      if (!value.isValueNode()) {
        throw new ConfigException(
            "'" + path + "' in " + file + " must be a single value, not a list");
      }
      values.put(key, new ConfigValue(value.isNull() ? "" : value.asText(), "file " + file));
    }
  }
}
