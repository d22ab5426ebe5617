package io.hivewire.cli;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.LoadedConfig;
import io.hivewire.localkafka.KafkaServerClasspath;
import io.hivewire.localkafka.LocalKafka;
import io.hivewire.localkafka.LocalKafkaException;
import io.hivewire.localkafka.LocalKafkaSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hivewire kafka}: a single-node KRaft Kafka on loopback, for trying several nodes. */
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description =
        "Run a single-node Kafka (KRaft, Kafka's own server) on 127.0.0.1 for trying several"
            + " hivewire nodes; its data under <data-dir>/kafka. Not for production: see the"
            + " README, Running several nodes.")
final class KafkaCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration file (its data-dir is used).")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "hivewire's data directory; Kafka's data goes in its kafka/ (data-dir).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "9092",
      description = "Port clients bootstrap from (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--controller-port",
      paramLabel = "P",
      description = "Port of the KRaft controller (default: --port + 1).")
  Integer controllerPort;

  @Option(
      names = "--server-classpath",
      paramLabel = "FILE",
      description =
          "File listing Kafka's server jars, as Maven's dependency:build-classpath writes it"
              + " (./hivewire kafka passes hivewire-kafka/target/kafka.classpath).")
  Path serverClasspath;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    if (dataDir != null) {
      flags.put(ConfigKey.DATA_DIR, dataDir.toString());
    }
    LoadedConfig config =
        new ConfigLoader(Optional.ofNullable(configFile), System.getenv(), flags).load();
    LocalKafkaSettings settings =
        new LocalKafkaSettings(
            config.config().dataDir().resolve("kafka"),
            port,
            controllerPort != null ? controllerPort : port + 1);
    if (serverClasspath == null) {
      throw new IllegalArgumentException(
          "Kafka's server jars are not part of hivewire's jar: start it as `./hivewire kafka` from"
              + " the source checkout, which resolves them with Maven, or pass --server-classpath"
              + " FILE (written by `./mvnw -pl hivewire-kafka package` to"
              + " hivewire-kafka/target/kafka.classpath)");
    }
    KafkaServerClasspath classpath = KafkaServerClasspath.read(serverClasspath);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "hivewire kafka: starting Kafka "
            + classpath.version()
            + " (KRaft, one node) under "
            + settings.directory()
            + "...");
    out.flush();
    LocalKafka kafka;
    try {
      kafka =
          LocalKafka.start(
              settings, classpath, Path.of(System.getProperty("java.home"), "bin", "java"));
    } catch (LocalKafkaException e) {
      spec.commandLine().getErr().println("hivewire kafka: " + e.getMessage());
      return 1;
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  kafka.close();
                  out.println(
                      "hivewire kafka: Kafka stopped; its data stays in " + settings.directory());
                  out.flush();
                },
                "kafka-shutdown"));
    printReady(out, kafka);
    int exit = kafka.awaitExit();
    if (stopping.get()) {
      return 0;
    }
    spec.commandLine()
        .getErr()
        .println(
            "hivewire kafka: Kafka stopped by itself (exit "
                + exit
                + "): see its messages above and "
                + settings.logFile());
    return 1;
  }

  private static void printReady(PrintWriter out, LocalKafka kafka) {
    LocalKafkaSettings settings = kafka.settings();
    out.println();
    out.println("Kafka is running (a single node: for trying hivewire out, not for production).");
    out.println("  Bootstrap servers: " + settings.bootstrapServers());
    out.println(
        "    give every hivewire node event-log.kafka.bootstrap-servers: "
            + settings.bootstrapServers());
    out.println(
        "  Data:              "
            + settings.directory()
            + (kafka.formatted()
                ? " (formatted now, cluster id " + kafka.clusterId() + ")"
                : " (reused, cluster id " + kafka.clusterId() + ")"));
    out.println("  Log:               " + settings.logFile());
    out.println();
    out.println("Press Ctrl+C to stop.");
    out.flush();
  }
}
