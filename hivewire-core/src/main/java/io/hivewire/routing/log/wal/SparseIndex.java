package io.hivewire.routing.log.wal;

import java.util.Arrays;

/**
 * Offset-to-position entries, one every {@value #INTERVAL_BYTES} bytes of a segment, so that a read
 * starts near its offset instead of scanning the segment from its start. Thread-safe.
 */
final class SparseIndex {

  static final int INTERVAL_BYTES = 4096;

  private long[] offsets = new long[64];
  private long[] positions = new long[64];
  private int count;

  /** Records where a frame starts, if it is far enough from the previous entry. */
  synchronized void add(long offset, long position) {
    if (count > 0 && position - positions[count - 1] < INTERVAL_BYTES) {
      return;
    }
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
      positions = Arrays.copyOf(positions, count * 2);
    }
    offsets[count] = offset;
    positions[count] = position;
    count++;
  }

  /** The position of a frame at or before {@code offset}: 0 when no entry precedes it. */
  synchronized long floorPosition(long offset) {
    int i = Arrays.binarySearch(offsets, 0, count, offset);
    if (i >= 0) {
      return positions[i];
    }
    int before = -i - 2;
    return before < 0 ? 0 : positions[before];
  }
}
