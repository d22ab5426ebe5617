package io.hivewire.cluster;

import io.hivewire.cluster.node.NodeId;
import io.hivewire.cluster.node.NodeRoles;
import java.util.List;
import java.util.Objects;

/** What {@code /health} shows of a node: its id, its roles and the leases it holds. */
public record NodeStatus(NodeId id, NodeRoles roles, List<HeldLease> leases) {
  public NodeStatus {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(roles, "roles is null");
    leases = List.copyOf(Objects.requireNonNull(leases, "leases is null"));
  }
}
