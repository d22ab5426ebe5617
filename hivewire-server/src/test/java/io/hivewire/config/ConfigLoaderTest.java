package io.hivewire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.wal.WalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static LoadedConfig load(
      Optional<Path> file, Map<String, String> env, Map<ConfigKey, String> flags) {
    return new ConfigLoader(file, env, flags).load();
  }

  @Test
  void defaultsListenOnLocalhostWithEmbeddedDatabase() {
    HivewireConfig config = load(Optional.empty(), Map.of(), Map.of()).config();

    assertThat(config.http()).isEqualTo(new HttpConfig("127.0.0.1", 8080));
    assertThat(config.dataDir()).isEqualTo(Path.of("hivewire-data").toAbsolutePath());
    assertThat(config.database()).isEqualTo(new DatabaseConfig.Embedded(5433, 10));
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.localS3().enabled()).isFalse();
  }

  @Test
  void describedConfigurationKeepsValuesAndOriginsInColumnsForTheLongestKeyAndValue() {
    LoadedConfig loaded =
        load(
            Optional.empty(),
            Map.of("HIVEWIRE_DATA_DIR", "/a/data/dir/longer/than/the/forty/characters/of/a/column"),
            Map.of());

    List<String> lines = loaded.describe().lines().toList();

    Set<Integer> valueColumns = new HashSet<>();
    Set<Integer> originColumns = new HashSet<>();
    for (int i = 0; i < ConfigKey.values().length; i++) {
      ConfigKey key = ConfigKey.values()[i];
      String line = lines.get(i);
      assertThat(line).startsWith("  " + key.path() + " ");
      int value = 2 + key.path().length();
      while (line.charAt(value) == ' ') {
        value++;
      }
      valueColumns.add(value);
      String origin = loaded.values().get(key).origin();
      assertThat(line).endsWith(" " + origin);
      originColumns.add(line.length() - origin.length());
    }
    assertThat(valueColumns).as(loaded.describe()).hasSize(1);
    assertThat(originColumns).as(loaded.describe()).hasSize(1);
  }

  @Test
  void environmentOverridesFileAndFlagsOverrideEnvironment() throws Exception {
    Path yaml = dir.resolve("hivewire.yaml");
    Files.writeString(yaml, "http:\n  host: 0.0.0.0\n  port: 9001\ndiscovery:\n  parallelism: 3\n");

    HivewireConfig config =
        load(
                Optional.of(yaml),
                Map.of("HIVEWIRE_HTTP_PORT", "9002", "HIVEWIRE_DISCOVERY_PARALLELISM", "5"),
                Map.of(ConfigKey.HTTP_PORT, "9003"))
            .config();

    assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 9003));
    assertThat(config.work().discoveryParallelism()).isEqualTo(5);
  }

  @Test
  void forwardedHeadersAreBelievedOnlyWhenTheOperatorSaysSo() {
    assertThat(load(Optional.empty(), Map.of(), Map.of()).config().http().trustForwardedHeaders())
        .isFalse();
    assertThat(
            load(
                    Optional.empty(),
                    Map.of("HIVEWIRE_HTTP_TRUST_FORWARDED_HEADERS", "true"),
                    Map.of())
                .config()
                .http())
        .isEqualTo(new HttpConfig("127.0.0.1", 8080, true));
  }

  @Test
  void everyKeyHasItsOwnEnvironmentVariable() {
    assertThat(ConfigKey.DB_URL.envName()).isEqualTo("HIVEWIRE_DB_URL");
    assertThat(ConfigKey.API_KEY.envName()).isEqualTo("HIVEWIRE_API_KEY");
    assertThat(ConfigKey.LOCAL_S3_SECRET_KEY.envName()).isEqualTo("HIVEWIRE_LOCAL_S3_SECRET_KEY");
    assertThat(java.util.stream.Stream.of(ConfigKey.values()).map(ConfigKey::envName).distinct())
        .hasSize(ConfigKey.values().length);
  }

  @Test
  void theEventLogQuotaIsAKeyOfItsOwnWithTheLogsDefault() {
    assertThat(load(Optional.empty(), Map.of(), Map.of()).config().collect().eventLogMaxBytes())
        .isEqualTo(WalSettings.DEFAULT_MAX_BYTES);
    assertThat(
            load(Optional.empty(), Map.of("HIVEWIRE_EVENT_LOG_MAX_BYTES", "65536"), Map.of())
                .config()
                .collect()
                .eventLogMaxBytes())
        .isEqualTo(65536);
  }

  @Test
  void anEventLogQuotaTooSmallForTwoSegmentsIsRejectedNamingTheKey() {
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of("HIVEWIRE_EVENT_LOG_MAX_BYTES", "4095"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("event-log.max-bytes = '4095'")
        .hasMessageContaining("at least 4096")
        .hasMessageContaining("HIVEWIRE_EVENT_LOG_MAX_BYTES");
  }

  @Test
  void externalDatabaseNeedsAUser() {
    assertThatThrownBy(
            () ->
                load(
                    Optional.empty(),
                    Map.of("HIVEWIRE_DB_URL", "jdbc:postgresql://db:5432/hivewire"),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("HIVEWIRE_DB_USER");

    HivewireConfig config =
        load(
                Optional.empty(),
                Map.of(
                    "HIVEWIRE_DB_URL", "jdbc:postgresql://db:5432/hivewire",
                    "HIVEWIRE_DB_USER", "hw",
                    "HIVEWIRE_DB_PASSWORD", "s3cret"),
                Map.of())
            .config();
    assertThat(config.database()).isInstanceOf(DatabaseConfig.External.class);
    assertThat(config.database().toString()).doesNotContain("s3cret");
  }

  @Test
  void badValueNamesKeyOriginAndWhatToEnter() {
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of("HIVEWIRE_HTTP_PORT", "eighty"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "http.port = 'eighty' (from environment HIVEWIRE_HTTP_PORT) is not valid: enter a port"
                + " number 0..65535 (YAML key http.port, environment HIVEWIRE_HTTP_PORT)");
  }

  @Test
  void unknownYamlKeyAndEnvironmentVariableAreRejected() throws Exception {
    Path yaml = dir.resolve("typo.yaml");
    Files.writeString(yaml, "http:\n  prot: 1\n");

    assertThatThrownBy(() -> load(Optional.of(yaml), Map.of(), Map.of()))
        .hasMessageContaining("unknown key 'http.prot'");
    assertThatThrownBy(() -> load(Optional.empty(), Map.of("HIVEWIRE_HTTP_PROT", "1"), Map.of()))
        .hasMessageContaining("HIVEWIRE_HTTP_PROT");
  }

  @Test
  void describeHidesSecretsAndShowsOrigins() {
    LoadedConfig loaded =
        load(Optional.empty(), Map.of("HIVEWIRE_API_KEY", "very-secret-key"), Map.of());

    assertThat(loaded.describe())
        .doesNotContain("very-secret-key")
        .doesNotContain("hivewire-local-secret")
        .containsPattern("api-key\\s+\\*\\*\\*\\s+environment HIVEWIRE_API_KEY");
    assertThat(loaded.config().apiKey().orElseThrow().toString()).isEqualTo("***");
  }

  @Test
  void accountIdIsTakenFromTheRoleArn() {
    HivewireConfig config =
        load(
                Optional.empty(),
                Map.of("HIVEWIRE_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/reader"),
                Map.of())
            .config();

    assertThat(config.source().accountId()).contains("123456789012");
  }

  @Test
  void dataDirIsResolvedOnceToAnAbsoluteNormalisedPath() {
    HivewireConfig config =
        load(Optional.empty(), Map.of("HIVEWIRE_DATA_DIR", "./a/../hivewire-data/./"), Map.of())
            .config();

    assertThat(config.dataDir())
        .isAbsolute()
        .isEqualTo(Path.of("").toAbsolutePath().resolve("hivewire-data"));
    assertThat(config.dataDir().toString()).doesNotContain("./").doesNotContain("..");
  }

  @Test
  void missingConfigFileSaysItDoesNotExistAndWhatToDo() {
    Path missing = dir.resolve("nothere.yaml");

    assertThatThrownBy(() -> load(Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "the configuration file "
                + missing
                + " does not exist: give the path of your YAML file with --config (the README's"
                + " Configuration section lists the keys), or leave --config out to use the"
                + " defaults");
  }
}
