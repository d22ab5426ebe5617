package io.hivewire.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own server, single node in KRaft mode, run as a child JVM from Kafka's jars: formats its
 * storage on the first start (the cluster id kept beside it), starts the broker and waits until it
 * takes connections. Closing stops it as Kafka's own shutdown does.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final String META_PROPERTIES = "meta.properties";

  private final LocalKafkaSettings settings;
  private final String clusterId;
  private final boolean formatted;
  private final Process broker;

  private LocalKafka(
      LocalKafkaSettings settings, String clusterId, boolean formatted, Process broker) {
    this.settings = settings;
    this.clusterId = clusterId;
    this.formatted = formatted;
    this.broker = broker;
  }

  /**
   * Prepares the storage under {@code settings.directory()} and starts the broker with {@code java}
   * (a JDK's launcher), returning once it accepts connections.
   */
  public static LocalKafka start(
      LocalKafkaSettings settings, KafkaServerClasspath classpath, Path java) {
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(classpath, "classpath is null");
    Objects.requireNonNull(java, "java is null");
    requireFree(settings.port(), "--port");
    requireFree(settings.controllerPort(), "--controller-port");
    try {
      Files.createDirectories(settings.logFile().getParent());
      String clusterId = clusterId(settings);
      writeConfiguration(settings);
      boolean formatted = false;
      if (!Files.exists(settings.storage().resolve(META_PROPERTIES))) {
        format(settings, classpath, java, clusterId);
        formatted = true;
      }
      Process broker =
          new ProcessBuilder(
                  command(
                      java,
                      settings,
                      classpath,
                      "kafka.Kafka",
                      settings.serverProperties().toString()))
              .inheritIO()
              .start();
      LocalKafka kafka = new LocalKafka(settings, clusterId, formatted, broker);
      try {
        kafka.awaitReady();
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare Kafka's storage under " + settings.directory() + ": " + e.getMessage(),
          e);
    }
  }

  /** The KRaft cluster id: the one the storage holds, else the kept one, else a new one. */
  private static String clusterId(LocalKafkaSettings settings) throws IOException {
    Path meta = settings.storage().resolve(META_PROPERTIES);
    if (Files.exists(meta)) {
      Properties properties = new Properties();
      try (var reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Optional<String> formatted = Optional.ofNullable(properties.getProperty("cluster.id"));
      if (formatted.isPresent()) {
        Files.writeString(settings.clusterIdFile(), formatted.get() + "\n");
        return formatted.get();
      }
    }
    if (Files.exists(settings.clusterIdFile())) {
      return Files.readString(settings.clusterIdFile(), StandardCharsets.US_ASCII).strip();
    }
    String id = newClusterId(new SecureRandom());
    Files.writeString(settings.clusterIdFile(), id + "\n");
    return id;
  }

  /**
   * A random id in Kafka's form (16 bytes, URL-safe base64 without padding); not starting with a
   * dash, which Kafka's command line would read as an option.
   */
  static String newClusterId(SecureRandom random) {
    String id;
    do {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  /** Written at every start: the ports may differ from the last one; the storage does not. */
  private static void writeConfiguration(LocalKafkaSettings settings) throws IOException {
    String host = LocalKafkaSettings.HOST;
    List<String> lines =
        List.of(
            "# Written by `hivewire kafka` at every start: change its flags, not this file.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + host + ":" + settings.controllerPort(),
            "listeners=PLAINTEXT://"
                + host
                + ":"
                + settings.port()
                + ",CONTROLLER://"
                + host
                + ":"
                + settings.controllerPort(),
            "advertised.listeners=PLAINTEXT://" + settings.bootstrapServers(),
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + settings.storage(),
            // One broker: the internal topics cannot have more than one replica.
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0");
    Files.writeString(settings.serverProperties(), String.join("\n", lines) + "\n");
    Files.writeString(settings.logbackConfig(), logback(settings.logFile()));
  }

  /** Warnings and errors on the console; everything at INFO in a size-capped file. */
  private static String logback(Path logFile) {
    String file = logFile.toString().replace("&", "&amp;").replace("<", "&lt;");
    return """
        <configuration>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
            <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>WARN</level></filter>
            <encoder><pattern>kafka %d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <appender name="FILE" class="ch.qos.logback.core.rolling.RollingFileAppender">
            <file>@FILE@</file>
            <rollingPolicy class="ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy">
              <fileNamePattern>@FILE@.%d{yyyy-MM-dd}.%i</fileNamePattern>
              <maxFileSize>10MB</maxFileSize>
              <maxHistory>3</maxHistory>
              <totalSizeCap>50MB</totalSizeCap>
            </rollingPolicy>
            <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger - %msg%n</pattern></encoder>
          </appender>
          <root level="INFO">
            <appender-ref ref="CONSOLE"/>
            <appender-ref ref="FILE"/>
          </root>
        </configuration>
        """
        .replace("@FILE@", file);
  }

  private static void format(
      LocalKafkaSettings settings, KafkaServerClasspath classpath, Path java, String clusterId)
      throws IOException {
    Path output = settings.logFile().resolveSibling("format.log");
    Process format =
        new ProcessBuilder(
                command(
                    java,
                    settings,
                    classpath,
                    "kafka.tools.StorageTool",
                    "format",
                    "--cluster-id",
                    clusterId,
                    "--config",
                    settings.serverProperties().toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    int exit;
    try {
      if (!format.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        format.destroyForcibly();
        throw new LocalKafkaException(
            "formatting Kafka's storage took longer than " + READY_TIMEOUT + ": see " + output);
      }
      exit = format.exitValue();
    } catch (InterruptedException e) {
      format.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("interrupted while formatting Kafka's storage", e);
    }
    if (exit != 0) {
      throw new LocalKafkaException(
          "formatting Kafka's storage under "
              + settings.storage()
              + " failed (exit "
              + exit
              + "): see "
              + output);
    }
  }

  private static List<String> command(
      Path java,
      LocalKafkaSettings settings,
      KafkaServerClasspath classpath,
      String mainClass,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx512m");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlogback.configurationFile=" + settings.logbackConfig());
    if (Runtime.version().feature() >= 23) {
      // Kafka unmaps its index files through sun.misc.Unsafe; newer JDKs warn on every start.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(classpath.asArgument());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private static void requireFree(int port, String flag) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(LocalKafkaSettings.HOST, port));
    } catch (IOException e) {
      throw new LocalKafkaException(
          "port "
              + port
              + " on "
              + LocalKafkaSettings.HOST
              + " is already in use (another Kafka, or another program): stop that, or choose a"
              + " free port with "
              + flag);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      if (!broker.isAlive()) {
        throw new LocalKafkaException(
            "Kafka exited with "
                + broker.exitValue()
                + " while starting: see its messages above and "
                + settings.logFile());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(LocalKafkaSettings.HOST, settings.port()), 500);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new LocalKafkaException(
              "Kafka did not take connections on "
                  + settings.bootstrapServers()
                  + " within "
                  + READY_TIMEOUT
                  + ": see "
                  + settings.logFile());
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalKafkaException("interrupted while waiting for Kafka to start", e);
      }
    }
  }

  public LocalKafkaSettings settings() {
    return settings;
  }

  public String clusterId() {
    return clusterId;
  }

  /** Whether this start formatted new storage (false: it reuses what an earlier start made). */
  public boolean formatted() {
    return formatted;
  }

  /** Blocks until the broker exits on its own or is stopped; its exit code. */
  public int awaitExit() throws InterruptedException {
    return broker.waitFor();
  }

  /** Stops the broker as Kafka's own shutdown does (SIGTERM), killing it if that hangs. */
  @Override
  public void close() {
    if (!broker.isAlive()) {
      return;
    }
    broker.destroy();
    try {
      if (!broker.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      broker.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
