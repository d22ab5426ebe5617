package io.hivewire.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.DiscoveryJson;
import io.hivewire.source.schema.Column;
import java.util.List;

/** The JSON shapes of connections, resync runs and discovered tables in the API. */
final class ConnectionJson {

  private final ObjectMapper json;

  ConnectionJson(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode connection(ConnectionDetails details) {
    Connection connection = details.connection();
    ConnectionSettings settings = connection.spec().settings();
    ObjectNode node = json.createObjectNode();
    node.put("id", connection.id().toString());
    node.put("name", connection.spec().name());
    node.put("region", settings.region().code());
    node.put("bucket", settings.bucket().value());
    node.put("schemaPrefix", settings.schemaPrefix().value());
    node.put("dataFormat", settings.dataFormat().name());
    node.put("partitioning", settings.partitioning().name());
    node.put("endpoint", connection.spec().endpoint().map(Object::toString).orElse(null));
    StatusChange status = connection.status();
    node.put("status", status.status().name());
    node.put("statusReason", status.reason().orElse(null));
    node.put("statusMessage", status.message().orElse(null));
    node.put("statusChangedAt", status.at().toString());
    node.put("createdAt", connection.createdAt().toString());
    node.put("updatedAt", connection.updatedAt().toString());
    node.put("tablesDiscoveredAt", details.discoveredAt().map(Object::toString).orElse(null));
    ArrayNode history = node.putArray("statusHistory");
    for (StatusChange change : details.history()) {
      history
          .addObject()
          .put("status", change.status().name())
          .put("reason", change.reason().orElse(null))
          .put("message", change.message().orElse(null))
          .put("at", change.at().toString());
    }
    node.set("lastResync", details.lastResync().<JsonNode>map(this::resync).orElse(null));
    return node;
  }

  ArrayNode connections(List<ConnectionDetails> all) {
    ArrayNode array = json.createArrayNode();
    all.forEach(details -> array.add(connection(details)));
    return array;
  }

  ObjectNode resync(ResyncRun run) {
    ObjectNode node = json.createObjectNode();
    node.put("id", run.id().toString());
    node.put("connectionId", run.connectionId().toString());
    node.put("status", run.status().name());
    node.set("changes", run.changesJson().map(this::parse).orElse(null));
    node.put("error", run.error().orElse(null));
    node.put("startedAt", run.startedAt().toString());
    node.put("finishedAt", run.finishedAt().map(Object::toString).orElse(null));
    return node;
  }

  ArrayNode resyncs(List<ResyncRun> runs) {
    ArrayNode array = json.createArrayNode();
    runs.forEach(run -> array.add(resync(run)));
    return array;
  }

  /** The {@code discover --json} document, plus each table's last modification and the run time. */
  ObjectNode tables(java.util.UUID connectionId, DiscoveryView view) {
    ObjectNode document = DiscoveryJson.toTree(view.result());
    List<DiscoveredTable> tables = view.result().tables();
    JsonNode rendered = document.path("tables");
    for (int i = 0; i < tables.size(); i++) {
      ((ObjectNode) rendered.get(i)).put("lastModified", tables.get(i).lastModified().toString());
    }
    ObjectNode node = json.createObjectNode();
    node.put("connectionId", connectionId.toString());
    node.put("discoveredAt", view.discoveredAt().toString());
    node.setAll(document);
    return node;
  }

  /**
   * {@code {"table","columns":[{"name","type","origin"}],"rows":[{column: value}],
   * "problems":[{"file","line","column","error","rawText"}]}}, shaped as an import's rejects.
   */
  ObjectNode preview(TablePreview preview) {
    ObjectNode node = json.createObjectNode();
    node.put("table", preview.table());
    ArrayNode columns = node.putArray("columns");
    for (Column column : preview.columns()) {
      columns
          .addObject()
          .put("name", column.name())
          .put("type", column.type().sqlName())
          .put("origin", column.origin().wireName());
    }
    ArrayNode rows = node.putArray("rows");
    for (List<Object> values : preview.rows()) {
      ObjectNode row = rows.addObject();
      for (int i = 0; i < preview.columns().size(); i++) {
        row.set(preview.columns().get(i).name(), json.valueToTree(values.get(i)));
      }
    }
    ArrayNode problems = node.putArray("problems");
    for (TablePreview.Problem problem : preview.problems()) {
      ObjectNode entry = problems.addObject().put("file", problem.file());
      if (problem.line().isPresent()) {
        entry.put("line", problem.line().get());
      } else {
        entry.putNull("line");
      }
      entry
          .put("column", problem.column().orElse(null))
          .put("error", problem.problem())
          .put("rawText", problem.rawText());
    }
    return node;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored resync changes are not valid JSON: " + e, e);
    }
  }
}
