package io.hivewire.importer;

import io.hivewire.source.discovery.DataFile;
import java.time.Instant;
import java.util.Objects;

/** A file an import has loaded: the listing entry it loaded, and how many rows it gave. */
public record ManifestEntry(String key, long size, String etag, Instant lastModified, long rows) {

  public ManifestEntry {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(etag, "etag is null");
    Objects.requireNonNull(lastModified, "lastModified is null");
    if (size < 0 || rows < 0) {
      throw new IllegalArgumentException(
          "manifest entry of " + key + " has a negative size or row count: " + size + ", " + rows);
    }
  }

  /** The entry recorded after loading {@code file}. */
  public static ManifestEntry loaded(DataFile file, long rows) {
    return new ManifestEntry(file.key(), file.size(), file.etag(), file.lastModified(), rows);
  }

  /** Whether the listed file is no longer what was loaded. */
  boolean changedIn(DataFile file) {
    return !etag.equals(file.etag()) || size != file.size();
  }
}
