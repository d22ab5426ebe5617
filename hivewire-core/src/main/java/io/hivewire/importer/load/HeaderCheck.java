package io.hivewire.importer.load;

import io.hivewire.reader.ColumnMismatchException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.schema.Column;
import java.util.List;

/**
 * Checks a CSV file's header against the table's file columns before any row is read. CSV is read
 * by position, so a header that does not start with the table's columns in order would load values
 * into the wrong columns. Columns after the table's are ignored (added at the end, not yet taken
 * in); a header that stops early is a file written before columns were added, NULL in them.
 */
final class HeaderCheck {

  private HeaderCheck() {}

  /**
   * @throws ColumnMismatchException naming the first position where the header differs
   */
  static void check(S3Location file, List<String> header, List<Column> tableColumns) {
    int compared = Math.min(header.size(), tableColumns.size());
    for (int i = 0; i < compared; i++) {
      String expected = tableColumns.get(i).name();
      if (!header.get(i).equals(expected)) {
        throw new ColumnMismatchException(
            file,
            "has '"
                + header.get(i)
                + "' as column "
                + (i + 1)
                + " of its header where the table has '"
                + expected
                + "': a CSV header must start with the table's columns in order ("
                + String.join(", ", tableColumns.stream().map(Column::name).toList())
                + "), new columns only at the end");
      }
    }
  }
}
