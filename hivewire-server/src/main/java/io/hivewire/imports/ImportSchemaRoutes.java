package io.hivewire.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.http.ApiException;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ErrorCode;
import io.hivewire.http.JsonBody;
import io.hivewire.http.RouteInput;
import io.hivewire.importer.schema.OfferedColumn;
import io.hivewire.importer.schema.UnsupportedChange;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/imports/{id}}: {@code POST refresh} checks the table's files for schema changes,
 * {@code GET schema-changes} shows the last check, {@code POST schema-changes/accept} takes offered
 * columns in.
 */
public final class ImportSchemaRoutes implements ApiServer.Routes {

  private static final String BASE = "/api/v1/imports/{id}";

  private final ImportSchemaService schemas;
  private final ObjectMapper json;

  public ImportSchemaRoutes(ImportSchemaService schemas, ObjectMapper json) {
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
    this.json = Objects.requireNonNull(json, "json is null");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE + "/refresh", ctx -> ctx.json(view(schemas.refresh(id(ctx)))));
    routes.get(BASE + "/schema-changes", ctx -> ctx.json(view(schemas.lastCheck(id(ctx)))));
    routes.post(
        BASE + "/schema-changes/accept",
        ctx -> ctx.json(view(schemas.accept(id(ctx), columns(ctx)))));
  }

  /** The {@code columns} of {@code {"columns": ["name", …]}}. */
  private List<String> columns(Context ctx) {
    JsonBody.read(ctx, json, Set.of("columns"));
    JsonNode node;
    try {
      node = json.readTree(ctx.body()).get("columns");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a body read once failed to read again", e);
    }
    if (node == null || !node.isArray()) {
      throw new ApiException(
          ErrorCode.INVALID_REQUEST,
          "columns must be a JSON array of the offered column names to take, e.g."
              + " {\"columns\": [\"country\"]}");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode name : node) {
      if (!name.isTextual()) {
        throw new ApiException(
            ErrorCode.INVALID_REQUEST,
            "columns must hold column names as JSON strings, got " + name.toString());
      }
      names.add(name.asText());
    }
    return names;
  }

  private ObjectNode view(SchemaCheckView check) {
    ObjectNode root = json.createObjectNode();
    root.put("importId", check.importId().toString());
    root.put("checkedAt", check.checkedAt().toString());
    root.put("trigger", check.trigger());
    ArrayNode offered = root.putArray("offered");
    for (OfferedColumn column : check.changes().offered()) {
      ObjectNode node =
          offered
              .addObject()
              .put("name", column.name())
              .put("type", column.column().type().sqlName())
              .put("origin", column.column().origin().wireName())
              .put("position", column.position());
      column
          .after()
          .ifPresentOrElse(after -> node.put("after", after), () -> node.putNull("after"));
    }
    ArrayNode unsupported = root.putArray("unsupported");
    for (UnsupportedChange change : check.changes().unsupported()) {
      unsupported
          .addObject()
          .put("kind", change.kind().name())
          .put("column", change.column())
          .put("detail", change.detail())
          .put("rule", change.rule());
    }
    check.error().ifPresent(error -> root.put("error", error));
    return root;
  }

  private static UUID id(Context ctx) {
    return RouteInput.uuid(
        ctx,
        "id",
        raw -> "no import with id '" + raw + "': ids are UUIDs, GET /api/v1/imports lists them");
  }
}
