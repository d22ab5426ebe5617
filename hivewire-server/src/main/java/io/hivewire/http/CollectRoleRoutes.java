package io.hivewire.http;

import io.hivewire.cluster.node.NodeRoles;
import io.hivewire.errors.NotConfiguredException;
import io.javalin.config.RoutesConfig;
import java.util.Objects;

/**
 * On a node without the {@code collect} role, answers every {@code /v2.0} request 503
 * NOT_CONFIGURED naming the role: the routes stay registered, so every node serves the same
 * contract and a load balancer that sends a request to the wrong node gets a clear answer.
 */
public final class CollectRoleRoutes implements ApiServer.Routes {

  private final NodeRoles roles;

  public CollectRoleRoutes(NodeRoles roles) {
    this.roles = Objects.requireNonNull(roles, "roles is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(
        "/v2.0/*",
        ctx -> {
          throw new NotConfiguredException(
              "this node does not collect events: its roles are "
                  + roles
                  + " (cluster.roles, --roles); send /v2.0 requests to a node with the collect"
                  + " role");
        });
  }
}
