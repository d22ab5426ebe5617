package io.hivewire.reader;

import io.hivewire.s3.S3Location;
import io.hivewire.source.schema.Column;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rows of one data file, one at a time, as Java values of the table's column types.
 *
 * <p>A value that does not convert raises a {@link RowReadException} for that row only: the reader
 * stays usable, so a caller may skip or reject the row and go on. A file that cannot be read at all
 * raises a {@link FileReadException}. Not safe for concurrent use.
 */
public interface RowReader extends AutoCloseable {

  /** The file being read. */
  S3Location file();

  /** The columns each row holds values for, in order. */
  List<Column> columns();

  /**
   * The column names of the file's header row, named as schema inference names them; empty for
   * formats without a header.
   */
  default List<String> header() {
    return List.of();
  }

  /** The next row; empty at the end of the file. */
  Optional<Row> next();

  /** Releases the connection and buffers; idempotent. */
  @Override
  void close();
}
