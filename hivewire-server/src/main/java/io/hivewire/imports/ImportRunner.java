package io.hivewire.imports;

import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportListing;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.IncrementalPlan;
import io.hivewire.importer.ManifestEntry;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.load.FileLoadException;
import io.hivewire.importer.load.FileLoadResult;
import io.hivewire.importer.load.FileLoader;
import io.hivewire.importer.load.Reject;
import io.hivewire.s3.ObjectStore;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.store.StoreException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs an import, several files at a time. {@code INCREMENTAL}: compares the files the filter keeps
 * with the manifest, removes the rows of deleted files and loads new and changed ones; a file that
 * fails is reported and left as it was while the others load. {@code FULL_REFRESH}: loads every
 * file into a staging table and swaps it in at once, only when every file loaded (else the old
 * table stays).
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

  /** Told what a run has done so far: once when its work is known, then as each file finishes. */
  @FunctionalInterface
  public interface Progress {
    /** Ignores progress. */
    Progress NONE = soFar -> {};

    /** Called from the threads loading files; must be quick and thread-safe. */
    void update(RunTotals soFar);
  }

  /** Brings the import's table up to date with the files listed now. */
  public RunTotals run(StoredImport stored, ConnectionSettings settings, CheckedImport checked) {
    return run(stored, settings, checked, Progress.NONE);
  }

  /** Brings the import's table up to date, telling {@code progress} as files finish. */
  public RunTotals run(
      StoredImport stored, ConnectionSettings settings, CheckedImport checked, Progress progress) {
    return run(stored, settings, checked, false, progress);
  }

  /**
   * The same; with {@code reload}, an {@code INCREMENTAL} run replaces the rows of every file still
   * listed, one file per transaction as for a changed file ({@code FULL_REFRESH} reloads every file
   * anyway).
   */
  public RunTotals run(
      StoredImport stored,
      ConnectionSettings settings,
      CheckedImport checked,
      boolean reload,
      Progress progress) {
    Objects.requireNonNull(stored, "stored is null");
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(checked, "checked is null");
    Objects.requireNonNull(progress, "progress is null");
    List<DataFile> listed = new ImportListing(store).list(settings, checked);
    FileLoader loader =
        new FileLoader(store, settings.bucket().value(), settings.dataFormat(), checked);
    return stored.definition().mode() == ImportMode.FULL_REFRESH
        ? refresh(stored, checked, loader, listed, progress)
        : incremental(stored, checked, loader, listed, reload, progress);
  }

  private RunTotals incremental(
      StoredImport stored,
      CheckedImport checked,
      FileLoader loader,
      List<DataFile> listed,
      boolean reload,
      Progress progress) {
    tables.createTable(stored.targetTable(), checked.columns());
    List<ManifestEntry> manifest = tables.manifest(stored.id());
    IncrementalPlan plan =
        reload ? IncrementalPlan.reloading(manifest, listed) : IncrementalPlan.of(manifest, listed);
    List<DataFile> work = new ArrayList<>(plan.toLoad());
    work.addAll(plan.toReplace());
    Set<String> replaced =
        plan.toReplace().stream().map(DataFile::key).collect(Collectors.toUnmodifiableSet());
    Tally tally = new Tally(work.size(), replaced, progress);
    for (ManifestEntry gone : plan.toDelete()) {
      tables.deleteFile(stored.id(), stored.targetTable(), gone.key());
      tally.deleted();
    }
    List<FileOutcome> outcomes =
        loadAll(
            stored,
            work,
            file ->
                tables.loadFile(
                    stored.id(),
                    stored.targetTable(),
                    loader.copyColumns(),
                    file,
                    out -> loader.load(file, out),
                    clock.instant()),
            tally);
    return tally.finish(errors(outcomes));
  }

  private RunTotals refresh(
      StoredImport stored,
      CheckedImport checked,
      FileLoader loader,
      List<DataFile> listed,
      Progress progress) {
    String staging = stagingTable(stored);
    tables.createStagingTable(staging, checked.columns());
    Tally tally = new Tally(listed.size(), Set.of(), progress);
    List<FileOutcome> outcomes =
        loadAll(
            stored,
            listed,
            file ->
                tables.loadStaged(
                    staging, loader.copyColumns(), file, out -> loader.load(file, out)),
            tally);
    List<String> errors = errors(outcomes);
    if (outcomes.stream().allMatch(FileOutcome::loaded)) {
      List<ManifestEntry> entries = new ArrayList<>();
      List<Reject> rejects = new ArrayList<>();
      for (FileOutcome outcome : outcomes) {
        entries.add(ManifestEntry.loaded(outcome.file(), outcome.result().rowsLoaded()));
        rejects.addAll(outcome.result().rejects());
      }
      tables.swapIn(stored.id(), stored.targetTable(), staging, entries, rejects, clock.instant());
    } else {
      tables.dropTable(staging);
      errors.add(
          "full refresh kept the previous table: every file must load for the new one to replace"
              + " it; fix the files named above and run again");
    }
    return tally.finish(errors);
  }

  /**
   * The table a full refresh of {@code stored} fills before swapping it in; the V32 migration drops
   * it by this name when the import is deleted.
   */
  private static String stagingTable(StoredImport stored) {
    return stored.targetTable() + "_next";
  }

  /** The errors of the files that failed, in file order. */
  private static List<String> errors(List<FileOutcome> outcomes) {
    List<String> errors = new ArrayList<>();
    for (FileOutcome outcome : outcomes) {
      if (!outcome.loaded()) {
        errors.add(outcome.error());
      }
    }
    return errors;
  }

  private List<FileOutcome> loadAll(
      StoredImport stored,
      List<DataFile> files,
      Function<DataFile, FileLoadResult> loadOne,
      Tally tally) {
    Semaphore permits = new Semaphore(parallelism);
    List<Future<FileOutcome>> futures = new ArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (DataFile file : files) {
        permits.acquireUninterruptibly();
        futures.add(
            executor.submit(
                () -> {
                  try {
                    return tally.add(new FileOutcome(file, loadOne.apply(file), ""));
                  } catch (FileLoadException e) {
                    return tally.add(new FileOutcome(file, null, problem(stored, e)));
                  } catch (StoreException | IllegalStateException e) {
                    return tally.add(new FileOutcome(file, null, e.getMessage()));
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

  /** A file's failure; when its columns do not match, with how to see what changed. */
  private static String problem(StoredImport stored, FileLoadException e) {
    if (!e.columnsMismatch()) {
      return e.getMessage();
    }
    return e.getMessage()
        + ". The table's files changed: POST /api/v1/imports/"
        + stored.id()
        + "/refresh shows how, and columns added at the end can then be accepted; other changes"
        + " (inserted, removed, renamed, reordered or retyped columns) need a new import";
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

  /** The totals of a run while it goes, told to its {@link Progress} at every change. */
  private static final class Tally {
    private final int filesTotal;
    private final Set<String> replacedKeys;
    private final Progress progress;
    private int loaded;
    private int replaced;
    private int deleted;
    private int failed;
    private long bytes;
    private long read;
    private long rows;
    private long rejected;

    Tally(int filesTotal, Set<String> replacedKeys, Progress progress) {
      this.filesTotal = filesTotal;
      this.replacedKeys = replacedKeys;
      this.progress = progress;
      progress.update(snapshot());
    }

    synchronized void deleted() {
      deleted++;
      progress.update(snapshot());
    }

    synchronized FileOutcome add(FileOutcome outcome) {
      if (outcome.loaded()) {
        loaded++;
        if (replacedKeys.contains(outcome.file().key())) {
          replaced++;
        }
        bytes += outcome.file().size();
        read += outcome.result().rowsRead();
        rows += outcome.result().rowsLoaded();
        rejected += outcome.result().rowsRejected() + outcome.result().rowsSkipped();
      } else {
        failed++;
      }
      progress.update(snapshot());
      return outcome;
    }

    /** The run's final totals, with {@code errors} in the order they are reported. */
    synchronized RunTotals finish(List<String> errors) {
      return totals(errors);
    }

    private RunTotals snapshot() {
      return totals(List.of());
    }

    private RunTotals totals(List<String> errors) {
      return new RunTotals(
          filesTotal, loaded, replaced, deleted, failed, bytes, read, rows, rejected, errors);
    }
  }

  /** One file's load: its result when it loaded, else the error that kept it out. */
  private record FileOutcome(DataFile file, FileLoadResult result, String error) {
    boolean loaded() {
      return result != null;
    }
  }
}
