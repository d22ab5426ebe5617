package io.hivewire.reader;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row read from a data file: its values in the order of the columns asked for ({@code null} is
 * SQL NULL), and where it was in the file.
 *
 * @param number the 1-based line a CSV record starts on (the header is line 1), or the 1-based row
 *     number in a Parquet file
 * @param values one Java value or {@code null} per column
 */
public record Row(long number, List<Object> values) {

  public Row {
    Objects.requireNonNull(values, "values is null");
    if (number < 1) {
      throw new IllegalArgumentException("row number must be 1 or more: " + number);
    }
  }

  /** A row over {@code values}, which the row takes over (no copy: readers make a new array). */
  static Row of(long number, Object[] values) {
    return new Row(number, Collections.unmodifiableList(Arrays.asList(values)));
  }
}
