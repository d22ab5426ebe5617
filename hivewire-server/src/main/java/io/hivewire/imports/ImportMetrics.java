package io.hivewire.imports;

import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The import half's meters: {@code hivewire.import.runs} and {@code hivewire.import.run.duration}
 * by final status, and the files and rows finished runs loaded, failed and rejected.
 */
public final class ImportMetrics {

  private final Map<RunStatus, Counter> runs = new EnumMap<>(RunStatus.class);
  private final Map<RunStatus, Timer> durations = new EnumMap<>(RunStatus.class);
  private final Counter filesLoaded;
  private final Counter filesFailed;
  private final Counter rowsLoaded;
  private final Counter rowsRejected;

  public ImportMetrics(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry is null");
    for (RunStatus status : new RunStatus[] {RunStatus.SUCCEEDED, RunStatus.FAILED}) {
      runs.put(
          status,
          Counter.builder("hivewire.import.runs")
              .description("import runs finished, by status")
              .tag("status", status.name())
              .register(registry));
      durations.put(
          status,
          Timer.builder("hivewire.import.run.duration")
              .description("time from a run's start to its end, by status")
              .tag("status", status.name())
              .register(registry));
    }
    filesLoaded =
        Counter.builder("hivewire.import.files.loaded")
            .description("files loaded into import tables")
            .register(registry);
    filesFailed =
        Counter.builder("hivewire.import.files.failed")
            .description("files a run could not load")
            .register(registry);
    rowsLoaded =
        Counter.builder("hivewire.import.rows.loaded")
            .description("rows loaded into import tables")
            .register(registry);
    rowsRejected =
        Counter.builder("hivewire.import.rows.rejected")
            .description("rows skipped or rejected as bad (on_error SKIP or REJECT)")
            .register(registry);
  }

  /** A run that went through its files; its status follows from {@code totals}. */
  void finished(RunTotals totals, Duration took) {
    RunStatus status = totals.succeeded() ? RunStatus.SUCCEEDED : RunStatus.FAILED;
    runs.get(status).increment();
    durations.get(status).record(took);
    filesLoaded.increment(totals.filesLoaded());
    filesFailed.increment(totals.filesFailed());
    rowsLoaded.increment(totals.rowsLoaded());
    rowsRejected.increment(totals.rowsRejected());
  }

  /** A run that failed as a whole (it could not start, or stopped on an error). */
  void failed(Duration took) {
    runs.get(RunStatus.FAILED).increment();
    durations.get(RunStatus.FAILED).record(took);
  }
}
