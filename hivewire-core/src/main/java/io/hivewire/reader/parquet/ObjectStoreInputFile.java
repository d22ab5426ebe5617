package io.hivewire.reader.parquet;

import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import java.util.Objects;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over one object of an {@link ObjectStore}: the length comes from the
 * listing (no HEAD request), and every stream reads through ranged GETs.
 */
public final class ObjectStoreInputFile implements InputFile {

  /** Read-ahead for small reads: page headers and dictionary pages fit, whole files do not. */
  public static final int DEFAULT_BLOCK_SIZE = 1024 * 1024;

  private final ObjectStore store;
  private final S3Location location;
  private final long length;
  private final int blockSize;

  public ObjectStoreInputFile(ObjectStore store, S3Location location, long length) {
    this(store, location, length, DEFAULT_BLOCK_SIZE);
  }

  public ObjectStoreInputFile(ObjectStore store, S3Location location, long length, int blockSize) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.location = Objects.requireNonNull(location, "location is null");
    if (length < 0) {
      throw new IllegalArgumentException("length is negative for " + location + ": " + length);
    }
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
    }
    this.length = length;
    this.blockSize = blockSize;
  }

  public S3Location location() {
    return location;
  }

  ObjectStore store() {
    return store;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() {
    return new RangeReadingInputStream(store, location, length, blockSize);
  }

  @Override
  public String toString() {
    return location.toString();
  }
}
