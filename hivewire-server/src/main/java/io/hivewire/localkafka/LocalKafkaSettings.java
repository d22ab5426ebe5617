package io.hivewire.localkafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A single-node KRaft broker on loopback: its storage directory, the port clients bootstrap from,
 * and the port of its controller.
 */
public record LocalKafkaSettings(Path directory, int port, int controllerPort) {

  /** Loopback only: this broker is for trying hivewire out, not for serving a network. */
  public static final String HOST = "127.0.0.1";

  public LocalKafkaSettings {
    Objects.requireNonNull(directory, "directory is null");
    directory = directory.toAbsolutePath().normalize();
    requirePort(port, "--port");
    requirePort(controllerPort, "--controller-port");
    if (port == controllerPort) {
      throw new IllegalArgumentException(
          "--port and --controller-port are both "
              + port
              + ": the broker and its controller need a port each");
    }
  }

  private static void requirePort(int port, String flag) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          flag + " is " + port + ": choose a port between 1 and 65535");
    }
  }

  /** What clients (and {@code event-log.kafka.bootstrap-servers}) connect to. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** Kafka's log directories: partitions and the KRaft metadata log. */
  Path storage() {
    return directory.resolve("data");
  }

  /** The KRaft cluster id the storage was formatted with, kept beside it. */
  Path clusterIdFile() {
    return directory.resolve("cluster.id");
  }

  Path serverProperties() {
    return directory.resolve("server.properties");
  }

  Path logbackConfig() {
    return directory.resolve("logback.xml");
  }

  /** The broker's own log file. */
  public Path logFile() {
    return directory.resolve("logs").resolve("server.log");
  }
}
