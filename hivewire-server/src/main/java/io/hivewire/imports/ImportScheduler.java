package io.hivewire.imports;

import io.hivewire.errors.ConflictException;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.ScheduledRuns;
import io.hivewire.importer.StoredImport;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runs of imports with an interval schedule when they are due, checking every tick. An
 * import whose run is still queued or running is skipped (one run per import at a time); a {@code
 * MANUAL} import is never due. An import whose connection is not {@code ACTIVE} is skipped until it
 * is, logged when that starts and ends rather than at every tick. Of several nodes, the one that
 * holds the schedule's lease checks; the others wait to take it over.
 */
final class ImportScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImportScheduler.class);

  /** The lease of the node that starts due runs. */
  static final String LEASE = "import-schedule";

  private final ImportRepository imports;
  private final ImportRunRepository runs;
  private final Function<StoredImport, Optional<ImportRun>> startRun;
  private final InstantSource clock;
  private final Duration tick;
  private final BooleanSupplier turn;
  private final ScheduledExecutorService thread;

  /** Due imports that cannot run now, with why; touched by the scheduler thread only. */
  private final Map<UUID, String> held = new HashMap<>();

  private boolean closed;

  /**
   * @param startRun queues and submits a run of the import as listed; empty when one is already
   *     active, {@link ConflictException} when the import cannot run now
   * @param turn whether this node checks now: it holds, or has just taken, the schedule's lease
   */
  ImportScheduler(
      ImportRepository imports,
      ImportRunRepository runs,
      Function<StoredImport, Optional<ImportRun>> startRun,
      InstantSource clock,
      Duration tick,
      BooleanSupplier turn) {
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.runs = Objects.requireNonNull(runs, "runs is null");
    this.startRun = Objects.requireNonNull(startRun, "startRun is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.tick = Objects.requireNonNull(tick, "tick is null");
    this.turn = Objects.requireNonNull(turn, "turn is null");
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
      if (!turn.getAsBoolean()) {
        return;
      }
      // Most imports are MANUAL: without an interval schedule there is nothing to look up.
      Map<UUID, StoredImport> scheduled = new LinkedHashMap<>();
      for (StoredImport stored : imports.list()) {
        if (stored.definition().schedule() instanceof Schedule.Interval) {
          scheduled.put(stored.id(), stored);
        }
      }
      List<UUID> due =
          scheduled.isEmpty()
              ? List.of()
              : ScheduledRuns.due(
                  List.copyOf(scheduled.values()), runs.lastQueued(), clock.instant());
      held.keySet().retainAll(Set.copyOf(due));
      for (UUID id : due) {
        start(scheduled.get(id));
      }
    } catch (RuntimeException e) {
      log.warn("the import scheduler could not start due runs; it tries again in {}", tick, e);
    }
  }

  private void start(StoredImport stored) {
    UUID id = stored.id();
    Optional<ImportRun> run;
    try {
      run = startRun.apply(stored);
    } catch (ConflictException e) {
      if (!e.getMessage().equals(held.put(id, e.getMessage()))) {
        log.warn(
            "scheduled runs of import {} are skipped until it can run: {}", id, e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      // One import (deleted since it was listed, say) must not keep the others of this tick
      // waiting.
      log.warn("the scheduled run of import {} did not start; it is tried again", id, e);
      return;
    }
    if (held.remove(id) != null) {
      log.info("scheduled runs of import {} resume", id);
    }
    run.ifPresent(queued -> log.info("scheduled run {} of import {} queued", queued.id(), id));
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
