package io.hivewire.config;

import io.hivewire.cluster.node.NodeId;
import io.hivewire.cluster.node.NodeRoles;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * This node among several on one database: its id (when set; else made from the host name and the
 * data dir), its roles, and how long its leases last without a heartbeat.
 */
public record ClusterConfig(Optional<NodeId> nodeId, NodeRoles roles, Duration leaseTtl) {
  public ClusterConfig {
    Objects.requireNonNull(nodeId, "nodeId is null");
    Objects.requireNonNull(roles, "roles is null");
    Objects.requireNonNull(leaseTtl, "leaseTtl is null");
  }
}
