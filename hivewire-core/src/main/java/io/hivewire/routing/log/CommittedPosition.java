package io.hivewire.routing.log;

import java.util.Objects;

/**
 * Where a consumer group resumes in one partition: the first offset not yet delivered, and the
 * metadata committed with it (routing records the cut points of files not yet uploaded there, so
 * that whoever owns the partition next re-creates the same files).
 */
public record CommittedPosition(long offset, String metadata) {

  public CommittedPosition {
    Objects.requireNonNull(metadata, "metadata is null");
    if (offset < 0) {
      throw new IllegalArgumentException("committed offset is negative: " + offset);
    }
  }

  /** A position with no metadata. */
  public static CommittedPosition at(long offset) {
    return new CommittedPosition(offset, "");
  }
}
