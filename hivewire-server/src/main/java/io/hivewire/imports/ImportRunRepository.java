package io.hivewire.imports;

import io.hivewire.importer.ImportRun;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.store.Database;
import io.hivewire.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Import runs. At most one run per import is queued or running at a time; the database enforces it
 * (a partial unique index), so two servers or two requests cannot both start one. Which node
 * executes a run is decided by its lease ({@link ImportExecution}).
 */
public final class ImportRunRepository {

  private static final String COLUMNS =
      "id, import_id, status, files_total, files_done, files_failed, bytes_read, rows_read,"
          + " rows_loaded, rows_rejected, errors, queued_at, started_at, finished_at,"
          + " files_replaced, files_deleted, reload";

  private final Jdbc jdbc;

  public ImportRunRepository(Database database) {
    this.jdbc = Objects.requireNonNull(database, "database is null").jdbc();
  }

  /** Queues a run; empty when the import already has a queued or running run. */
  public Optional<ImportRun> queue(UUID importId, Instant at) {
    return queue(importId, false, at);
  }

  /**
   * Queues a run, a reload of every file when {@code reload}; empty when the import already has a
   * queued or running run.
   */
  public Optional<ImportRun> queue(UUID importId, boolean reload, Instant at) {
    UUID id = UUID.randomUUID();
    int inserted =
        jdbc.update(
            "INSERT INTO import_runs (id, import_id, status, queued_at, reload)"
                + " VALUES (?, ?, 'QUEUED', ?, ?)"
                + " ON CONFLICT (import_id) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING",
            s -> {
              s.setObject(1, id);
              s.setObject(2, importId);
              s.setTimestamp(3, Timestamp.from(at));
              s.setBoolean(4, reload);
            });
    return inserted == 0 ? Optional.empty() : find(id);
  }

  /** Marks a queued run running; a resumed run keeps the time it first started. */
  public void start(UUID runId, Instant at) {
    jdbc.update(
        "UPDATE import_runs SET status = 'RUNNING', started_at = COALESCE(started_at, ?)"
            + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
        s -> {
          s.setTimestamp(1, Timestamp.from(at));
          s.setObject(2, runId);
        });
  }

  /** Records a running run's totals so far; a run that has finished keeps its final totals. */
  public void progress(UUID runId, RunTotals totals) {
    write(runId, Optional.empty(), totals, Optional.empty());
  }

  /** Records a run's final totals: SUCCEEDED when every file loaded, else FAILED. */
  public void finish(UUID runId, RunTotals totals, Instant at) {
    RunStatus status = totals.succeeded() ? RunStatus.SUCCEEDED : RunStatus.FAILED;
    write(runId, Optional.of(status), totals, Optional.of(at));
  }

  /** Marks a run failed with one error, e.g. when its table could not be listed. */
  public void fail(UUID runId, String error, Instant at) {
    write(
        runId,
        Optional.of(RunStatus.FAILED),
        new RunTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(error)),
        Optional.of(at));
  }

  private void write(
      UUID runId, Optional<RunStatus> status, RunTotals totals, Optional<Instant> finishedAt) {
    jdbc.update(
        "UPDATE import_runs SET status = COALESCE(?, status), files_total = ?, files_done = ?,"
            + " files_failed = ?, bytes_read = ?, rows_read = ?, rows_loaded = ?,"
            + " rows_rejected = ?, errors = ?, finished_at = COALESCE(?, finished_at),"
            + " files_replaced = ?, files_deleted = ?"
            + " WHERE id = ? AND (CAST(? AS TEXT) IS NOT NULL OR status = 'RUNNING')",
        s -> {
          s.setString(1, status.map(Enum::name).orElse(null));
          s.setInt(2, totals.filesTotal());
          s.setInt(3, totals.filesDone());
          s.setInt(4, totals.filesFailed());
          s.setLong(5, totals.bytesRead());
          s.setLong(6, totals.rowsRead());
          s.setLong(7, totals.rowsLoaded());
          s.setLong(8, totals.rowsRejected());
          s.setArray(9, s.getConnection().createArrayOf("text", totals.errors().toArray()));
          s.setTimestamp(10, finishedAt.map(Timestamp::from).orElse(null));
          s.setInt(11, totals.filesReplaced());
          s.setInt(12, totals.filesDeleted());
          s.setObject(13, runId);
          s.setString(14, status.map(Enum::name).orElse(null));
        });
  }

  /** The import's queued or running run, if any. */
  public Optional<ImportRun> active(UUID importId) {
    return jdbc.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM import_runs WHERE import_id = ? AND status IN ('QUEUED', 'RUNNING')",
        s -> s.setObject(1, importId),
        ImportRunRepository::map);
  }

  /** The ids of queued and running runs, oldest first: what nodes that work claim. */
  public List<UUID> unfinished(int limit) {
    return jdbc.query(
        "SELECT id FROM import_runs WHERE status IN ('QUEUED', 'RUNNING')"
            + " ORDER BY queued_at, id LIMIT ?",
        s -> s.setInt(1, limit),
        r -> r.getObject(1, UUID.class));
  }

  /** When each import's last run was queued, for the imports that ran. */
  public Map<UUID, Instant> lastQueued() {
    Map<UUID, Instant> last = new HashMap<>();
    jdbc.query(
            "SELECT import_id, max(queued_at) FROM import_runs GROUP BY import_id",
            s -> {},
            r -> Map.entry(r.getObject(1, UUID.class), r.getTimestamp(2).toInstant()))
        .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
    return last;
  }

  public Optional<ImportRun> find(UUID runId) {
    return jdbc.queryOne(
        "SELECT " + COLUMNS + " FROM import_runs WHERE id = ?",
        s -> s.setObject(1, runId),
        ImportRunRepository::map);
  }

  /** The import's newest run, if it ever ran. */
  public Optional<ImportRun> latest(UUID importId) {
    return jdbc.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id LIMIT 1",
        s -> s.setObject(1, importId),
        ImportRunRepository::map);
  }

  /** Each import's newest run, by import id, for the imports that ran. */
  public Map<UUID, ImportRun> latestByImport() {
    Map<UUID, ImportRun> latest = new HashMap<>();
    jdbc.query(
            "SELECT DISTINCT ON (import_id) "
                + COLUMNS
                + " FROM import_runs ORDER BY import_id, queued_at DESC, id",
            s -> {},
            ImportRunRepository::map)
        .forEach(run -> latest.put(run.importId(), run));
    return latest;
  }

  /**
   * Up to {@code limit} of an import's runs, newest first: the newest ones, or those that come
   * after run {@code before} in that order. Keyset paging, so a page costs the same however old it
   * is.
   */
  public List<ImportRun> page(UUID importId, Optional<UUID> before, int limit) {
    if (before.isEmpty()) {
      return jdbc.query(
          "SELECT "
              + COLUMNS
              + " FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id LIMIT ?",
          s -> {
            s.setObject(1, importId);
            s.setInt(2, limit);
          },
          ImportRunRepository::map);
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM import_runs, (SELECT queued_at AS before_queued, id AS before_id"
            + " FROM import_runs WHERE id = ? AND import_id = ?) AS b"
            + " WHERE import_id = ? AND (queued_at < b.before_queued"
            + " OR (queued_at = b.before_queued AND id > b.before_id))"
            + " ORDER BY queued_at DESC, id LIMIT ?",
        s -> {
          s.setObject(1, before.get());
          s.setObject(2, importId);
          s.setObject(3, importId);
          s.setInt(4, limit);
        },
        ImportRunRepository::map);
  }

  /**
   * What a page of older runs shows, in one round trip: whether {@code before} is a run of the
   * import, the import's newest run, and up to {@code limit} runs that follow {@code before} (as
   * {@link #page} reads them).
   */
  public OlderRuns olderPage(UUID importId, UUID before, int limit) {
    List<Map.Entry<String, ImportRun>> rows =
        jdbc.query(
            "SELECT * FROM ((SELECT "
                + COLUMNS
                + ", 'before' AS part FROM import_runs WHERE id = ? AND import_id = ?)"
                + " UNION ALL (SELECT "
                + COLUMNS
                + ", 'latest' FROM import_runs WHERE import_id = ?"
                + " ORDER BY queued_at DESC, id LIMIT 1)"
                + " UNION ALL (SELECT "
                + COLUMNS
                + ", 'page' FROM import_runs, (SELECT queued_at AS before_queued, id AS before_id"
                + " FROM import_runs WHERE id = ? AND import_id = ?) AS b"
                + " WHERE import_id = ? AND (queued_at < b.before_queued"
                + " OR (queued_at = b.before_queued AND id > b.before_id))"
                + " ORDER BY queued_at DESC, id LIMIT ?)) AS runs"
                + " ORDER BY queued_at DESC, id",
            s -> {
              s.setObject(1, before);
              s.setObject(2, importId);
              s.setObject(3, importId);
              s.setObject(4, before);
              s.setObject(5, importId);
              s.setObject(6, importId);
              s.setInt(7, limit);
            },
            r -> Map.entry(r.getString(18), map(r)));
    List<ImportRun> page =
        rows.stream().filter(row -> row.getKey().equals("page")).map(Map.Entry::getValue).toList();
    return new OlderRuns(
        rows.stream().anyMatch(row -> row.getKey().equals("before")),
        rows.stream()
            .filter(row -> row.getKey().equals("latest"))
            .map(Map.Entry::getValue)
            .findFirst(),
        page);
  }

  /** A page of older runs with the import's newest run, and whether the page's start was found. */
  public record OlderRuns(boolean beforeFound, Optional<ImportRun> latest, List<ImportRun> page) {
    public OlderRuns {
      Objects.requireNonNull(latest, "latest is null");
      page = List.copyOf(Objects.requireNonNull(page, "page is null"));
    }
  }

  /** An import's runs, newest first. */
  public List<ImportRun> list(UUID importId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM import_runs WHERE import_id = ? ORDER BY queued_at DESC, id",
        s -> s.setObject(1, importId),
        ImportRunRepository::map);
  }

  private static ImportRun map(ResultSet r) throws SQLException {
    int done = r.getInt(5);
    int failed = r.getInt(6);
    RunTotals totals =
        new RunTotals(
            r.getInt(4),
            done - failed,
            r.getInt(15),
            r.getInt(16),
            failed,
            r.getLong(7),
            r.getLong(8),
            r.getLong(9),
            r.getLong(10),
            List.of((String[]) r.getArray(11).getArray()));
    return new ImportRun(
        r.getObject(1, UUID.class),
        r.getObject(2, UUID.class),
        r.getBoolean(17),
        RunStatus.valueOf(r.getString(3)),
        totals,
        r.getTimestamp(12).toInstant(),
        Optional.ofNullable(r.getTimestamp(13)).map(Timestamp::toInstant),
        Optional.ofNullable(r.getTimestamp(14)).map(Timestamp::toInstant));
  }
}
