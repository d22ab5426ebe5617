package io.hivewire.source.discovery;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A table found under a schema prefix: its data files (sorted by key) and, when partitioned, its
 * partition keys in directory order.
 */
public record Table(
    String name,
    String prefix,
    List<DataFile> dataFiles,
    List<String> partitionKeys,
    List<IgnoredFile> ignoredFiles)
    implements TablePlan {

  public Table {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(prefix, "prefix is null");
    dataFiles =
        Objects.requireNonNull(dataFiles, "dataFiles is null").stream()
            .sorted(Comparator.comparing(DataFile::key))
            .toList();
    partitionKeys = List.copyOf(Objects.requireNonNull(partitionKeys, "partitionKeys is null"));
    ignoredFiles = List.copyOf(Objects.requireNonNull(ignoredFiles, "ignoredFiles is null"));
    if (dataFiles.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " has no data files");
    }
  }

  /** The number of distinct partitions (0 for an unpartitioned table). */
  public long partitionCount() {
    if (partitionKeys.isEmpty()) {
      return 0;
    }
    return dataFiles.stream().map(DataFile::partition).distinct().count();
  }

  public long fileCount() {
    return dataFiles.size();
  }

  public long bytes() {
    return dataFiles.stream().mapToLong(DataFile::size).sum();
  }

  /** When the newest data file was written. */
  public Instant lastModified() {
    return dataFiles.stream()
        .map(DataFile::lastModified)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }
}
