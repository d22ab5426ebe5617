package io.hivewire.cluster;

import java.time.Instant;
import java.util.Objects;

/** A lease a node holds: the work it names and when it runs out unless renewed (database time). */
public record HeldLease(String name, Instant expiresAt) {
  public HeldLease {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(expiresAt, "expiresAt is null");
  }
}
