package io.hivewire.importer.schema;

import io.hivewire.source.schema.Column;
import java.util.Objects;
import java.util.Optional;

/**
 * A new column an import can take: the column as found, its position among the table's columns
 * (1-based; file columns first, then partition columns) and the import's column it follows (empty
 * when it comes first).
 */
public record OfferedColumn(Column column, int position, Optional<String> after) {

  public OfferedColumn {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(after, "after is null");
    if (position < 1) {
      throw new IllegalArgumentException("position is " + position + ": positions start at 1");
    }
  }

  public String name() {
    return column.name();
  }
}
