package io.hivewire.bench;

import io.hivewire.localkafka.KafkaServerClasspath;
import io.hivewire.localkafka.LocalKafka;
import io.hivewire.localkafka.LocalKafkaSettings;
import io.hivewire.locals3.LocalS3;
import io.hivewire.routing.DestinationStatus;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.Sleeper;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.intake.JsonRecordParser;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.LogPartition;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.kafka.KafkaEventLog;
import io.hivewire.routing.log.kafka.KafkaLogSettings;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Routing from Kafka beside routing from the local log over the same events, and the rebalance
 * pause. The same events are appended once to the local write-ahead log and once to a single-broker
 * KRaft Kafka (a child JVM on the same cores, a few partitions), then routed to the in-process S3
 * by fresh consumer groups: from the local log by one worker, from Kafka by one worker and by two
 * (two destinations in one group, as two nodes run them). Then two workers route a steady stream,
 * one of them (a JVM of its own) is killed with SIGKILL, and the time until the survivor reads its
 * partitions again is printed beside the group's session timeout, which bounds it.
 *
 * <p>Run: {@code hivewire-bench/run KafkaRoutingBenchmark [events] [runs] [--partitions=4]
 * [--only=throughput|pause] [--property=name=value...]} (properties go to the Kafka clients).
 */
public final class KafkaRoutingBenchmark {

  static final String BUCKET = "bench";
  static final String PAUSE_GROUP = "pause";
  private static final String TOPIC_PREFIX = "bench-";
  private static final String PAUSE_PREFIX = "pause-";
  private static final double MB = 1_000_000.0;
  private static final int BATCH = 1000;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration DRAIN_EVERY = Duration.ofMillis(200);

  /** Which log a run routes from, and with how many workers. */
  private enum Kind {
    LOCAL("local log (1 partition), 1 worker", 1),
    KAFKA_1("Kafka, 1 worker", 1),
    KAFKA_2("Kafka, 2 workers in one group", 2);

    final String label;
    final int workers;

    Kind(String label, int workers) {
      this.label = label;
      this.workers = workers;
    }
  }

  /**
   * One run: seconds from the workers' start to the first record read (for Kafka, after joining the
   * group), to the last file in the bucket, and to the commit.
   */
  private record Result(
      double firstReadSeconds, double seconds, double committedSeconds, int files) {

    /** From the first record read to the last file in the bucket: the routing, not the joining. */
    double routingSeconds() {
      return seconds - firstReadSeconds;
    }
  }

  /**
   * Warm-up rounds go on until one spends less than this share of its time in this JVM's JIT
   * compiler, so that the measured runs see compiled code, as a node that has routed for a while
   * does: after one warm-up round the Kafka runs still spent 0.3-0.5 s of their 2 s compiling the
   * client's code, on the measured cores.
   */
  private static final double QUIET_JIT_SHARE = 0.05;

  private static final int MAX_WARMUP_ROUNDS = 5;

  private KafkaRoutingBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> properties = new LinkedHashMap<>();
    int partitions = 4;
    String only = "all";
    for (String arg : args) {
      if (arg.startsWith("--partitions=")) {
        partitions = Integer.parseInt(arg.substring("--partitions=".length()));
      } else if (arg.startsWith("--only=")) {
        only = arg.substring("--only=".length());
      } else if (arg.startsWith("--property=")) {
        String[] kv = arg.substring("--property=".length()).split("=", 2);
        properties.put(kv[0], kv[1]);
      } else {
        positional.add(arg);
      }
    }
    if (!positional.isEmpty() && positional.getFirst().equals("--worker-child")) {
      RoutingWorkerChild.run(
          positional.subList(1, positional.size()).toArray(String[]::new), properties);
      return;
    }
    int count = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 400_000;
    int runs = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
    Path dir = Files.createTempDirectory("kafka-routing-bench");
    try (LocalS3 s3 = LocalS3.start(LocalS3.Settings.inMemory("bench-key", "bench-secret"));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()));
        LocalKafka kafka = startKafka(dir.resolve("kafka"))) {
      s3.createBucket(BUCKET);
      String bootstrap = kafka.settings().bootstrapServers();
      System.out.printf(
          "Kafka routing benchmark: a single-broker KRaft Kafka %s in a child JVM, %d partitions"
              + " per topic, %d cores, Kafka client properties %s%n%n",
          kafka.clusterId(),
          partitions,
          Runtime.getRuntime().availableProcessors(),
          properties.isEmpty() ? "(none)" : properties);
      if (only.equals("all") || only.equals("throughput")) {
        throughput(count, runs, partitions, bootstrap, properties, store, dir);
      }
      if (only.equals("all") || only.equals("pause")) {
        pause(partitions, bootstrap, properties, s3, store, dir);
      }
    } finally {
      RoutingBenchmark.deleteTree(dir);
    }
  }

  private static LocalKafka startKafka(Path dir) throws IOException {
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
    return LocalKafka.start(
        new LocalKafkaSettings(dir, port, controllerPort),
        KafkaServerClasspath.read(classpath),
        Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  static KafkaLogSettings kafkaSettings(
      String bootstrap, String topicPrefix, String nodeId, Map<String, String> properties) {
    return kafkaSettings(bootstrap, topicPrefix, 1, nodeId, properties);
  }

  static KafkaLogSettings kafkaSettings(
      String bootstrap,
      String topicPrefix,
      int partitions,
      String nodeId,
      Map<String, String> properties) {
    return new KafkaLogSettings(
        bootstrap, topicPrefix, partitions, (short) 1, properties, nodeId, Duration.ofSeconds(30));
  }

  private static void throughput(
      int count,
      int runs,
      int partitions,
      String bootstrap,
      Map<String, String> properties,
      ObjectStore store,
      Path dir)
      throws Exception {
    List<byte[]> lines = SampleEvents.generate(count, Instant.parse("2026-01-15T12:00:00Z"), 97, 1);
    long bytes = lines.stream().mapToLong(l -> l.length + 1L).sum();
    List<List<LogEntry>> batches = parsed(lines);
    System.out.printf(
        "throughput: %,d events, %.0f bytes each, %.1f MB of JSON, appended once to each log, then"
            + " routed (gzip level %d) by fresh consumer groups from the start of the log until the"
            + " last file is in the in-process S3, timed from the first record read (joining the"
            + " group is the rebalance pause's part); the median of %d rounds after warm-up rounds"
            + " until one spends under %.0f%% of its time in the JIT compiler, each Kafka run set"
            + " against the local log's run of its round; target: routing from Kafka ≥ 80%% of"
            + " routing from the local log per worker%n",
        count,
        (double) bytes / count,
        bytes / MB,
        RoutingSettings.DEFAULT_GZIP_LEVEL,
        runs,
        100 * QUIET_JIT_SHARE);
    try (WalEventLog wal = WalEventLog.open(WalSettings.defaults(dir.resolve("wal")));
        KafkaEventLog kafka =
            KafkaEventLog.open(
                kafkaSettings(bootstrap, TOPIC_PREFIX, partitions, "bench-appender", properties));
        // A log per worker, as each node opens its own once, and a fresh group on it per run.
        KafkaEventLog worker0 =
            KafkaEventLog.open(kafkaSettings(bootstrap, TOPIC_PREFIX, "worker-0", properties));
        KafkaEventLog worker1 =
            KafkaEventLog.open(kafkaSettings(bootstrap, TOPIC_PREFIX, "worker-1", properties))) {
      List<KafkaEventLog> workerLogs = List.of(worker0, worker1);
      // A group that never commits: the local log keeps every segment for the runs that follow.
      wal.addGroup("hold");
      double walSeconds = appendAll(wal, batches);
      double kafkaSeconds = appendAll(kafka, batches);
      System.out.printf(
          "  appended to the local log in %.1f s, to Kafka in %.1f s (%d topics × %d partitions)%n",
          walSeconds, kafkaSeconds, RecordType.values().length, partitions);
      Map<LogPartition, Long> walEnds = ends(wal);
      Map<LogPartition, Long> kafkaEnds = ends(kafka);
      CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
      Map<Kind, List<Result>> results = new LinkedHashMap<>();
      int run = 0;
      boolean warmingUp = true;
      int warmups = 0;
      int round = 0;
      while (round < runs) {
        long roundStart = System.nanoTime();
        long roundCompiling = jit.getTotalCompilationTime();
        for (Kind kind : Kind.values()) {
          long compiling = jit.getTotalCompilationTime();
          Result result =
              kind == Kind.LOCAL
                  ? route(kind, List.of(wal), walEnds, store, dir, "run-" + run++)
                  : route(
                      kind,
                      workerLogs.subList(0, kind.workers),
                      kafkaEnds,
                      store,
                      dir,
                      "run-" + run++);
          System.out.printf(
              "  %s %-31s %6.1f MB/s (first record read after %.2f s, the last file in the bucket"
                  + " %.2f s later; %d ms in the JIT compiler)%n",
              warmingUp ? "warm-up" : "run " + (round + 1) + "  ",
              kind.label,
              bytes / MB / result.routingSeconds(),
              result.firstReadSeconds(),
              result.routingSeconds(),
              jit.getTotalCompilationTime() - compiling);
          if (!warmingUp) {
            results.computeIfAbsent(kind, k -> new ArrayList<>()).add(result);
          }
        }
        if (warmingUp) {
          warmups++;
          double jitShare =
              (jit.getTotalCompilationTime() - roundCompiling)
                  / 1000.0
                  / ((System.nanoTime() - roundStart) / 1e9);
          if (jitShare < QUIET_JIT_SHARE || warmups == MAX_WARMUP_ROUNDS) {
            System.out.printf(
                "  (warmed up in %d rounds: the last spent %.1f%% of its time in the JIT"
                    + " compiler)%n",
                warmups, 100 * jitShare);
            warmingUp = false;
          }
        } else {
          round++;
        }
      }
      double local = median(results.get(Kind.LOCAL), bytes);
      for (Kind kind : Kind.values()) {
        List<Result> of = results.get(kind);
        double mb = median(of, bytes);
        double perWorker = mb / kind.workers;
        String runsShown =
            of.stream()
                .map(r -> String.format("%.1f", bytes / MB / r.routingSeconds()))
                .collect(Collectors.joining(", "));
        Result shown =
            of.stream()
                .sorted(Comparator.comparingDouble(Result::routingSeconds))
                .toList()
                .get(of.size() / 2);
        if (kind == Kind.LOCAL) {
          System.out.printf(
              "  %-31s %6.1f MB/s %,8.0f events/s (runs %s MB/s; %d files, committed after %.2f s)"
                  + " | the ceiling%n",
              kind.label,
              mb,
              count / shown.routingSeconds(),
              runsShown,
              shown.files(),
              shown.committedSeconds());
        } else {
          // The machine's speed drifts over a minute, so each run is set against the local log's
          // run of the same round, just before it.
          List<Result> locals = results.get(Kind.LOCAL);
          double[] shares = new double[of.size()];
          for (int i = 0; i < of.size(); i++) {
            shares[i] = locals.get(i).routingSeconds() / of.get(i).routingSeconds() / kind.workers;
          }
          String sharesShown =
              Arrays.stream(shares)
                  .mapToObj(x -> String.format("%.0f%%", 100 * x))
                  .collect(Collectors.joining(", "));
          Arrays.sort(shares);
          double share = shares[shares.length / 2];
          System.out.printf(
              "  %-31s %6.1f MB/s %,8.0f events/s, %6.1f MB/s per worker → %3.0f%% of the local"
                  + " log's in the same round, the median (rounds %s; ratio of the medians %.0f%%)"
                  + " (runs %s MB/s; %d files, committed after %.2f s)%s%n",
              kind.label,
              mb,
              count / shown.routingSeconds(),
              perWorker,
              100 * share,
              sharesShown,
              100 * perWorker / local,
              runsShown,
              shown.files(),
              shown.committedSeconds(),
              kind == Kind.KAFKA_1
                  ? " | target ≥ 80%: " + (share >= 0.8 ? "met" : "MISSED")
                  : " | together "
                      + Math.round(100 * share * kind.workers)
                      + "% of the local log's");
        }
      }
    }
    System.out.println();
  }

  private static List<List<LogEntry>> parsed(List<byte[]> lines) {
    JsonRecordParser parser = new JsonRecordParser(RecordType.EVENTS);
    List<List<LogEntry>> batches = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += BATCH) {
      List<LogEntry> batch = new ArrayList<>(BATCH);
      for (byte[] line : lines.subList(from, Math.min(lines.size(), from + BATCH))) {
        batch.add(
            ((JsonRecordParser.Result.Record) parser.parse(line, InstantSource.system())).entry());
      }
      batches.add(batch);
    }
    return batches;
  }

  private static double appendAll(EventLog log, List<List<LogEntry>> batches) {
    long start = System.nanoTime();
    List<CompletableFuture<Long>> appends = new ArrayList<>();
    for (List<LogEntry> batch : batches) {
      appends.add(log.appendAsync(batch));
    }
    appends.forEach(CompletableFuture::join);
    return (System.nanoTime() - start) / 1e9;
  }

  private static Map<LogPartition, Long> ends(EventLog log) {
    Map<LogPartition, Long> ends = new LinkedHashMap<>();
    for (LogPartition p : log.partitions()) {
      ends.put(p, log.endOffset(p));
    }
    return ends;
  }

  private static double median(List<Result> results, long bytes) {
    double[] mb = results.stream().mapToDouble(r -> bytes / MB / r.routingSeconds()).toArray();
    Arrays.sort(mb);
    return mb[mb.length / 2];
  }

  /**
   * Routes everything below {@code ends} with one destination per log in {@code logs} (the same
   * group), asking them to close their files once they have read to the end.
   */
  private static Result route(
      Kind kind,
      List<? extends EventLog> logs,
      Map<LogPartition, Long> ends,
      ObjectStore store,
      Path dir,
      String run)
      throws Exception {
    AtomicLong lastUpload = new AtomicLong();
    AtomicInteger files = new AtomicInteger();
    List<RoutingDestination> workers = new ArrayList<>();
    List<SimpleMeterRegistry> meters = new ArrayList<>();
    try {
      for (int w = 0; w < logs.size(); w++) {
        meters.add(new SimpleMeterRegistry());
        RoutingDestination worker =
            new RoutingDestination(
                RoutingSettings.of(
                    run,
                    new S3Location(BUCKET, run + "/"),
                    new WorkerId("worker-" + w),
                    dir.resolve(run + "-state-" + w)),
                logs.get(w),
                store,
                InstantSource.system(),
                meters.getLast(),
                Sleeper.system());
        worker.onUpload(
            f -> {
              files.incrementAndGet();
              lastUpload.accumulateAndGet(System.nanoTime(), Math::max);
            });
        workers.add(worker);
      }
      long start = System.nanoTime();
      workers.forEach(RoutingDestination::start);
      long drainedAt = 0;
      long firstRead = 0;
      while (!committedToEnd(workers, ends)) {
        if (firstRead == 0 && recordsRead(meters) > 0) {
          firstRead = System.nanoTime();
        }
        for (RoutingDestination worker : workers) {
          if (worker.status().state() == DestinationStatus.State.STOPPED) {
            throw new IllegalStateException(kind.label + ": " + worker.status());
          }
        }
        if (System.nanoTime() - start > RUN_TIMEOUT.toNanos()) {
          throw new IllegalStateException(kind.label + ": not routed in " + RUN_TIMEOUT);
        }
        if (System.nanoTime() - drainedAt > DRAIN_EVERY.toNanos()) {
          // Asked again and again: from Kafka, partitions may move between workers meanwhile.
          workers.forEach(RoutingDestination::drain);
          drainedAt = System.nanoTime();
        }
        Thread.sleep(5);
      }
      double committed = (System.nanoTime() - start) / 1e9;
      return new Result(
          (firstRead - start) / 1e9, (lastUpload.get() - start) / 1e9, committed, files.get());
    } finally {
      workers.forEach(RoutingDestination::close);
      store
          .listRecursively(BUCKET, run + "/")
          .forEach(o -> store.delete(new S3Location(BUCKET, o.key())));
    }
  }

  private static double recordsRead(List<SimpleMeterRegistry> meters) {
    return meters.stream()
        .flatMap(m -> m.find("hivewire.routing.records.in").counters().stream())
        .mapToDouble(Counter::count)
        .sum();
  }

  /** Whether the workers together committed every partition up to its end. */
  private static boolean committedToEnd(
      List<RoutingDestination> workers, Map<LogPartition, Long> ends) {
    Map<LogPartition, Long> committed = new HashMap<>();
    for (RoutingDestination worker : workers) {
      committed.putAll(worker.routedPartitions());
    }
    return ends.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  /**
   * The rebalance pause: two workers in one group route a steady stream; one, in a JVM of its own,
   * is killed (SIGKILL), and the survivor's first read of each of its partitions is timed.
   */
  private static void pause(
      int partitions,
      String bootstrap,
      Map<String, String> properties,
      LocalS3 s3,
      ObjectStore store,
      Path dir)
      throws Exception {
    Duration session = sessionTimeout(properties);
    int perSecond = 5000;
    System.out.printf(
        "rebalance pause: 2 workers in one group route a steady %,d events/s (flush 1 s); one, in a"
            + " JVM of its own, is killed with SIGKILL; the time from its death until the other"
            + " reads each of its partitions again, beside the session timeout (%.1f s) that"
            + " bounds it%n",
        perSecond, session.toMillis() / 1000.0);
    AtomicBoolean feeding = new AtomicBoolean(true);
    AtomicReference<Throwable> feedError = new AtomicReference<>();
    AtomicInteger childOwns = new AtomicInteger();
    Process child = null;
    try (KafkaEventLog feed =
            KafkaEventLog.open(
                kafkaSettings(bootstrap, PAUSE_PREFIX, partitions, "bench-feeder", properties));
        ReadWatchingLog survivorLog =
            new ReadWatchingLog(
                KafkaEventLog.open(
                    kafkaSettings(bootstrap, PAUSE_PREFIX, "survivor", properties)));
        RoutingDestination survivor =
            new RoutingDestination(
                RoutingSettings.of(
                        PAUSE_GROUP,
                        new S3Location(BUCKET, "pause/"),
                        new WorkerId("survivor"),
                        dir.resolve("pause-survivor"))
                    .withRotation(
                        RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(1))),
                survivorLog,
                store,
                InstantSource.system(),
                new SimpleMeterRegistry(),
                Sleeper.system())) {
      Thread feeder =
          Thread.ofPlatform()
              .name("bench-feeder")
              .start(() -> feed(feed, perSecond, feeding, feedError));
      child = startChild(bootstrap, properties, s3, dir.resolve("pause-victim"), childOwns);
      survivor.start();
      int total = feed.partitions().size();
      long stableSince = System.nanoTime();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() - stableSince < Duration.ofSeconds(5).toNanos()) {
        int mine = survivor.routedPartitions().size();
        if (mine == 0 || childOwns.get() == 0 || mine + childOwns.get() != total) {
          stableSince = System.nanoTime();
        }
        if (System.nanoTime() > deadline || !child.isAlive()) {
          throw new IllegalStateException(
              "the two workers did not share the partitions: survivor "
                  + mine
                  + ", other "
                  + childOwns.get()
                  + " of "
                  + total);
        }
        Thread.sleep(10);
      }
      Set<LogPartition> victims = new HashSet<>(feed.partitions());
      victims.removeAll(survivor.routedPartitions().keySet());
      String events = PAUSE_PREFIX + RecordType.EVENTS.wireName();
      victims.removeIf(p -> !p.topic().equals(events));
      long death = System.nanoTime();
      survivorLog.watchFrom(death);
      child.destroyForcibly();
      child.waitFor();
      long assigned = 0;
      Map<LogPartition, Long> readAt = new LinkedHashMap<>();
      deadline = death + session.multipliedBy(3).plusMinutes(1).toNanos();
      while (readAt.size() < victims.size()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the survivor did not read " + victims + " again: " + survivor.status());
        }
        if (assigned == 0 && survivor.routedPartitions().keySet().containsAll(victims)) {
          assigned = System.nanoTime();
        }
        for (LogPartition p : victims) {
          survivorLog.firstReadNanos(p).ifPresent(at -> readAt.putIfAbsent(p, at));
        }
        Thread.sleep(2);
      }
      if (assigned == 0) {
        assigned = readAt.values().stream().min(Long::compare).orElseThrow();
      }
      long first = readAt.values().stream().min(Long::compare).orElseThrow();
      long last = readAt.values().stream().max(Long::compare).orElseThrow();
      System.out.printf(
          "  its %d event partitions assigned to the survivor after %.2f s, first read again after"
              + " %.2f s, the last of them after %.2f s | session timeout %.1f s%n",
          victims.size(),
          (assigned - death) / 1e9,
          (first - death) / 1e9,
          (last - death) / 1e9,
          session.toMillis() / 1000.0);
      feeding.set(false);
      feeder.join();
      if (feedError.get() != null) {
        throw new IllegalStateException("feeding failed: " + feedError.get(), feedError.get());
      }
    } finally {
      feeding.set(false);
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  /**
   * The consumers' session timeout: the one given, else the event log's default, else the Kafka
   * client's.
   */
  private static Duration sessionTimeout(Map<String, String> properties) {
    String name = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;
    String given = properties.getOrDefault(name, KafkaEventLog.CONSUMER_DEFAULTS.get(name));
    Object value = given != null ? given : ConsumerConfig.configDef().defaultValues().get(name);
    return Duration.ofMillis(Long.parseLong(String.valueOf(value)));
  }

  private static void feed(
      EventLog log, int perSecond, AtomicBoolean feeding, AtomicReference<Throwable> error) {
    JsonRecordParser parser = new JsonRecordParser(RecordType.EVENTS);
    SplittableRandom random = new SplittableRandom(7);
    int perBatch = perSecond / 50;
    long next = System.nanoTime();
    try {
      while (feeding.get()) {
        List<LogEntry> batch = new ArrayList<>(perBatch);
        for (int i = 0; i < perBatch; i++) {
          byte[] line = SampleEvents.event(random, Instant.now()).getBytes(StandardCharsets.UTF_8);
          batch.add(
              ((JsonRecordParser.Result.Record) parser.parse(line, InstantSource.system()))
                  .entry());
        }
        log.append(batch);
        next += Duration.ofMillis(20).toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      error.set(e);
    }
  }

  private static Process startChild(
      String bootstrap,
      Map<String, String> properties,
      LocalS3 s3,
      Path stateDir,
      AtomicInteger owns)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    String logback = System.getProperty("logback.configurationFile");
    if (logback != null) {
      command.add("-Dlogback.configurationFile=" + logback);
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            KafkaRoutingBenchmark.class.getName(),
            "--worker-child",
            bootstrap,
            PAUSE_PREFIX,
            s3.endpoint().toString(),
            s3.accessKey(),
            s3.secretKey(),
            stateDir.toString()));
    properties.forEach((k, v) -> command.add("--property=" + k + "=" + v));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread.ofPlatform()
        .daemon()
        .name("bench-child-output")
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("owns ")) {
                    owns.set(Integer.parseInt(line.substring("owns ".length())));
                  } else {
                    System.err.println("worker: " + line);
                  }
                }
              } catch (IOException e) {
                // The child was killed: its output ends here.
              }
            });
    return child;
  }
}
