package io.hivewire.s3;

import java.time.Instant;
import java.util.Objects;

/** What a listing or a HEAD request says about one object. */
public record ObjectInfo(String key, long size, Instant lastModified, String etag) {

  public ObjectInfo {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(lastModified, "lastModified is null");
    Objects.requireNonNull(etag, "etag is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative for " + key + ": " + size);
    }
  }
}
