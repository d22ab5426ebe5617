package io.hivewire.web;

import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.imports.ImportService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Imports and their runs as the dashboard's templates show them. */
public final class ImportViews {

  private ImportViews() {}

  /** One line of the imports table. */
  public record Row(
      String id,
      String name,
      String connection,
      String table,
      String dataType,
      String schedule,
      String lastRun,
      String rows) {}

  /** One run: its status in words and its figures; {@code running} while queued or running. */
  public record Run(
      String id,
      String status,
      boolean running,
      String started,
      int filesDone,
      int filesTotal,
      String rows,
      String bytes,
      List<String> errors) {}

  /** Everything the import page shows. */
  public record Detail(
      Row row, String target, String mode, String onError, String columns, List<Run> runs) {

    /** Whether a run is queued or running, so the page keeps refreshing itself. */
    public boolean busy() {
      return runs.stream().anyMatch(Run::running);
    }
  }

  static Row row(ImportService.ImportDetails details, Map<UUID, String> connectionNames) {
    ImportDefinition d = details.stored().definition();
    return new Row(
        details.stored().id().toString(),
        d.name(),
        connectionNames.getOrDefault(d.connectionId(), d.connectionId().toString()),
        d.table(),
        words(d.dataType().name()),
        d.schedule().text().equals("MANUAL") ? "Manual" : "Every " + d.schedule().text(),
        details.lastRun().map(r -> status(r.status())).orElse("Never run"),
        details
            .lastRun()
            .map(r -> String.format(Locale.ROOT, "%,d", r.totals().rowsLoaded()))
            .orElse("–"));
  }

  static Detail detail(
      ImportService.ImportDetails details, Map<UUID, String> names, List<ImportRun> runs) {
    ImportDefinition d = details.stored().definition();
    return new Detail(
        row(details, names),
        details.stored().targetTable(),
        words(d.mode().name()),
        words(d.onError().name()) + " (at most " + d.maxErrors() + " errors)",
        String.join(", ", details.columns()),
        runs.stream().map(ImportViews::run).toList());
  }

  private static Run run(ImportRun run) {
    RunTotals t = run.totals();
    return new Run(
        run.id().toString(),
        status(run.status()),
        run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING,
        run.startedAt().or(() -> Optional.of(run.queuedAt())).map(ConnectionViews::time).orElse(""),
        t.filesDone(),
        t.filesTotal(),
        String.format(Locale.ROOT, "%,d loaded, %,d rejected", t.rowsLoaded(), t.rowsRejected()),
        ConnectionViews.size(t.bytesRead()),
        t.errors());
  }

  static String status(RunStatus status) {
    return words(status.name());
  }

  private static String words(String constant) {
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
