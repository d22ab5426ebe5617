package io.hivewire.reader.parquet;

/**
 * A file that cannot be read as Parquet: {@link #wrongFormat()} when it is not Parquet at all (no
 * {@code PAR1} magic), otherwise a Parquet file that is corrupt, encrypted or not supported. The
 * message says what is wrong, without the file name (callers name the file).
 */
public final class InvalidParquetFileException extends java.io.IOException {

  private final boolean wrongFormat;

  public InvalidParquetFileException(String message, boolean wrongFormat, Throwable cause) {
    super(message, cause);
    this.wrongFormat = wrongFormat;
  }

  /** True when the file is not a Parquet file at all. */
  public boolean wrongFormat() {
    return wrongFormat;
  }
}
