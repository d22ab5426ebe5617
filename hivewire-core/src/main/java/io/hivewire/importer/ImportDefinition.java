package io.hivewire.importer;

import io.hivewire.importer.filter.PartitionFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an import loads and how: one discovered table of a connection, its data type and mapping,
 * the columns to import (all when empty), the partitions to read, and when and how it runs.
 */
public record ImportDefinition(
    String name,
    UUID connectionId,
    String table,
    DataType dataType,
    Mapping mapping,
    List<String> columns,
    Optional<PartitionFilter> partitionFilter,
    Schedule schedule,
    ImportMode mode,
    OnError onError,
    int maxErrors) {

  public ImportDefinition {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(connectionId, "connectionId is null");
    Objects.requireNonNull(table, "table is null");
    Objects.requireNonNull(dataType, "dataType is null");
    Objects.requireNonNull(mapping, "mapping is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    Objects.requireNonNull(partitionFilter, "partitionFilter is null");
    Objects.requireNonNull(schedule, "schedule is null");
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(onError, "onError is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("import name is empty: give the import a name");
    }
    if (table.isBlank()) {
      throw new IllegalArgumentException("table is empty: name one of the connection's tables");
    }
    if (maxErrors < 0) {
      throw new IllegalArgumentException(
          "maxErrors is " + maxErrors + ": it counts bad rows allowed per file, 0 or more");
    }
  }
}
