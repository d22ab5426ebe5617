package io.hivewire.reader;

import io.hivewire.s3.S3Location;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a file could not be read as the table's columns: a field that does not convert, or a
 * record with the wrong number of fields. The reader that raised it can go on to the next row.
 */
public final class RowReadException extends RuntimeException {

  private final S3Location file;
  private final long line;
  private final String column;
  private final String problem;
  private final String rawText;

  /**
   * @param line the 1-based line (CSV) or row (Parquet) number
   * @param column the column whose value failed; empty when the whole row is wrong
   * @param problem what is wrong, e.g. {@code 'abc' is not a BIGINT}
   * @param rawText the text as read (the field, or the whole record)
   */
  public RowReadException(
      S3Location file, long line, String column, String problem, String rawText) {
    super(message(file, line, column, problem));
    this.file = Objects.requireNonNull(file, "file is null");
    this.line = line;
    this.column = Objects.requireNonNull(column, "column is null");
    this.problem = Objects.requireNonNull(problem, "problem is null");
    this.rawText = Objects.requireNonNull(rawText, "rawText is null");
  }

  public S3Location file() {
    return file;
  }

  public long line() {
    return line;
  }

  /** The column whose value failed; empty when the whole row is wrong. */
  public Optional<String> column() {
    return column.isEmpty() ? Optional.empty() : Optional.of(column);
  }

  /** What is wrong, without the file, line and column the message starts with. */
  public String problem() {
    return problem;
  }

  /** The offending text as it is in the file. */
  public String rawText() {
    return rawText;
  }

  private static String message(S3Location file, long line, String column, String problem) {
    return file + " line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + problem;
  }
}
