package io.hivewire.importer;

import io.hivewire.importer.filter.BoundPartitionFilter;
import io.hivewire.source.schema.Column;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An import definition checked against its table: the columns it loads (file columns, then
 * partition columns), every file column of the table (readers take them all, CSV maps them by
 * position), the table's partition keys and its filter bound to their types.
 */
public record CheckedImport(
    ImportDefinition definition,
    List<Column> columns,
    List<Column> tableFileColumns,
    List<String> partitionKeys,
    Optional<BoundPartitionFilter> filter) {

  public CheckedImport {
    Objects.requireNonNull(definition, "definition is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    tableFileColumns =
        List.copyOf(Objects.requireNonNull(tableFileColumns, "tableFileColumns is null"));
    partitionKeys = List.copyOf(Objects.requireNonNull(partitionKeys, "partitionKeys is null"));
    Objects.requireNonNull(filter, "filter is null");
  }
}
