package io.hivewire.importer.load;

import java.util.List;
import java.util.Objects;

/** What loading one file gave: rows read, loaded, skipped and rejected. */
public record FileLoadResult(
    long rowsRead, long rowsLoaded, long rowsSkipped, List<Reject> rejects) {

  public FileLoadResult {
    rejects = List.copyOf(Objects.requireNonNull(rejects, "rejects is null"));
    if (rowsRead < 0 || rowsLoaded < 0 || rowsSkipped < 0) {
      throw new IllegalArgumentException(
          "negative row counts: " + rowsRead + ", " + rowsLoaded + ", " + rowsSkipped);
    }
  }

  /** Rows read but not loaded. */
  public long rowsRejected() {
    return rejects.size();
  }
}
