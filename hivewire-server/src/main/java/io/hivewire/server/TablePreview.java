package io.hivewire.server;

import io.hivewire.source.schema.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The first rows of a table: one value per column (file columns, then partition columns), {@code
 * null} for SQL NULL.
 */
public record TablePreview(String table, List<Column> columns, List<List<Object>> rows) {

  public TablePreview {
    Objects.requireNonNull(table, "table is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : Objects.requireNonNull(rows, "rows is null")) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
