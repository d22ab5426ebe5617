package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivewire kafka} as a user runs it: Kafka's own server from the jars Maven resolved at
 * build time, formatted under the data dir on the first start and reused on the next, taking a
 * record from a producer and handing it to a consumer, and stopping on Ctrl+C.
 */
class KafkaCommandIT {

  private static final Duration START = Duration.ofMinutes(3);
  private static final String TOPIC = "tried-out";

  @TempDir Path workingDir;
  @TempDir Path logs;

  @Test
  void aSecondStartReusesTheStorageAndStillHoldsWhatTheFirstAccepted() throws Exception {
    Path dataDir = workingDir.resolve("data");
    int port = freePort();
    int controllerPort = freePort();
    String bootstrap = "127.0.0.1:" + port;
    String value = "hello " + UUID.randomUUID();

    try (ChildProcess first = start("first", dataDir, port, controllerPort)) {
      first.awaitOutput("Press Ctrl+C to stop.", START);
      assertThat(first.stdout())
          .contains("Bootstrap servers: " + bootstrap)
          .contains("event-log.kafka.bootstrap-servers: " + bootstrap)
          .contains(dataDir.resolve("kafka") + " (formatted now, cluster id ");
      produce(bootstrap, value);
      assertThat(consumeAll(bootstrap)).containsExactly(value);
    }
    String clusterId = Files.readString(dataDir.resolve("kafka").resolve("cluster.id")).strip();
    assertThat(dataDir.resolve("kafka/data/meta.properties")).content().contains(clusterId);

    ChildProcess second = start("second", dataDir, port, controllerPort);
    try {
      second.awaitOutput("Press Ctrl+C to stop.", START);
      assertThat(second.stdout())
          .contains(dataDir.resolve("kafka") + " (reused, cluster id " + clusterId + ")");
      assertThat(consumeAll(bootstrap)).containsExactly(value);
    } finally {
      // As Ctrl+C: the broker is stopped, and the command says so and exits cleanly.
      second.close();
    }
    // 143: the JVM's status after a SIGTERM, once its shutdown (stopping the broker) has run.
    assertThat(second.awaitExit(Duration.ofSeconds(10))).as(second.output()).isEqualTo(143);
    assertThat(second.stdout())
        .contains("Kafka stopped; its data stays in " + dataDir.resolve("kafka"));
    assertThat(isFree(port)).as("the broker's port, once stopped").isTrue();
  }

  private ChildProcess start(String name, Path dataDir, int port, int controllerPort)
      throws IOException {
    return ChildProcess.start(
        workingDir,
        logs,
        name,
        "kafka",
        "--data-dir",
        dataDir.toString(),
        "--port",
        Integer.toString(port),
        "--controller-port",
        Integer.toString(controllerPort),
        "--server-classpath",
        serverClasspath().toString());
  }

  private static Path serverClasspath() {
    String file = System.getProperty("hivewire.kafka.classpath");
    assertThat(file)
        .as("the build passes hivewire-kafka's class path file as hivewire.kafka.classpath")
        .isNotNull();
    return Path.of(file);
  }

  private static void produce(String bootstrap, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, "user-1", value)).get();
    }
  }

  /** Every value of the topic's only partition, from its start. */
  private static List<String> consumeAll(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(60)).get(partition);
      List<String> values = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (consumer.position(partition, Duration.ofSeconds(60)) < end
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
