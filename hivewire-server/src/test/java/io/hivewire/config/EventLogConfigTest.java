package io.hivewire.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code event-log.*}: the local log by default, Kafka with its client properties passed through.
 */
class EventLogConfigTest {

  @TempDir Path dir;

  @Test
  void theLocalLogIsTheDefault() {
    LoadedConfig loaded = new ConfigLoader(Optional.empty(), Map.of(), Map.of()).load();

    assertThat(loaded.config().collect().eventLog().kafka()).isEmpty();
  }

  @Test
  void kafkaTakesItsPropertiesFromTheFileAndTheEnvironmentAsTheyAreAndPrintsSecretsMasked()
      throws Exception {
    Path file = dir.resolve("hivewire.yaml");
    Files.writeString(
        file,
        """
        event-log:
          kind: kafka
          kafka:
            bootstrap-servers: broker-1:9092,broker-2:9092
            partitions: 6
            properties:
              security.protocol: SASL_SSL
              sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="hunter2";
        """);
    LoadedConfig loaded =
        new ConfigLoader(
                Optional.of(file),
                Map.of("HIVEWIRE_EVENT_LOG_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512"),
                Map.of())
            .load();

    EventLogConfig.Kafka kafka = loaded.config().collect().eventLog().kafka().orElseThrow();
    assertThat(kafka.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(kafka.topicPrefix()).isEqualTo("hivewire.");
    assertThat(kafka.partitions()).isEqualTo(6);
    assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
    assertThat(kafka.appendTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(kafka.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsKey("sasl.jaas.config");
    String described = loaded.describe();
    assertThat(described)
        .contains("event-log.kafka.properties.security.protocol")
        .contains("SASL_SSL")
        .contains("event-log.kafka.properties.sasl.jaas.config")
        .doesNotContain("hunter2");
    assertThat(kafka.toString()).doesNotContain("hunter2");
    assertThat(kafka.settings("node-1").toString()).doesNotContain("hunter2");
  }

  @Test
  void kafkaWithoutBrokersIsRefusedNamingTheKeyToSet() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Optional.empty(), Map.of("HIVEWIRE_EVENT_LOG_KIND", "kafka"), Map.of())
                    .load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("event-log.kafka.bootstrap-servers");
  }

  @Test
  void anUnknownKindIsRefused() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Optional.empty(), Map.of("HIVEWIRE_EVENT_LOG_KIND", "redis"), Map.of())
                    .load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("event-log.kind");
  }
}
