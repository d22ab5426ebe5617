package io.hivewire.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How log lines are written: {@code text} for people, {@code json} lines for log collectors. */
public enum LogFormat {
  TEXT,
  JSON;

  /** The accepted values, as an error message names them. */
  static final String CHOICES = "text or json";

  /** The format named {@code value} (either case), if it is one. */
  public static Optional<LogFormat> parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> Optional.of(TEXT);
      case "json" -> Optional.of(JSON);
      default -> Optional.empty();
    };
  }

  /**
   * The format {@code HIVEWIRE_LOGGING_FORMAT} names, for the lines logged before a command has
   * loaded its configuration, and by commands that load none; {@link #TEXT} when it is not set.
   *
   * @throws ConfigException when the variable holds neither value
   */
  public static LogFormat fromEnvironment(Map<String, String> environment) {
    String name = ConfigKey.LOGGING_FORMAT.envName();
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return TEXT;
    }
    return parse(value)
        .orElseThrow(
            () ->
                new ConfigException(
                    name
                        + " = '"
                        + value
                        + "' is not valid: enter "
                        + CHOICES
                        + " (YAML key "
                        + ConfigKey.LOGGING_FORMAT.path()
                        + ")"));
  }
}
