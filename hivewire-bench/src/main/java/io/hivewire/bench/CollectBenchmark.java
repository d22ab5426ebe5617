package io.hivewire.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.apikeys.ApiKeyRepository;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.app.HivewireApp;
import io.hivewire.collect.EventBatchReader;
import io.hivewire.collect.EventCollector;
import io.hivewire.collect.EventLimits;
import io.hivewire.collect.EventValidator;
import io.hivewire.collect.IdentityResolver;
import io.hivewire.collection.CollectMetrics;
import io.hivewire.collection.CollectRoutes;
import io.hivewire.collection.IdentityRepository;
import io.hivewire.collection.IdentityService;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.HttpConfig;
import io.hivewire.http.ApiServer;
import io.hivewire.http.EventLogFull;
import io.hivewire.http.ServerHealth;
import io.hivewire.localkafka.KafkaServerClasspath;
import io.hivewire.localkafka.LocalKafka;
import io.hivewire.localkafka.LocalKafkaSettings;
import io.hivewire.locals3.LocalS3;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.kafka.KafkaEventLog;
import io.hivewire.routing.log.kafka.KafkaLogSettings;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Events per second through {@code POST /v2.0/events} (batches of 100, several concurrent clients
 * on loopback, each batch acknowledged only once durable), on the local write-ahead log (routed to
 * S3 meanwhile) and on a single-broker Kafka, printed beside the routing engine's own end-to-end
 * figure over the same events in the same rounds, and beside the disk's own fsync rate.
 */
public final class CollectBenchmark {

  private static final int BATCH = 100;
  private static final double MB = 1_000_000.0;
  private static final byte[] ALL_ACCEPTED = "\"rejected\":[]}".getBytes(StandardCharsets.UTF_8);

  private CollectBenchmark() {}

  /** The event logs collection can append to, named by {@code --log}. */
  enum LogKind {
    /** The embedded write-ahead log in the data dir, routed to S3 while collection runs. */
    LOCAL("local log, routed meanwhile"),
    /**
     * A single-broker KRaft Kafka in a child JVM on the same cores (acks=all, one transaction per
     * group of requests); not routed, as routing from Kafka is not built yet.
     */
    KAFKA("Kafka, 1 broker, not routed");

    final String label;

    LogKind(String label) {
      this.label = label;
    }

    static List<LogKind> named(String names) {
      List<LogKind> kinds = new ArrayList<>();
      for (String name : names.split(",")) {
        kinds.add(
            Arrays.stream(values())
                .filter(k -> k.name().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--log="
                                + name
                                + " is not an event log kind: use one or more of local,kafka")));
      }
      return kinds;
    }
  }

  /**
   * {@code [events] [clients] [--log=local,kafka] [--rounds=3] [--warmup=1]}: each round measures
   * the engine, then collection on each log, so that all see the same load on a shared machine;
   * warm-up rounds are printed but not counted; the median of the rounds is the figure.
   */
  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    List<LogKind> kinds = List.of(LogKind.LOCAL, LogKind.KAFKA);
    int rounds = 3;
    int warmup = 1;
    for (String arg : args) {
      if (arg.startsWith("--log=")) {
        kinds = LogKind.named(arg.substring("--log=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else if (arg.startsWith("--warmup=")) {
        warmup = Integer.parseInt(arg.substring("--warmup=".length()));
      } else {
        positional.add(arg);
      }
    }
    int count = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 200_000;
    int clients = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 16;
    List<byte[]> lines = SampleEvents.generate(count, Instant.parse("2026-01-15T12:00:00Z"), 97, 1);
    long bytes = lines.stream().mapToLong(l -> l.length + 1L).sum();
    List<byte[]> bodies = batches(lines);
    System.out.printf(
        "collection benchmark: %,d events in batches of %d, %d concurrent clients (one kept-alive"
            + " connection each, requests prebuilt), %.0f bytes per event, event logs %s,"
            + " %d rounds after %d of warm-up, %d cores%n",
        count,
        BATCH,
        clients,
        (double) bytes / count,
        kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
        rounds,
        warmup,
        Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("collect-bench");
    long requestBytes = bytes / bodies.size();
    double fsyncsPerSecond = fsyncRate(dir, requestBytes, Duration.ofSeconds(2));
    System.out.printf(
        "disk: %,.0f fsyncs/s writing %,d bytes (one request's records) before each (FileChannel"
            + " force); at one request per fsync that caps collection at %,.0f events/s%n%n",
        fsyncsPerSecond, requestBytes, fsyncsPerSecond * BATCH);
    try (LocalS3 s3 = LocalS3.start(LocalS3.Settings.inMemory("bench-key", "bench-secret"));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()));
        Database database = Database.open(new DatabaseConfig.Embedded(0, 8), dir);
        Kafka kafka = kinds.contains(LogKind.KAFKA) ? Kafka.start(dir.resolve("kafka")) : null) {
      s3.createBucket("bench");
      List<double[]> engineRuns = new ArrayList<>();
      Map<LogKind, List<double[]>> measured = new EnumMap<>(LogKind.class);
      for (int round = 1 - warmup; round <= rounds; round++) {
        String label = round < 1 ? "warm-up" : "round " + round;
        long cpuBefore = cpuNanos();
        RoutingBenchmark.Result engine =
            RoutingBenchmark.endToEnd(lines, bytes, 1, store, "engine");
        double engineCpu = (cpuNanos() - cpuBefore) / 1e9;
        StringBuilder cpu =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "  %-8s CPU per event: engine %.1f µs",
                    "",
                    1e6 * engineCpu / count));
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "  %-8s engine %,9.0f events/s",
                    label + ":",
                    count / engine.seconds()));
        for (LogKind kind : kinds) {
          Path runDir = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + "-r" + (round + warmup));
          EventLog log =
              kind == LogKind.LOCAL
                  ? WalEventLog.open(WalSettings.defaults(runDir.resolve("log")))
                  : kafka.log("bench-r" + (round + warmup) + ".");
          HttpRun run = throughHttp(bodies, count, clients, database, store, log, runDir);
          double http = run.seconds();
          cpu.append(
              String.format(
                  Locale.ROOT,
                  ", %s %.1f µs",
                  kind.name().toLowerCase(Locale.ROOT),
                  1e6 * run.cpuSeconds() / count));
          line.append(
              String.format(
                  Locale.ROOT,
                  ", %s %,9.0f events/s (%.0f%%)",
                  kind.name().toLowerCase(Locale.ROOT),
                  count / http,
                  100 * engine.seconds() / http));
          if (round >= 1) {
            measured
                .computeIfAbsent(kind, k -> new ArrayList<>())
                .add(
                    new double[] {
                      count / http,
                      engine.seconds() / http,
                      run.cpuSeconds(),
                      engineCpu / run.cpuSeconds()
                    });
          }
        }
        System.out.println(line);
        System.out.println(cpu);
        if (round >= 1) {
          engineRuns.add(new double[] {engine.seconds(), engineCpu});
        }
      }
      double engine = median(engineRuns.stream().mapToDouble(r -> r[0]).toArray());
      double engineCpu = median(engineRuns.stream().mapToDouble(r -> r[1]).toArray());
      System.out.printf("%nmedian of %d rounds:%n", rounds);
      System.out.printf(
          "  routing engine alone (JSON lines → log + fsync → gzip → S3): %,9.0f events/s"
              + " %6.1f MB/s%n",
          count / engine, bytes / MB / engine);
      System.out.printf("    CPU per event %.1f µs%n", 1e6 * engineCpu / count);
      for (LogKind kind : kinds) {
        List<double[]> runs = measured.get(kind);
        double eventsPerSecond = median(runs.stream().mapToDouble(r -> r[0]).toArray());
        double share = median(runs.stream().mapToDouble(r -> r[1]).toArray());
        System.out.printf(
            "  POST /v2.0/events (%s; 201 once durable): %,9.0f events/s %6.1f MB/s"
                + " (%.0f%% of the engine in the same round)%n",
            kind.label, eventsPerSecond, eventsPerSecond * bytes / count / MB, 100 * share);
        System.out.printf(
            "    CPU per event %.1f µs: on cores of its own, CPU-bound as both are here, %.0f%% of the"
                + " engine%n",
            1e6 * median(runs.stream().mapToDouble(r -> r[2]).toArray()) / count,
            100 * median(runs.stream().mapToDouble(r -> r[3]).toArray()));
      }
      System.out.println(
          "  (CPU: this JVM's and its child processes', the Kafka broker's and PostgreSQL's; a"
              + " collection run's until every event is acknowledged and, on the local log, routed)");
    } finally {
      RoutingBenchmark.deleteTree(dir);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * fsyncs per second of this disk, each after writing {@code bytes}, as the log's writer does: the
   * rate no durable append can beat when each waits on a sync of its own.
   */
  private static double fsyncRate(Path dir, long bytes, Duration duration) throws IOException {
    Path file = dir.resolve("fsync-probe");
    ByteBuffer chunk = ByteBuffer.allocate((int) bytes);
    long syncs = 0;
    long start = System.nanoTime();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (System.nanoTime() - start < duration.toNanos()) {
        chunk.clear();
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
        channel.force(false);
        syncs++;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return syncs / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * CPU time of this process and of its child processes (the Kafka broker, PostgreSQL) so far: the
   * share of the cores each run took, whatever else the machine was doing meanwhile.
   */
  private static long cpuNanos() {
    long nanos =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      nanos += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return nanos;
  }

  /**
   * A collection run: seconds until every batch was acknowledged with 201, and the CPU seconds it
   * took until then and, on the local log, until every event was routed.
   */
  private record HttpRun(double seconds, double cpuSeconds) {}

  /** Sends every batch and waits for its 201; closes {@code log}. */
  private static HttpRun throughHttp(
      List<byte[]> bodies,
      int count,
      int clients,
      Database database,
      ObjectStore store,
      EventLog log,
      Path dir)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ApiKeys keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
    String key = keys.create(Set.of(ApiKeys.INGEST_SCOPE), "benchmark");
    Files.createDirectories(dir);
    try (log;
        RoutingDestination destination =
            log instanceof WalEventLog
                ? RoutingBenchmark.destination(
                    log,
                    store,
                    dir.resolve("route"),
                    "collect-" + dir.getFileName(),
                    RotationPolicy.defaults(),
                    1)
                : null) {
      if (destination != null) {
        destination.start();
        RoutingBenchmark.awaitRunning(destination);
      }
      IdentityService identities =
          new IdentityService(
              new IdentityRepository(database),
              new IdentityResolver(UUID::randomUUID),
              log,
              InstantSource.system());
      EventLimits limits = EventLimits.defaults();
      EventCollector collector =
          new EventCollector(
              new EventBatchReader(
                  limits, json, new EventValidator(limits, json, UUID::randomUUID)),
              identities,
              log,
              InstantSource.system());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (ApiServer api =
              ApiServer.start(
                  new HttpConfig("127.0.0.1", 0),
                  json,
                  HivewireApp.apiKeyVerifier(keys),
                  new ServerHealth(
                      () -> DatabaseStatus.UP, "embedded PostgreSQL", Optional.empty()),
                  registry,
                  List.of(
                      new CollectRoutes(
                          collector,
                          identities,
                          keys,
                          json,
                          16L << 20,
                          new EventLogFull("the benchmark's log is full"),
                          new CollectMetrics(registry))));
          ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        List<List<byte[]>> requests = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          requests.add(new ArrayList<>());
        }
        for (int i = 0; i < bodies.size(); i++) {
          requests
              .get(i % clients)
              .add(LoopbackHttpClient.post(api.port(), "/v2.0/events", key, bodies.get(i)));
        }
        try (LoopbackHttpClient warm = new LoopbackHttpClient(api.port())) {
          for (byte[] request : requests.get(0).subList(0, Math.min(20, requests.get(0).size()))) {
            check(warm.send(request));
          }
        }
        long syncsBefore = log instanceof WalEventLog wal ? wal.syncCount() : 0;
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (List<byte[]> mine : requests) {
          done.add(
              pool.submit(
                  () -> {
                    try (LoopbackHttpClient client = new LoopbackHttpClient(api.port())) {
                      for (byte[] request : mine) {
                        check(client.send(request));
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String detail;
        if (log instanceof WalEventLog wal) {
          // Collection waits on fsync: how many requests each one acknowledged.
          long syncs = wal.syncCount() - syncsBefore;
          boolean routed = destination.flush(Duration.ofMinutes(5));
          detail =
              String.format(
                  Locale.ROOT,
                  "%,d fsyncs (%,.0f/s), %.1f requests each; all routed to S3 after %.2f s: %s",
                  syncs,
                  syncs / seconds,
                  (double) bodies.size() / Math.max(1, syncs),
                  (System.nanoTime() - start) / 1e9,
                  routed ? "yes" : "NO");
        } else {
          detail = "each group of requests one Kafka transaction";
        }
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        System.out.printf(
            "    (%s: %,d events acknowledged in %.2f s; %s)%n",
            log instanceof WalEventLog ? "local log" : "Kafka", count, seconds, detail);
        return new HttpRun(seconds, cpuSeconds);
      }
    }
  }

  private static void check(LoopbackHttpClient.Response response) {
    byte[] body = response.body();
    boolean allAccepted =
        body.length >= ALL_ACCEPTED.length
            && Arrays.equals(
                body,
                body.length - ALL_ACCEPTED.length,
                body.length,
                ALL_ACCEPTED,
                0,
                ALL_ACCEPTED.length);
    if (response.status() != 201 || !allAccepted) {
      throw new IllegalStateException(
          "POST /v2.0/events answered " + response.status() + ": " + response.text());
    }
  }

  /** Batches of the sample events without their {@code event_id}, which hivewire assigns. */
  private static List<byte[]> batches(List<byte[]> lines) {
    List<byte[]> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int inBatch = 0;
    for (byte[] line : lines) {
      String event =
          new String(line, StandardCharsets.UTF_8).replaceFirst("\"event_id\":\"[^\"]+\",", "");
      body.append(inBatch == 0 ? "[" : ",").append(event);
      if (++inBatch == BATCH) {
        bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        body.setLength(0);
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  /**
   * Kafka's own server, one KRaft node in a child JVM ({@code ./hivewire kafka}'s), from the class
   * path the build wrote for the hivewire-kafka module.
   */
  private record Kafka(LocalKafka server) implements AutoCloseable {

    static Kafka start(Path dir) throws IOException {
      Path classpath =
          Path.of(
              System.getProperty(
                  "hivewire.kafka.classpath", "hivewire-kafka/target/kafka.classpath"));
      int port;
      int controllerPort;
      try (ServerSocket a = new ServerSocket(0);
          ServerSocket b = new ServerSocket(0)) {
        port = a.getLocalPort();
        controllerPort = b.getLocalPort();
      }
      return new Kafka(
          LocalKafka.start(
              new LocalKafkaSettings(dir, port, controllerPort),
              KafkaServerClasspath.read(classpath),
              Path.of(System.getProperty("java.home"), "bin", "java")));
    }

    /** The event log on topics of their own, so each run starts empty. */
    EventLog log(String topicPrefix) {
      return KafkaEventLog.open(
          new KafkaLogSettings(
              server.settings().bootstrapServers(),
              topicPrefix,
              12,
              (short) 1,
              Map.of(),
              "bench",
              Duration.ofSeconds(30)));
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
