package io.hivewire.routing.log.kafka;

import io.hivewire.routing.log.RecordType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to reach Kafka and which topics hivewire keeps there: one per record type, named {@code
 * <topicPrefix><type>}, created with {@code partitions} and {@code replicationFactor} when missing.
 * {@code clientProperties} go to every client as they are (TLS, SASL, MSK IAM); {@code nodeId}
 * names this node's transactional producer, so that a restarted node fences its previous
 * incarnation; {@code appendTimeout} bounds how long an append waits for Kafka before it is
 * refused.
 */
public record KafkaLogSettings(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    short replicationFactor,
    Map<String, String> clientProperties,
    String nodeId,
    Duration appendTimeout) {

  private static final List<String> SECRET_WORDS =
      List.of("password", "secret", "jaas", "key", "token", "credential");

  private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,200}");

  public KafkaLogSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers is null");
    Objects.requireNonNull(topicPrefix, "topicPrefix is null");
    Objects.requireNonNull(nodeId, "nodeId is null");
    Objects.requireNonNull(appendTimeout, "appendTimeout is null");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "event-log.kafka.bootstrap-servers is empty: give host:port of at least one broker");
    }
    if (!TOPIC_PREFIX.matcher(topicPrefix).matches()) {
      throw new IllegalArgumentException(
          "topic prefix '"
              + topicPrefix
              + "' is not valid: use letters, digits, '.', '_' or '-' (at most 200)");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replication factor must be at least 1, got " + replicationFactor);
    }
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("a node id is needed to name the producer");
    }
    if (appendTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "appendTimeout must be at least 1 s, got " + appendTimeout);
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * Whether the client property {@code name} holds a secret (passwords, SASL JAAS configurations,
   * keys, tokens): such values are never printed.
   */
  public static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(n::contains);
  }

  /** {@code properties} with every secret value shown as {@code ***}, in name order. */
  public static Map<String, String> redacted(Map<String, String> properties) {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "***" : v));
    return shown;
  }

  @Override
  public String toString() {
    return "KafkaLogSettings[bootstrapServers="
        + bootstrapServers
        + ", topicPrefix="
        + topicPrefix
        + ", partitions="
        + partitions
        + ", replicationFactor="
        + replicationFactor
        + ", clientProperties="
        + redacted(clientProperties)
        + ", nodeId="
        + nodeId
        + ", appendTimeout="
        + appendTimeout
        + "]";
  }

  /** The topic of {@code type}'s records. */
  public String topic(RecordType type) {
    return topicPrefix + type.wireName();
  }

  /** The Kafka group id of hivewire's consumer group {@code group}. */
  public String groupId(String group) {
    return topicPrefix + group;
  }
}
