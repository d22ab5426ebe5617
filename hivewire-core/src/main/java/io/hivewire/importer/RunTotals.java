package io.hivewire.importer;

import java.util.List;
import java.util.Objects;

/** What one import run did: files, bytes and rows, and an error per failed file. */
public record RunTotals(
    int filesTotal,
    int filesLoaded,
    int filesDeleted,
    int filesFailed,
    long bytesRead,
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    List<String> errors) {

  public RunTotals {
    errors = List.copyOf(Objects.requireNonNull(errors, "errors is null"));
  }

  /** Whether every file the run took on was loaded or removed. */
  public boolean succeeded() {
    return filesFailed == 0;
  }
}
