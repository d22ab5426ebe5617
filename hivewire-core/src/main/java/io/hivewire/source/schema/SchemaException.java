package io.hivewire.source.schema;

import io.hivewire.s3.S3Location;
import java.util.Objects;

/**
 * A table's schema cannot be read from its data files. The message names the file, says what is
 * wrong and what to do; {@link #reason()} tells a caller which kind of problem it is.
 */
public final class SchemaException extends RuntimeException {

  /** What kind of problem stops the schema from being read. */
  public enum Reason {
    /** The file is not in the connection's data format (e.g. no Parquet magic). */
    WRONG_FORMAT,
    /** The file is in the right format but damaged, encrypted or empty. */
    UNREADABLE_FILE,
    /** The file is readable but holds nothing a table can be made of (no columns). */
    NO_COLUMNS,
    /** There is no data file to read a schema from. */
    NO_DATA_FILES
  }

  private final Reason reason;
  private final S3Location file;

  public SchemaException(Reason reason, S3Location file, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason is null");
    this.file = Objects.requireNonNull(file, "file is null");
  }

  public SchemaException(Reason reason, S3Location file, String message) {
    this(reason, file, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The file the schema was read from (the table prefix for {@link Reason#NO_DATA_FILES}). */
  public S3Location file() {
    return file;
  }
}
