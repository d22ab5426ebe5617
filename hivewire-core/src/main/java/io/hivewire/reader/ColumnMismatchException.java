package io.hivewire.reader;

import io.hivewire.s3.S3Location;

/**
 * A data file's columns do not match the table's: a CSV header out of order with them, a Parquet
 * column of another type. Loading it would put values into the wrong columns, so the file is not
 * read.
 */
public final class ColumnMismatchException extends FileReadException {

  private static final long serialVersionUID = 1L;

  public ColumnMismatchException(S3Location file, String problem) {
    super(file, problem, null);
  }
}
