package io.hivewire.bench;

import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.RequestCounts;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.schema.SchemaReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Discovery over a schema of 100,000 small objects in 1,000+ Hive partitions, printed beside its
 * ceiling: one bare paged ListObjectsV2 of the same prefix. Runs against the in-memory store (the
 * cost of hivewire itself) and then the in-process S3Proxy (the S3 protocol).
 *
 * <p>Arguments (all optional): {@code tables partitionsPerTable filesPerPartition parallelism...},
 * default {@code 5 250 80 1 4 16 64}.
 */
public final class DiscoveryBenchmark {

  private static final String BUCKET = "bench";
  private static final String PREFIX = "schema/";
  private static final byte[] CSV =
      "user_id,event,amount,at\nu1,view,3,2025-01-01T00:00:00\nu2,buy,7,2025-01-01T00:00:01\n"
          .getBytes(StandardCharsets.UTF_8);
  private static final int WRITERS = 64;

  private DiscoveryBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    int tables = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int partitionsPerTable = args.length > 1 ? Integer.parseInt(args[1]) : 250;
    int filesPerPartition = args.length > 2 ? Integer.parseInt(args[2]) : 80;
    List<Integer> parallelisms = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      parallelisms.add(Integer.parseInt(args[i]));
    }
    if (parallelisms.isEmpty()) {
      parallelisms = List.of(1, 4, 16, 64);
    }
    Shape shape = new Shape(tables, partitionsPerTable, filesPerPartition);
    System.out.printf(
        Locale.ROOT,
        "schema: %d tables x %d partitions x %d files = %,d objects (%d partitions), CSV of %d"
            + " bytes each%n",
        tables,
        partitionsPerTable,
        filesPerPartition,
        shape.objects(),
        tables * partitionsPerTable,
        CSV.length);
    // The in-memory store first: hivewire's own cost without HTTP, and JIT warm-up for the rest.
    try (ObjectStore memory = new InMemoryObjectStore().createBucket(BUCKET)) {
      run("in-memory store (no HTTP)", memory, shape, parallelisms);
    }
    String accessKey = UUID.randomUUID().toString();
    try (LocalS3 local =
            LocalS3.start(LocalS3.Settings.inMemory(accessKey, UUID.randomUUID().toString()));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    local.endpoint(), LocalS3.REGION, local.accessKey(), local.secretKey()))) {
      local.createBucket(BUCKET);
      run("local S3 (S3Proxy over HTTP, SigV4)", store, shape, parallelisms);
    }
  }

  /** How many tables, partitions and files the benchmark schema has. */
  private record Shape(int tables, int partitionsPerTable, int filesPerPartition) {
    long objects() {
      return (long) tables * partitionsPerTable * filesPerPartition;
    }
  }

  private static void run(String label, ObjectStore store, Shape shape, List<Integer> parallelisms)
      throws InterruptedException {
    System.out.println("== " + label);
    Duration writing = write(store, shape);
    System.out.printf(
        Locale.ROOT,
        "write:     %,d PUTs with %d writers in %.1f s (%.0f objects/s)%n",
        shape.objects(),
        WRITERS,
        seconds(writing),
        shape.objects() / seconds(writing));
    ConnectionSettings settings =
        new ConnectionSettings(
            AwsRegion.parse(LocalS3.REGION),
            BucketName.parse(BUCKET),
            SchemaPrefix.parse(PREFIX),
            DataFormat.CSV,
            Partitioning.ALL);
    SchemaReader schemas = new SchemaReader(store);
    Measured ceiling = ceiling(store);
    System.out.printf(
        Locale.ROOT,
        "ceiling:   bare paged ListObjectsV2 (recursive) of s3://%s/%s: %,d objects in %.2f s, %s%n",
        BUCKET,
        PREFIX,
        ceiling.objects(),
        seconds(ceiling.time()),
        ceiling.requests().byOperation());
    for (int parallelism : parallelisms) {
      Measured discovery = discover(store, settings, schemas, parallelism);
      System.out.printf(
          Locale.ROOT,
          "discovery: parallelism %3d: %d tables, %,d files in %.2f s (%.2fx the ceiling), %s%n",
          parallelism,
          discovery.tables(),
          discovery.objects(),
          seconds(discovery.time()),
          seconds(discovery.time()) / seconds(ceiling.time()),
          discovery.requests().byOperation());
    }
  }

  private record Measured(Duration time, RequestCounts requests, long objects, int tables) {}

  private static Measured ceiling(ObjectStore store) {
    RequestCounts before = store.requestCounts();
    long start = System.nanoTime();
    AtomicLong count = new AtomicLong();
    store.listAll(
        ListRequest.recursive(BUCKET, PREFIX), page -> count.addAndGet(page.objects().size()));
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    return new Measured(time, store.requestCounts().minus(before), count.get(), 0);
  }

  private static Measured discover(
      ObjectStore store, ConnectionSettings settings, SchemaReader schemas, int parallelism) {
    RequestCounts before = store.requestCounts();
    long start = System.nanoTime();
    DiscoveryResult result;
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      result = new Discovery(store, schemas::readSchema, threads, parallelism).discover(settings);
    }
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    if (!result.skipped().isEmpty()) {
      throw new IllegalStateException("benchmark tables were skipped: " + result.skipped());
    }
    long files = result.tables().stream().mapToLong(t -> t.files()).sum();
    return new Measured(time, store.requestCounts().minus(before), files, result.tables().size());
  }

  /** PUTs every object from virtual threads, at most {@value #WRITERS} at a time. */
  private static Duration write(ObjectStore store, Shape shape) throws InterruptedException {
    long start = System.nanoTime();
    Semaphore permits = new Semaphore(WRITERS);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    LocalDate first = LocalDate.of(2025, 1, 1);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < shape.tables() && failure.get() == null; t++) {
        for (int p = 0; p < shape.partitionsPerTable(); p++) {
          for (int f = 0; f < shape.filesPerPartition(); f++) {
            String key =
                String.format(
                    Locale.ROOT,
                    "%stable_%02d/date=%s/part-%05d.csv",
                    PREFIX,
                    t,
                    first.plusDays(p),
                    f);
            permits.acquire();
            threads.execute(
                () -> {
                  try {
                    store.put(new S3Location(BUCKET, key), CSV, PutOptions.defaults());
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  } finally {
                    permits.release();
                  }
                });
          }
        }
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
