package io.hivewire.routing;

import java.util.Objects;

/**
 * Where a worker cut every open file of one log partition: the records below {@code offset} (and at
 * or above the previous cut) make up the files it named with its own {@code worker} id.
 */
record CutPoint(long offset, WorkerId worker) {

  CutPoint {
    Objects.requireNonNull(worker, "worker is null");
    if (offset < 0) {
      throw new IllegalArgumentException("cut offset is negative: " + offset);
    }
  }
}
