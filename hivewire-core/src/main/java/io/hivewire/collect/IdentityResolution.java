package io.hivewire.collect;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The user a set of aliases resolves to and the links to store and route: one per alias that is
 * new, moves to another user, or changes priority.
 */
public record IdentityResolution(UUID userId, List<AliasLink> links) {

  public IdentityResolution {
    Objects.requireNonNull(userId, "userId is null");
    links = List.copyOf(links);
  }
}
