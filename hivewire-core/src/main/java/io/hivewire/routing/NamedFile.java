package io.hivewire.routing;

import java.util.Objects;

/** A closed file and the object key it is uploaded under. */
record NamedFile(ClosedFile file, String key) {

  NamedFile {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(key, "key is null");
  }
}
