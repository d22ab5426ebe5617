package io.hivewire.source.discovery;

import io.hivewire.source.schema.Column;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A table as discovery shows it: its columns (file columns, then partition columns) and the figures
 * of its data files.
 */
public record DiscoveredTable(
    String name,
    List<Column> columns,
    List<String> partitionKeys,
    long partitions,
    long files,
    long bytes,
    Instant lastModified) {

  public DiscoveredTable {
    Objects.requireNonNull(name, "name is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    partitionKeys = List.copyOf(Objects.requireNonNull(partitionKeys, "partitionKeys is null"));
    Objects.requireNonNull(lastModified, "lastModified is null");
    if (partitions < 0 || files < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "negative figures for table " + name + ": " + partitions + ", " + files + ", " + bytes);
    }
  }

  /** The table of a plan with the columns read for it. */
  public static DiscoveredTable of(Table table, List<Column> columns) {
    return new DiscoveredTable(
        table.name(),
        columns,
        table.partitionKeys(),
        table.partitionCount(),
        table.fileCount(),
        table.bytes(),
        table.lastModified());
  }
}
