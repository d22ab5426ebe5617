package io.hivewire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sample configuration at the repository root names every key with its environment variable and
 * default, and loads as it is: a new key cannot be left out of it.
 */
class SampleConfigTest {

  private static final Path SAMPLE = Path.of("..", "hivewire.example.yaml");

  /** A YAML key line, active or commented out: indentation, optional "# ", key, value. */
  private static final Pattern KEY_LINE = Pattern.compile("^( *)(# )?([a-z0-9-]+):(?: (.*))?$");

  /** Each key's dotted path, with its value if the line is active (empty if commented out). */
  private static Map<String, Optional<String>> keysOf(List<String> lines) {
    Map<String, Optional<String>> keys = new LinkedHashMap<>();
    List<String> sections = new ArrayList<>();
    for (String line : lines) {
      Matcher m = KEY_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      int depth = m.group(1).length() / 2;
      while (sections.size() > depth) {
        sections.removeLast();
      }
      if (m.group(4) == null) {
        sections.add(m.group(3));
        continue;
      }
      String path = String.join(".", sections) + (sections.isEmpty() ? "" : ".") + m.group(3);
      keys.put(path, m.group(2) == null ? Optional.of(m.group(4)) : Optional.empty());
    }
    return keys;
  }

  @Test
  void sampleNamesEveryKeyOnceWithItsEnvironmentVariable() throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE);

    Map<String, Optional<String>> keys = keysOf(lines);

    assertThat(keys.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ConfigKey.values()).map(ConfigKey::path).toList());
    String text = String.join("\n", lines);
    assertThat(Arrays.stream(ConfigKey.values()).map(k -> "[" + k.envName() + "]"))
        .allSatisfy(env -> assertThat(text).contains(env));
  }

  @Test
  void activeValuesAreTheDefaultsAndOnlyKeysWithoutDefaultAreCommentedOut() throws IOException {
    Map<String, Optional<String>> keys = keysOf(Files.readAllLines(SAMPLE));

    Map<String, String> shown =
        keys.entrySet().stream()
            .filter(e -> e.getValue().isPresent())
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    Map<String, String> defaults =
        Arrays.stream(ConfigKey.values())
            .filter(k -> !k.defaultValue().isEmpty())
            .collect(Collectors.toMap(ConfigKey::path, ConfigKey::defaultValue));
    assertThat(shown).isEqualTo(defaults);
  }

  @Test
  void sampleLoadsWithTheConfigLoader() {
    LoadedConfig loaded = new ConfigLoader(Optional.of(SAMPLE), Map.of(), Map.of()).load();

    assertThat(loaded.config().http().port()).isEqualTo(8080);
    assertThat(loaded.config().localS3().port()).isEqualTo(9000);
  }
}
