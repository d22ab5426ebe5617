package io.hivewire.routing;

import java.util.Objects;

/**
 * What one routed file holds: every record of {@code partition} whose log offset lies in {@code
 * [firstOffset, lastOffset]}. Because a partition has at most one open file at a time, this range
 * identifies the file's content, so a rebuilt file is the same file.
 */
public record FileRange(PartitionKey partition, long firstOffset, long lastOffset) {

  public FileRange {
    Objects.requireNonNull(partition, "partition is null");
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException(
          "invalid offset range " + firstOffset + ".." + lastOffset + " for " + partition);
    }
  }

  /** Whether the record at {@code offset} in {@code partition} belongs to this file. */
  public boolean contains(PartitionKey recordPartition, long offset) {
    return offset >= firstOffset && offset <= lastOffset && partition.equals(recordPartition);
  }
}
