package io.hivewire.config;

import io.hivewire.routing.log.kafka.KafkaLogSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the event log lives: the local write-ahead log under the data dir (with its disk quota), or
 * Kafka when {@code kafka} is present.
 */
public record EventLogConfig(long maxBytes, Optional<Kafka> kafka) {

  public EventLogConfig {
    Objects.requireNonNull(kafka, "kafka is null");
  }

  /** The Kafka side: brokers, topics and the client properties passed through as they are. */
  public record Kafka(
      String bootstrapServers,
      String topicPrefix,
      int partitions,
      short replicationFactor,
      Duration appendTimeout,
      Map<String, String> clientProperties) {

    public Kafka {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers is null");
      Objects.requireNonNull(topicPrefix, "topicPrefix is null");
      Objects.requireNonNull(appendTimeout, "appendTimeout is null");
      clientProperties = Map.copyOf(clientProperties);
    }

    /** The settings of this node's log, its producer named after {@code nodeId}. */
    public KafkaLogSettings settings(String nodeId) {
      return new KafkaLogSettings(
          bootstrapServers,
          topicPrefix,
          partitions,
          replicationFactor,
          clientProperties,
          nodeId,
          appendTimeout);
    }

    @Override
    public String toString() {
      return "Kafka["
          + bootstrapServers
          + ", "
          + topicPrefix
          + "*, properties "
          + KafkaLogSettings.redacted(clientProperties)
          + "]";
    }
  }
}
