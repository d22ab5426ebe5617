package io.hivewire.importer.load;

import java.util.Objects;
import java.util.Optional;

/** A row left out of a load and kept for the user: where it was, what was wrong, its text. */
public record Reject(
    String fileKey, long line, Optional<String> column, String error, String rawText) {

  public Reject {
    Objects.requireNonNull(fileKey, "fileKey is null");
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(rawText, "rawText is null");
  }
}
