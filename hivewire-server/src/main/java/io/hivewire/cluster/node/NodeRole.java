package io.hivewire.cluster.node;

import java.util.Locale;

/** What a node does; a deployment may give each node only some of them. */
public enum NodeRole {
  /** Takes events, identifies and segment changes: the {@code /v2.0} collection API. */
  COLLECT,
  /** Runs the routing destinations' workers. */
  ROUTE,
  /** Claims import runs, connection checks and resyncs. */
  WORK;

  /** The name in {@code --roles} and {@code cluster.roles}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
