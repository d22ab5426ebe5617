package io.hivewire.importer;

import java.util.List;
import java.util.Objects;

/**
 * What one import run did (or has done so far): files, bytes and rows, and an error per failed
 * file. {@code filesLoaded} counts every file loaded, {@code filesReplaced} those of them that
 * replaced the rows of an earlier version.
 */
public record RunTotals(
    int filesTotal,
    int filesLoaded,
    int filesReplaced,
    int filesDeleted,
    int filesFailed,
    long bytesRead,
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    List<String> errors) {

  /** A run that has not done anything yet. */
  public static final RunTotals NONE = new RunTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());

  public RunTotals {
    errors = List.copyOf(Objects.requireNonNull(errors, "errors is null"));
  }

  /** Files finished so far, loaded or failed. */
  public int filesDone() {
    return filesLoaded + filesFailed;
  }

  /** Whether every file the run took on was loaded or removed. */
  public boolean succeeded() {
    return filesFailed == 0;
  }
}
