package io.hivewire.routing;

import java.util.Objects;

/**
 * A file that is in the bucket: its key, what it holds, its size (gzip bytes), and whether this run
 * wrote it.
 */
public record UploadedFile(
    String key, FileRange range, long records, long bytes, Uploader.Outcome outcome) {

  public UploadedFile {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(range, "range is null");
    Objects.requireNonNull(outcome, "outcome is null");
    if (records < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "records and bytes must not be negative, got " + records + " and " + bytes);
    }
  }
}
