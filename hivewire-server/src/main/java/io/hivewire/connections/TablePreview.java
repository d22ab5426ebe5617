package io.hivewire.connections;

import io.hivewire.source.schema.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first rows of a table: one value per column (file columns, then partition columns), {@code
 * null} for SQL NULL; and the values that could not be shown, each with where it is and why.
 */
public record TablePreview(
    String table, List<Column> columns, List<List<Object>> rows, List<Problem> problems) {

  /**
   * A value, row or file the preview left out: the file's key, the line (CSV, the header is line 1)
   * or row (Parquet) when one row is at fault, the column when one value is, and what is wrong.
   */
  public record Problem(
      String file, Optional<Long> line, Optional<String> column, String problem, String rawText) {
    public Problem {
      Objects.requireNonNull(file, "file is null");
      Objects.requireNonNull(line, "line is null");
      Objects.requireNonNull(column, "column is null");
      Objects.requireNonNull(problem, "problem is null");
      Objects.requireNonNull(rawText, "rawText is null");
    }
  }

  public TablePreview {
    Objects.requireNonNull(table, "table is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : Objects.requireNonNull(rows, "rows is null")) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
    problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
  }
}
