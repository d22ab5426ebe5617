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

  /**
   * One run: its status in words and its figures; {@code running} while queued or running, {@code
   * rejected} when it left rows out (the page links them).
   */
  public record Run(
      String id,
      String status,
      boolean running,
      String started,
      int filesDone,
      int filesTotal,
      String rows,
      String bytes,
      List<String> errors,
      boolean rejected) {}

  /**
   * Everything the import page shows: one page of runs, newest first ({@code before} the run it
   * starts after, empty on the newest page; {@code older} the id that opens the next page, empty on
   * the last), and {@code busy} while the import's newest run is queued or running.
   */
  public record Detail(
      Row row,
      String target,
      String mode,
      String onError,
      String columns,
      List<Run> runs,
      boolean busy,
      Optional<String> before,
      Optional<String> older) {

    /** The page of runs that follows this one, older, if there is one. */
    public Optional<String> olderHref() {
      return older.map(id -> "/imports/" + row.id() + "?before=" + id);
    }

    /** Where the runs refresh from while a run goes: this same page of runs. */
    public String livePath() {
      return "/imports/" + row.id() + "/live" + before.map(id -> "?before=" + id).orElse("");
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
      ImportService.ImportDetails details,
      Map<UUID, String> names,
      ImportService.RunPage runs,
      Optional<UUID> before) {
    ImportDefinition d = details.stored().definition();
    return new Detail(
        row(details, names),
        details.stored().targetTable(),
        words(d.mode().name()),
        words(d.onError().name()) + " (at most " + d.maxErrors() + " errors)",
        String.join(", ", details.columns()),
        runs.runs().stream().map(ImportViews::run).toList(),
        details.lastRun().map(ImportViews::running).orElse(false),
        before.map(UUID::toString),
        runs.next().map(UUID::toString));
  }

  private static boolean running(ImportRun run) {
    return run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING;
  }

  private static Run run(ImportRun run) {
    RunTotals t = run.totals();
    return new Run(
        run.id().toString(),
        status(run.status()),
        running(run),
        run.startedAt().or(() -> Optional.of(run.queuedAt())).map(ConnectionViews::time).orElse(""),
        t.filesDone(),
        t.filesTotal(),
        String.format(Locale.ROOT, "%,d loaded, %,d rejected", t.rowsLoaded(), t.rowsRejected()),
        ConnectionViews.size(t.bytesRead()),
        t.errors(),
        t.rowsRejected() > 0);
  }

  static String status(RunStatus status) {
    return words(status.name());
  }

  static String words(String constant) {
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
