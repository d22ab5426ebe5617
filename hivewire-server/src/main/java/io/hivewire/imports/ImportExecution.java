package io.hivewire.imports;

import io.hivewire.cluster.FailureStreak;
import io.hivewire.cluster.LeaseKeeper;
import io.hivewire.connections.SourceAccess;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.s3.ObjectStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
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
 * Executes import runs on a fixed number of workers. Runs wait queued in the database; a node that
 * works claims one under a lease whenever a worker is free (woken when a run is queued here, and
 * every poll for runs queued elsewhere or left by a node that died), so several nodes share the
 * runs and a run whose node died is resumed by another: from its next unloaded file, since each
 * file commits on its own. While a run goes, its progress is written at most once per {@link
 * #PROGRESS_INTERVAL}, so loading many small files does not turn into as many database writes.
 */
final class ImportExecution implements AutoCloseable {

  /** How often a running run's progress is written. */
  static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

  /** The lease of a run is named this and the run's id. */
  static final String LEASE_PREFIX = "import-run/";

  /** The MDC keys of the import and the run a worker executes, on every line it logs. */
  static final String IMPORT_FIELD = "import_id";

  static final String RUN_FIELD = "run_id";

  private static final Logger log = LoggerFactory.getLogger(ImportExecution.class);

  /** The most unfinished runs one claim looks at; the others wait for the next poll. */
  private static final int CANDIDATES = 1000;

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  private final ImportRepository imports;
  private final ImportRunRepository runs;
  private final ImportTableStore tables;
  private final ImportTarget target;
  private final SourceAccess access;
  private final InstantSource clock;
  private final int runWorkers;
  private final int filesPerRun;
  private final ImportMetrics metrics;
  private final LeaseKeeper leases;
  private final boolean claims;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService claimer;
  private final ScheduledExecutorService progressWriter;
  private final Set<UUID> owned = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Progress> progress = new ConcurrentHashMap<>();
  private final FailureStreak claiming = new FailureStreak(log, "claiming queued import runs");
  private volatile boolean stopping;
  private boolean closed;

  /**
   * @param settings workers, files per run, and whether this node claims runs (its {@code work}
   *     role); without it runs queued here wait for a node that does
   */
  ImportExecution(
      ImportRepository imports,
      ImportRunRepository runs,
      ImportTableStore tables,
      ImportTarget target,
      SourceAccess access,
      InstantSource clock,
      ImportService.Settings settings,
      ImportMetrics metrics,
      LeaseKeeper leases) {
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.runs = Objects.requireNonNull(runs, "runs is null");
    this.tables = Objects.requireNonNull(tables, "tables is null");
    this.target = Objects.requireNonNull(target, "target is null");
    this.access = Objects.requireNonNull(access, "access is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.runWorkers = settings.runWorkers();
    this.filesPerRun = settings.filesPerRun();
    this.claims = settings.claimsRuns();
    this.metrics = Objects.requireNonNull(metrics, "metrics is null");
    this.leases = Objects.requireNonNull(leases, "leases is null");
    this.workers =
        new ThreadPoolExecutor(
            runWorkers,
            runWorkers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(runWorkers),
            Thread.ofVirtual().name("hivewire-import-run-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());
    this.claimer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hivewire-import-claims").daemon().factory());
    this.progressWriter =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hivewire-import-progress").daemon().factory());
    long every = PROGRESS_INTERVAL.toMillis();
    progressWriter.scheduleWithFixedDelay(this::writeProgress, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts claiming runs: at once, which resumes the runs a stopped server left unfinished, then
   * every poll.
   */
  void start() {
    if (!claims) {
      return;
    }
    Duration third = leases.heartbeatInterval();
    long poll = (third.compareTo(MAX_POLL) < 0 ? third : MAX_POLL).toMillis();
    claimer.scheduleWithFixedDelay(this::claimQuietly, 0, poll, TimeUnit.MILLISECONDS);
  }

  /** Claims a run just queued without waiting for the next poll, when this node works. */
  void wake() {
    if (!claims || stopping) {
      return;
    }
    try {
      claimer.execute(this::claimQuietly);
    } catch (RejectedExecutionException e) {
      // Stopping: the run waits queued for the next node that claims runs.
    }
  }

  /** The runs this node executes now. */
  Set<UUID> owned() {
    return Set.copyOf(owned);
  }

  private void claimQuietly() {
    claiming.run(this::claim);
  }

  private void claim() {
    int free = runWorkers - owned.size();
    if (free <= 0 || stopping) {
      return;
    }
    List<String> candidates =
        runs.unfinished(CANDIDATES).stream()
            .filter(id -> !owned.contains(id))
            .map(ImportExecution::leaseName)
            .toList();
    for (String name : leases.claim(candidates, free)) {
      UUID id = UUID.fromString(name.substring(LEASE_PREFIX.length()));
      Optional<ImportRun> run =
          runs.find(id)
              .filter(r -> r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING);
      if (run.isEmpty()) {
        leases.release(name); // finished or deleted since it was listed
        continue;
      }
      if (run.get().status() == RunStatus.RUNNING) {
        log.info("resuming import run {} of import {}", id, run.get().importId());
      }
      submit(run.get());
    }
  }

  private void submit(ImportRun run) {
    owned.add(run.id());
    try {
      workers.execute(() -> execute(run));
    } catch (RejectedExecutionException e) {
      owned.remove(run.id());
      leases.release(leaseName(run.id()));
    }
  }

  static String leaseName(UUID runId) {
    return LEASE_PREFIX + runId;
  }

  private void execute(ImportRun run) {
    // Around the catch too: a failed run's warning carries the ids as well.
    MDC.put(IMPORT_FIELD, run.importId().toString());
    MDC.put(RUN_FIELD, run.id().toString());
    try {
      executeRun(run);
    } finally {
      owned.remove(run.id());
      leases.release(leaseName(run.id()));
      MDC.remove(IMPORT_FIELD);
      MDC.remove(RUN_FIELD);
    }
  }

  private void executeRun(ImportRun run) {
    long start = System.nanoTime();
    String lease = leaseName(run.id());
    try {
      Optional<StoredImport> stored = imports.find(run.importId());
      if (stored.isEmpty()) {
        return; // deleted while queued: its runs went with it
      }
      // A resumed incremental run goes on from the files the manifest lacks; what it did before
      // counts in its totals. A full refresh starts its staging table again.
      RunTotals before =
          run.status() == RunStatus.RUNNING
                  && stored.get().definition().mode() == ImportMode.INCREMENTAL
              ? run.totals()
              : RunTotals.NONE;
      runs.start(run.id(), clock.instant());
      ImportTarget.Resolved resolved = target.resolve(stored.get());
      Progress tracked = new Progress(lease);
      progress.put(run.id(), tracked);
      RunTotals totals;
      try (ObjectStore store = access.open(resolved.connection().spec())) {
        totals =
            resumed(
                before,
                new ImportRunner(store, tables, clock, filesPerRun)
                    .run(
                        stored.get(),
                        resolved.connection().spec().settings(),
                        resolved.checked(),
                        run.reload(),
                        soFar -> tracked.latest.set(resumed(before, soFar))));
      } finally {
        progress.remove(run.id());
      }
      if (!leases.holds(lease)) {
        log.warn(
            "import run {} lost its lease before it finished; the node that took it over finishes"
                + " it",
            run.id());
        return;
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
      if (stopping || !leases.holds(lease)) {
        log.info(
            "import run {} stopped with this node; it stays {} and the next node that claims runs"
                + " resumes it",
            run.id(),
            RunStatus.RUNNING);
        return;
      }
      log.warn("import {} run {} failed", run.importId(), run.id(), e);
      runs.fail(run.id(), message(e), clock.instant());
      metrics.failed(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** The totals of a resumed run: what it did before it was resumed, then what it did since. */
  static RunTotals resumed(RunTotals before, RunTotals since) {
    if (before.equals(RunTotals.NONE)) {
      return since;
    }
    return new RunTotals(
        before.filesLoaded() + since.filesTotal(),
        before.filesLoaded() + since.filesLoaded(),
        before.filesReplaced() + since.filesReplaced(),
        before.filesDeleted() + since.filesDeleted(),
        since.filesFailed(),
        before.bytesRead() + since.bytesRead(),
        before.rowsRead() + since.rowsRead(),
        before.rowsLoaded() + since.rowsLoaded(),
        before.rowsRejected() + since.rowsRejected(),
        since.errors());
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
      if (latest != null && latest != tracked.written && leases.holds(tracked.lease)) {
        try {
          runs.progress(entry.getKey(), latest);
          tracked.written = latest;
        } catch (RuntimeException e) {
          log.warn("cannot record the progress of import run {}", entry.getKey(), e);
        }
      }
    }
  }

  /**
   * Stops claiming, then the runs: those still going after a grace period are interrupted. Their
   * leases are given up, so another node resumes them at once; without one, the next start does.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    claimer.shutdownNow();
    progressWriter.shutdownNow();
    workers.shutdown();
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
      leases.release(leaseName(left));
    }
  }

  /** A running run's lease, its latest totals and the ones last written. */
  private static final class Progress {
    final String lease;
    final AtomicReference<RunTotals> latest = new AtomicReference<>();
    volatile RunTotals written;

    Progress(String lease) {
      this.lease = lease;
    }
  }
}
