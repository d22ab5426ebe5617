package io.hivewire.server;

import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportListing;
import io.hivewire.importer.IncrementalPlan;
import io.hivewire.importer.ManifestEntry;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.load.FileLoadException;
import io.hivewire.importer.load.FileLoadResult;
import io.hivewire.importer.load.FileLoader;
import io.hivewire.s3.ObjectStore;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.store.ImportTableStore;
import io.hivewire.store.StoreException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs an incremental import: lists the files the filter keeps, compares them with the manifest,
 * removes the rows of deleted files and loads new and changed files, several at a time. A file that
 * fails is reported and left as it was; the other files still load.
 */
public final class ImportRunner {

  private final ObjectStore store;
  private final ImportTableStore tables;
  private final InstantSource clock;
  private final int parallelism;

  public ImportRunner(
      ObjectStore store, ImportTableStore tables, InstantSource clock, int parallelism) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.tables = Objects.requireNonNull(tables, "tables is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** Brings the import's table up to date with the files listed now. */
  public RunTotals run(StoredImport stored, ConnectionSettings settings, CheckedImport checked) {
    Objects.requireNonNull(stored, "stored is null");
    tables.createTable(stored.targetTable(), checked.columns());
    List<DataFile> listed = new ImportListing(store).list(settings, checked);
    List<ManifestEntry> manifest = tables.manifest(stored.id());
    IncrementalPlan plan = IncrementalPlan.of(manifest, listed);
    for (ManifestEntry gone : plan.toDelete()) {
      tables.deleteFile(stored.id(), stored.targetTable(), gone.key());
    }
    List<DataFile> work = new ArrayList<>(plan.toLoad());
    work.addAll(plan.toReplace());
    FileLoader loader =
        new FileLoader(store, settings.bucket().value(), settings.dataFormat(), checked);
    List<FileOutcome> outcomes = loadAll(stored, loader, work);
    int loaded = 0;
    long bytes = 0;
    long read = 0;
    long rows = 0;
    long rejected = 0;
    List<String> errors = new ArrayList<>();
    for (FileOutcome outcome : outcomes) {
      if (outcome.error() != null) {
        errors.add(outcome.error());
        continue;
      }
      loaded++;
      bytes += outcome.file().size();
      read += outcome.result().rowsRead();
      rows += outcome.result().rowsLoaded();
      rejected += outcome.result().rowsRejected() + outcome.result().rowsSkipped();
    }
    return new RunTotals(
        work.size(),
        loaded,
        plan.toDelete().size(),
        errors.size(),
        bytes,
        read,
        rows,
        rejected,
        errors);
  }

  private List<FileOutcome> loadAll(StoredImport stored, FileLoader loader, List<DataFile> files) {
    Semaphore permits = new Semaphore(parallelism);
    List<Future<FileOutcome>> futures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (DataFile file : files) {
        permits.acquireUninterruptibly();
        futures.add(
            executor.submit(
                () -> {
                  try {
                    return loadOne(stored, loader, file);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<FileOutcome> outcomes = new ArrayList<>();
      for (Future<FileOutcome> future : futures) {
        outcomes.add(join(future));
      }
      return outcomes;
    }
  }

  private FileOutcome loadOne(StoredImport stored, FileLoader loader, DataFile file) {
    try {
      FileLoadResult result =
          tables.loadFile(
              stored.id(),
              stored.targetTable(),
              loader.copyColumns(),
              file,
              out -> loader.load(file, out),
              clock.instant());
      return new FileOutcome(file, result, null);
    } catch (FileLoadException | StoreException | IllegalStateException e) {
      return new FileOutcome(file, null, e.getMessage());
    }
  }

  private static FileOutcome join(Future<FileOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import run interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("loading a file failed: " + e.getCause().getMessage(), e);
    }
  }

  /** One file's load: its result, or the error that kept it out ({@code null} when none). */
  private record FileOutcome(DataFile file, FileLoadResult result, String error) {}
}
