package io.hivewire.reader;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import java.util.List;

/** Opens the row reader for a data file's format. */
public final class RowReaders {

  private RowReaders() {}

  /**
   * A reader of {@code file} yielding values for {@code fileColumns} (a table's FILE columns, as
   * schema inference found them), in that order.
   *
   * <ul>
   *   <li>CSV streams the object in one GET (gunzipped when it starts with the gzip magic) and maps
   *       columns by position; a file with fewer columns than the table (columns appended since)
   *       yields NULL for the missing ones.
   *   <li>Parquet reads the footer, then only the requested columns' chunks, with ranged GETs;
   *       columns are matched by name and a column the file lacks is NULL.
   * </ul>
   *
   * @throws FileReadException when the file cannot be opened as {@code format}
   */
  public static RowReader open(
      ObjectStore store,
      S3Location location,
      ObjectInfo file,
      DataFormat format,
      List<Column> fileColumns) {
    return switch (format) {
      case CSV -> CsvRowReader.open(store, location, fileColumns);
      case PARQUET -> ParquetRowReader.open(store, location, file.size(), fileColumns);
    };
  }
}
