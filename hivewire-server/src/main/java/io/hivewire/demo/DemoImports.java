package io.hivewire.demo;

import io.hivewire.connections.ConnectionDetails;
import io.hivewire.connections.ConnectionService;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.demo.DemoSchema.DemoImport;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.imports.ImportService;
import io.hivewire.imports.ImportService.ImportDetails;
import io.hivewire.store.DatabaseInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The demo's imports: each sample table loaded into its own PostgreSQL table through the import
 * service, with the rows loaded and the {@code psql} command that shows them. Imports of an earlier
 * demo went with its connections, tables included, when those were replaced.
 */
public final class DemoImports {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  private DemoImports() {}

  /**
   * Creates, runs and waits for an import of each sample table of the connections that became
   * ACTIVE; prints what each loaded.
   *
   * @return whether every import run succeeded
   */
  public static boolean run(
      PrintWriter out,
      ImportService imports,
      ConnectionService connections,
      DemoSchema demo,
      List<UUID> connectionIds,
      DatabaseInfo database)
      throws InterruptedException {
    out.println("Imports: each sample table loaded into its own PostgreSQL table:");
    out.flush();
    boolean allSucceeded = true;
    for (DemoImport sample : demo.imports()) {
      Optional<ConnectionDetails> connection =
          connectionIds.stream()
              .map(connections::get)
              .filter(
                  d ->
                      d.connection()
                          .spec()
                          .settings()
                          .schemaPrefix()
                          .value()
                          .equals(sample.schemaPrefix()))
              .filter(d -> d.connection().status().status() == ConnectionStatus.ACTIVE)
              .findFirst();
      if (connection.isEmpty()) {
        out.println("== " + sample.table() + "  not imported: its connection is not ACTIVE");
        allSucceeded = false;
        continue;
      }
      ImportDetails created = imports.create(sample.request(connection.get().connection().id()));
      UUID id = created.stored().id();
      ImportRun run = await(imports, id, imports.startRun(id).id());
      RunTotals totals = run.totals();
      String duration =
          run.startedAt()
              .flatMap(start -> run.finishedAt().map(end -> Duration.between(start, end)))
              .map(d -> String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0))
              .orElse("?");
      out.println(
          "== "
              + sample.table()
              + "  "
              + sample.dataType()
              + "  ["
              + run.status()
              + "]  "
              + totals.rowsLoaded()
              + " rows loaded from "
              + totals.filesLoaded()
              + (totals.filesLoaded() == 1 ? " file" : " files")
              + " in "
              + duration
              + "  import id "
              + id);
      totals.errors().forEach(error -> out.println("   error: " + error));
      out.println(
          "   "
              + database.psqlCommand()
              + " -c 'SELECT * FROM "
              + created.stored().targetTable()
              + " LIMIT 5'");
      allSucceeded &= run.status() == RunStatus.SUCCEEDED;
    }
    out.println();
    return allSucceeded;
  }

  private static ImportRun await(ImportService imports, UUID importId, UUID runId)
      throws InterruptedException {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (true) {
      ImportRun run = imports.run(importId, runId);
      if (run.status() == RunStatus.SUCCEEDED
          || run.status() == RunStatus.FAILED
          || System.nanoTime() > deadline) {
        return run;
      }
      Thread.sleep(100);
    }
  }
}
