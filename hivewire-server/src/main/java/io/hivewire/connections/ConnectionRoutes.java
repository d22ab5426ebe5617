package io.hivewire.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.JsonBody;
import io.hivewire.http.RouteInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/connections}: create, list, change, delete, resync, tables, policy. */
public final class ConnectionRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/connections";
  private static final int DEFAULT_PREVIEW_ROWS = 10;
  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "region", "bucket", "schemaPrefix", "dataFormat", "partitioning", "endpoint");

  private final ConnectionService connections;
  private final PolicyService policies;
  private final ObjectMapper json;
  private final ConnectionJson views;

  public ConnectionRoutes(
      ConnectionService connections, PolicyService policies, ObjectMapper json) {
    this.connections = connections;
    this.policies = policies;
    this.json = json;
    this.views = new ConnectionJson(json);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE, this::create);
    routes.get(BASE, ctx -> ctx.json(views.connections(connections.list())));
    routes.post(BASE + "/policy", this::policy);
    routes.get(BASE + "/{id}", ctx -> ctx.json(views.connection(connections.get(id(ctx)))));
    routes.patch(BASE + "/{id}", this::update);
    routes.delete(
        BASE + "/{id}",
        ctx -> {
          connections.delete(id(ctx));
          ctx.status(204);
        });
    routes.post(
        BASE + "/{id}/resync",
        ctx -> ctx.status(202).json(views.resync(connections.resync(id(ctx)))));
    routes.get(
        BASE + "/{id}/resyncs", ctx -> ctx.json(views.resyncs(connections.resyncs(id(ctx)))));
    routes.get(
        BASE + "/{id}/tables", ctx -> ctx.json(views.tables(id(ctx), connections.tables(id(ctx)))));
    routes.get(BASE + "/{id}/tables/{table}/preview", this::preview);
  }

  private void preview(Context ctx) {
    String rawLimit = ctx.queryParam("limit");
    int limit;
    try {
      limit = rawLimit == null ? DEFAULT_PREVIEW_ROWS : Integer.parseInt(rawLimit.strip());
    } catch (NumberFormatException e) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "limit '"
              + rawLimit
              + "' is not a number: enter 1 to "
              + ConnectionService.MAX_PREVIEW_ROWS
              + " (default "
              + DEFAULT_PREVIEW_ROWS
              + ")");
    }
    ctx.json(views.preview(connections.preview(id(ctx), ctx.pathParam("table"), limit)));
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.read(ctx, json, CREATE_FIELDS);
    ConnectionRequest request =
        new ConnectionRequest(
            body.text("name"),
            body.text("region"),
            body.text("bucket"),
            body.text("schemaPrefix"),
            body.text("dataFormat"),
            body.text("partitioning"),
            body.text("endpoint"));
    ctx.status(202).json(views.connection(connections.create(request)));
  }

  private void update(Context ctx) {
    JsonBody body = JsonBody.read(ctx, json, Set.of("name", "status"));
    if (body.text("name").isEmpty() && body.text("status").isEmpty()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "nothing to change: send {\"name\": \"new name\"} to rename, {\"status\": \"INACTIVE\"}"
              + " to deactivate or {\"status\": \"ACTIVE\"} to re-activate");
    }
    ctx.json(views.connection(connections.update(id(ctx), body.text("name"), body.text("status"))));
  }

  private void policy(Context ctx) throws JsonProcessingException {
    JsonBody body = JsonBody.read(ctx, json, Set.of("bucket"));
    PolicyService.Policy policy = policies.policyFor(body.text("bucket"));
    ObjectNode node = json.createObjectNode();
    node.put("bucket", policy.bucket());
    node.put("principal", policy.principal());
    node.put("principalSource", policy.principalSource().name());
    policy.note().ifPresent(note -> node.put("note", note));
    node.set("policy", json.readTree(policy.document()));
    ctx.json(node);
  }

  static UUID id(Context ctx) {
    return RouteInput.uuid(
        ctx,
        "id",
        raw ->
            "no connection with id '"
                + raw
                + "': ids are UUIDs, GET /api/v1/connections lists them");
  }
}
