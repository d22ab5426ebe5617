package io.hivewire.connections;

import io.hivewire.source.discovery.DiscoveryResult;
import java.util.Optional;
import java.util.UUID;

/** Work a resync hands on once it discovered the connection's tables, before it completes. */
@FunctionalInterface
public interface ResyncFollowUp {

  /** Does nothing. */
  ResyncFollowUp NONE = (connectionId, previous) -> {};

  /**
   * @param previous the discovery the resync replaced, when there was one
   */
  void resynced(UUID connectionId, Optional<DiscoveryResult> previous);
}
