package io.hivewire.source.schema;

import java.util.Objects;

/** One column of a discovered table. */
public record Column(String name, ColumnType type, boolean nullable, ColumnOrigin origin) {

  public Column {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(origin, "origin is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
  }
}
