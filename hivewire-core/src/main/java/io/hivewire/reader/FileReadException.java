package io.hivewire.reader;

import io.hivewire.s3.S3Location;
import java.util.Objects;

/**
 * A data file cannot be read at all (corrupt gzip or Parquet, not the expected format, columns of
 * the wrong type); unlike a {@link RowReadException}, reading it cannot go on.
 */
public class FileReadException extends RuntimeException {

  private final S3Location file;

  public FileReadException(S3Location file, String problem, Throwable cause) {
    super(Objects.requireNonNull(file, "file is null") + " " + problem, cause);
    this.file = file;
  }

  public S3Location file() {
    return file;
  }
}
