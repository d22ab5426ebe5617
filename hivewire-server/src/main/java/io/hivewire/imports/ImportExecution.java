package io.hivewire.imports;

import io.hivewire.connections.SourceAccess;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.s3.ObjectStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes queued import runs on a fixed number of workers with a bounded queue. While a run goes,
 * its progress is written at most once per {@link #PROGRESS_INTERVAL}, so loading many small files
 * does not turn into as many database writes.
 */
final class ImportExecution implements AutoCloseable {

  /** How often a running run's progress is written. */
  static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

  /** What a run left queued or running by a stopped server is failed with. */
  static final String STOPPED = "server stopped during the run; start it again";

  /** The MDC keys of the import and the run a worker executes, on every line it logs. */
  static final String IMPORT_FIELD = "import_id";

  static final String RUN_FIELD = "run_id";

  private static final Logger log = LoggerFactory.getLogger(ImportExecution.class);
  private static final int QUEUE_CAPACITY = 1000;
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ImportRepository imports;
  private final ImportRunRepository runs;
  private final ImportTableStore tables;
  private final ImportTarget target;
  private final SourceAccess access;
  private final InstantSource clock;
  private final int filesPerRun;
  private final ImportMetrics metrics;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService progressWriter;
  private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();
  private boolean closed;

  ImportExecution(
      ImportRepository imports,
      ImportRunRepository runs,
      ImportTableStore tables,
      ImportTarget target,
      SourceAccess access,
      InstantSource clock,
      int runWorkers,
      int filesPerRun,
      ImportMetrics metrics) {
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.runs = Objects.requireNonNull(runs, "runs is null");
    this.tables = Objects.requireNonNull(tables, "tables is null");
    this.target = Objects.requireNonNull(target, "target is null");
    this.access = Objects.requireNonNull(access, "access is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    if (runWorkers < 1 || filesPerRun < 1) {
      throw new IllegalArgumentException(
          "runWorkers and filesPerRun must be at least 1, got " + runWorkers + ", " + filesPerRun);
    }
    this.filesPerRun = filesPerRun;
    this.metrics = Objects.requireNonNull(metrics, "metrics is null");
    this.workers =
        new ThreadPoolExecutor(
            runWorkers,
            runWorkers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            Thread.ofVirtual().name("hivewire-import-run-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());
    this.progressWriter =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hivewire-import-progress").daemon().factory());
    long every = PROGRESS_INTERVAL.toMillis();
    progressWriter.scheduleWithFixedDelay(this::writeProgress, every, every, TimeUnit.MILLISECONDS);
  }

  /** Fails the runs a stopped server left queued or running; called once at start-up. */
  int failLeftovers() {
    int failed = runs.failUnfinished(STOPPED, clock.instant());
    if (failed > 0) {
      log.warn(
          "{} import run(s) were left unfinished by a stopped server and are now FAILED", failed);
    }
    return failed;
  }

  /**
   * Hands a queued run to a worker; when the queue is full the run is failed and {@link
   * BusyException} thrown.
   */
  void submit(ImportRun run) {
    owned.add(run.id());
    try {
      workers.execute(() -> execute(run));
    } catch (RejectedExecutionException e) {
      owned.remove(run.id());
      String message =
          "too many import runs are queued to start this one now: try again later, or raise"
              + " HIVEWIRE_IMPORT_RUNS";
      runs.fail(run.id(), message, clock.instant());
      metrics.notStarted();
      throw new BusyException(message, e);
    }
  }

  private void execute(ImportRun run) {
    // Around the catch too: a failed run's warning carries the ids as well.
    MDC.put(IMPORT_FIELD, run.importId().toString());
    MDC.put(RUN_FIELD, run.id().toString());
    try {
      executeRun(run);
    } finally {
      MDC.remove(IMPORT_FIELD);
      MDC.remove(RUN_FIELD);
    }
  }

  private void executeRun(ImportRun run) {
    long start = System.nanoTime();
    try {
      Optional<StoredImport> stored = imports.find(run.importId());
      if (stored.isEmpty()) {
        return; // deleted while queued: its runs went with it
      }
      runs.start(run.id(), clock.instant());
      ImportTarget.Resolved resolved = target.resolve(stored.get());
      Progress tracked = new Progress();
      progress.put(run.id(), tracked);
      RunTotals totals;
      try (ObjectStore store = access.open(resolved.connection().spec())) {
        totals =
            new ImportRunner(store, tables, clock, filesPerRun)
                .run(
                    stored.get(),
                    resolved.connection().spec().settings(),
                    resolved.checked(),
                    run.reload(),
                    tracked.latest::set);
      } finally {
        progress.remove(run.id());
      }
      runs.finish(run.id(), totals, clock.instant());
      metrics.finished(totals, Duration.ofNanos(System.nanoTime() - start));
      log.info(
          "import {} run {} {}: {} rows loaded from {} files, {} failed",
          run.importId(),
          run.id(),
          totals.succeeded() ? "succeeded" : "failed",
          totals.rowsLoaded(),
          totals.filesLoaded(),
          totals.filesFailed());
    } catch (RuntimeException e) {
      log.warn("import {} run {} failed", run.importId(), run.id(), e);
      runs.fail(run.id(), message(e), clock.instant());
      metrics.failed(Duration.ofNanos(System.nanoTime() - start));
    } finally {
      owned.remove(run.id());
    }
  }

  private static String message(RuntimeException e) {
    if (e instanceof ConflictException
        || e instanceof InvalidInputException
        || e instanceof NotFoundException) {
      return "the run cannot start: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void writeProgress() {
    for (Map.Entry<UUID, Progress> entry : progress.entrySet()) {
      Progress tracked = entry.getValue();
      RunTotals latest = tracked.latest.get();
      if (latest != null && latest != tracked.written) {
        try {
          runs.progress(entry.getKey(), latest);
          tracked.written = latest;
        } catch (RuntimeException e) {
          log.warn("cannot record the progress of import run {}", entry.getKey(), e);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    progressWriter.shutdownNow();
    workers.shutdown();
    // Queued runs are not started at shutdown: they are failed below and can be started again.
    workers.getQueue().clear();
    try {
      if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    for (UUID left : owned) {
      try {
        runs.fail(left, STOPPED, clock.instant());
      } catch (RuntimeException e) {
        log.warn("cannot mark import run {} failed at shutdown", left, e);
      }
    }
  }

  /** A running run's latest totals and the ones last written. */
  private static final class Progress {
    final AtomicReference<RunTotals> latest = new AtomicReference<>();
    volatile RunTotals written;
  }
}
