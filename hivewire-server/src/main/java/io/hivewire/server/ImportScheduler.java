package io.hivewire.server;

import io.hivewire.importer.ImportRun;
import io.hivewire.importer.ScheduledRuns;
import io.hivewire.store.ImportRepository;
import io.hivewire.store.ImportRunRepository;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runs of imports with an interval schedule when they are due, checking every tick. An
 * import whose run is still queued or running is skipped (one run per import at a time); a {@code
 * MANUAL} import is never due.
 */
final class ImportScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImportScheduler.class);

  private final ImportRepository imports;
  private final ImportRunRepository runs;
  private final Function<UUID, Optional<ImportRun>> startRun;
  private final InstantSource clock;
  private final Duration tick;
  private final ScheduledExecutorService thread;
  private boolean closed;

  /**
   * @param startRun queues and submits a run of the import; empty when one is already active
   */
  ImportScheduler(
      ImportRepository imports,
      ImportRunRepository runs,
      Function<UUID, Optional<ImportRun>> startRun,
      InstantSource clock,
      Duration tick) {
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.runs = Objects.requireNonNull(runs, "runs is null");
    this.startRun = Objects.requireNonNull(startRun, "startRun is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.tick = Objects.requireNonNull(tick, "tick is null");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("the scheduler tick must be positive, got " + tick);
    }
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hivewire-import-scheduler").daemon().factory());
  }

  void start() {
    thread.scheduleWithFixedDelay(
        this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts every due run; a failure is logged and retried at the next tick. */
  void tick() {
    try {
      for (UUID id : ScheduledRuns.due(imports.list(), runs.lastQueued(), clock.instant())) {
        startRun
            .apply(id)
            .ifPresent(run -> log.info("scheduled run {} of import {} queued", run.id(), id));
      }
    } catch (RuntimeException e) {
      log.warn("the import scheduler could not start due runs; it tries again in {}", tick, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
