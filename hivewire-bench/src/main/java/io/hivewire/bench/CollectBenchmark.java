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
import io.hivewire.locals3.LocalS3;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Events per second through {@code POST /v2.0/events} (batches of 100, several concurrent clients
 * on loopback, each batch acknowledged only once fsync'ed, routed to S3 meanwhile), printed beside
 * the routing engine's own end-to-end figure over the same events in the same run.
 */
public final class CollectBenchmark {

  private static final int BATCH = 100;
  private static final double MB = 1_000_000.0;

  private CollectBenchmark() {}

  /** The event log collection appends to, named by {@code --log}; another kind is one more case. */
  enum LogKind {
    /** The embedded write-ahead log in the data dir. */
    LOCAL {
      @Override
      EventLog open(Path dir) {
        return WalEventLog.open(WalSettings.defaults(dir.resolve("log")));
      }
    };

    abstract EventLog open(Path dir) throws Exception;

    static LogKind named(String name) {
      for (LogKind kind : values()) {
        if (kind.name().equalsIgnoreCase(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "--log=" + name + " is not an event log kind: use one of " + List.of(values()));
    }
  }

  /**
   * {@code [events] [clients] [--log=local] [--rounds=3]}: each round measures the engine, then
   * collection, so that both see the same load on a shared machine; the median round is the figure.
   */
  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    LogKind kind = LogKind.LOCAL;
    int rounds = 3;
    for (String arg : args) {
      if (arg.startsWith("--log=")) {
        kind = LogKind.named(arg.substring("--log=".length()));
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        positional.add(arg);
      }
    }
    int count = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 50_000;
    int clients = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 4;
    List<byte[]> lines = SampleEvents.generate(count, Instant.parse("2026-01-15T12:00:00Z"), 97, 1);
    long bytes = lines.stream().mapToLong(l -> l.length + 1L).sum();
    List<String> bodies = batches(lines);
    System.out.printf(
        "collection benchmark: %d events in batches of %d, %d clients, %.0f bytes per event,"
            + " %s event log, %d rounds, %d cores%n%n",
        count,
        BATCH,
        clients,
        (double) bytes / count,
        kind.name().toLowerCase(Locale.ROOT),
        rounds,
        Runtime.getRuntime().availableProcessors());
    Path dir = Files.createTempDirectory("collect-bench");
    try (LocalS3 s3 = LocalS3.start(LocalS3.Settings.inMemory("bench-key", "bench-secret"));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()));
        Database database = Database.open(new DatabaseConfig.Embedded(0, 8), dir)) {
      s3.createBucket("bench");
      List<double[]> measured = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        RoutingBenchmark.Result engine =
            RoutingBenchmark.endToEnd(lines, bytes, 1, store, "engine");
        double http =
            throughHttp(bodies, count, clients, database, store, kind, dir.resolve("r" + round));
        System.out.printf(
            "  round %d: engine %,9.0f events/s, POST /v2.0/events %,9.0f events/s (%.0f%%)%n",
            round, count / engine.seconds(), count / http, 100 * engine.seconds() / http);
        measured.add(new double[] {engine.seconds(), http});
      }
      measured.sort(Comparator.comparingDouble(m -> m[0] / m[1]));
      double[] median = measured.get(measured.size() / 2);
      System.out.printf("%nmedian round:%n");
      System.out.printf(
          "  routing engine alone (JSON lines → log + fsync → gzip → S3): %,9.0f events/s"
              + " %6.1f MB/s%n",
          count / median[0], bytes / MB / median[0]);
      System.out.printf(
          "  POST /v2.0/events (validate, append + fsync, 201), routed meanwhile: %,9.0f events/s"
              + " %6.1f MB/s (%.0f%% of the engine)%n",
          count / median[1], bytes / MB / median[1], 100 * median[0] / median[1]);
    } finally {
      RoutingBenchmark.deleteTree(dir);
    }
  }

  /** Seconds until every batch was acknowledged with 201. */
  private static double throughHttp(
      List<String> bodies,
      int count,
      int clients,
      Database database,
      ObjectStore store,
      LogKind kind,
      Path dir)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ApiKeys keys = new ApiKeys(new ApiKeyRepository(database), InstantSource.system());
    String key = keys.create(Set.of(ApiKeys.INGEST_SCOPE), "benchmark");
    Files.createDirectories(dir);
    try (EventLog log = kind.open(dir);
        RoutingDestination destination =
            RoutingBenchmark.destination(
                log,
                store,
                dir.resolve("route"),
                "collect-" + dir.getFileName(),
                RotationPolicy.defaults(),
                1)) {
      destination.start();
      RoutingBenchmark.awaitRunning(destination);
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
        URI uri = URI.create("http://127.0.0.1:" + api.port() + "/v2.0/events");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        send(http, uri, key, bodies.subList(0, Math.min(20, bodies.size())));
        long syncsBefore = log instanceof WalEventLog wal ? wal.syncCount() : 0;
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int client = c;
          done.add(
              pool.submit(
                  () -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = client; i < bodies.size(); i += clients) {
                      mine.add(bodies.get(i));
                    }
                    send(http, uri, key, mine);
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Collection waits on fsync: its count tells how many requests each one acknowledged.
        String syncs =
            log instanceof WalEventLog wal
                ? String.format(
                    Locale.ROOT,
                    "; %d fsyncs, %.1f requests each",
                    wal.syncCount() - syncsBefore,
                    (double) bodies.size() / Math.max(1, wal.syncCount() - syncsBefore))
                : "";
        boolean routed = destination.flush(Duration.ofMinutes(5));
        System.out.printf(
            "  (HTTP run: %d events acknowledged in %.2f s%s; all routed to S3 after %.2f s: %s)%n",
            count, seconds, syncs, (System.nanoTime() - start) / 1e9, routed ? "yes" : "NO");
        return seconds;
      }
    }
  }

  private static void send(HttpClient http, URI uri, String key, List<String> bodies)
      throws Exception {
    for (String body : bodies) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("X-API-Key", key)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 || response.body().contains("\"rejected\":[{")) {
        throw new IllegalStateException(
            "POST /v2.0/events answered " + response.statusCode() + ": " + response.body());
      }
    }
  }

  /** Batches of the sample events without their {@code event_id}, which hivewire assigns. */
  private static List<String> batches(List<byte[]> lines) {
    List<String> bodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int inBatch = 0;
    for (byte[] line : lines) {
      String event =
          new String(line, StandardCharsets.UTF_8).replaceFirst("\"event_id\":\"[^\"]+\",", "");
      body.append(inBatch == 0 ? "[" : ",").append(event);
      if (++inBatch == BATCH) {
        bodies.add(body.append(']').toString());
        body.setLength(0);
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      bodies.add(body.append(']').toString());
    }
    return bodies;
  }
}
