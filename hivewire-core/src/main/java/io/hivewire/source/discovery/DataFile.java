package io.hivewire.source.discovery;

import io.hivewire.s3.ObjectInfo;
import java.time.Instant;
import java.util.Objects;

/** One data file of a table: its object key (full, from the bucket root) and its partition. */
public record DataFile(
    String key, long size, Instant lastModified, String etag, PartitionPath partition) {

  public DataFile {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(lastModified, "lastModified is null");
    Objects.requireNonNull(etag, "etag is null");
    Objects.requireNonNull(partition, "partition is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative for " + key + ": " + size);
    }
  }

  static DataFile of(ObjectInfo object, PartitionPath partition) {
    return new DataFile(
        object.key(), object.size(), object.lastModified(), object.etag(), partition);
  }

  /** The listing entry this file came from. */
  public ObjectInfo objectInfo() {
    return new ObjectInfo(key, size, lastModified, etag);
  }
}
