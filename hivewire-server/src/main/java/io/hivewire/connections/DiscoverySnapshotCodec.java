package io.hivewire.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.discovery.IgnoreReason;
import io.hivewire.source.discovery.IgnoredFile;
import io.hivewire.source.discovery.SkipReason;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stores a {@link DiscoveryResult} as JSON and reads it back whole, column types included, so a
 * resync can compare the new discovery with the last one.
 */
public final class DiscoverySnapshotCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DiscoverySnapshotCodec() {}

  public static String encode(DiscoveryResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode tables = root.putArray("tables");
    for (DiscoveredTable table : result.tables()) {
      ObjectNode node = tables.addObject();
      node.put("name", table.name());
      ArrayNode columns = node.putArray("columns");
      for (Column column : table.columns()) {
        ObjectNode c = columns.addObject();
        c.put("name", column.name());
        c.set("type", type(column.type()));
        c.put("nullable", column.nullable());
        c.put("origin", column.origin().name());
      }
      ArrayNode keys = node.putArray("partitionKeys");
      table.partitionKeys().forEach(keys::add);
      node.put("partitions", table.partitions());
      node.put("files", table.files());
      node.put("bytes", table.bytes());
      node.put("lastModified", table.lastModified().toString());
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedTable table : result.skipped()) {
      skipped
          .addObject()
          .put("name", table.name())
          .put("reason", table.reason().name())
          .put("detail", table.detail());
    }
    ArrayNode ignored = root.putArray("ignoredFiles");
    for (IgnoredFile file : result.ignoredFiles()) {
      ignored.addObject().put("key", file.key()).put("reason", file.reason().name());
    }
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    return root.toString();
  }

  public static DiscoveryResult decode(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored discovery snapshot is not valid JSON: " + e, e);
    }
    List<DiscoveredTable> tables = new ArrayList<>();
    for (JsonNode node : root.path("tables")) {
      List<Column> columns = new ArrayList<>();
      for (JsonNode c : node.path("columns")) {
        columns.add(
            new Column(
                c.path("name").asText(),
                type(c.path("type")),
                c.path("nullable").asBoolean(),
                ColumnOrigin.valueOf(c.path("origin").asText())));
      }
      List<String> keys = new ArrayList<>();
      node.path("partitionKeys").forEach(k -> keys.add(k.asText()));
      tables.add(
          new DiscoveredTable(
              node.path("name").asText(),
              columns,
              keys,
              node.path("partitions").asLong(),
              node.path("files").asLong(),
              node.path("bytes").asLong(),
              Instant.parse(node.path("lastModified").asText())));
    }
    List<SkippedTable> skipped = new ArrayList<>();
    for (JsonNode node : root.path("skipped")) {
      skipped.add(
          new SkippedTable(
              node.path("name").asText(),
              SkipReason.valueOf(node.path("reason").asText()),
              node.path("detail").asText()));
    }
    List<IgnoredFile> ignored = new ArrayList<>();
    for (JsonNode node : root.path("ignoredFiles")) {
      ignored.add(
          new IgnoredFile(
              node.path("key").asText(), IgnoreReason.valueOf(node.path("reason").asText())));
    }
    List<String> warnings = new ArrayList<>();
    root.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new DiscoveryResult(tables, skipped, ignored, warnings);
  }

  private static JsonNode type(ColumnType type) {
    return switch (type) {
      case ColumnType.Primitive p -> MAPPER.getNodeFactory().textNode(p.name());
      case ColumnType.Decimal d ->
          MAPPER.createObjectNode().put("precision", d.precision()).put("scale", d.scale());
      case ColumnType.ListOf l -> {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("list", type(l.element()));
        yield node;
      }
      case ColumnType.MapOf m -> {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("key", type(m.key()));
        node.set("value", type(m.value()));
        yield node;
      }
      case ColumnType.Struct s -> {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode fields = node.putArray("struct");
        for (ColumnType.Field f : s.fields()) {
          ObjectNode field = fields.addObject();
          field.put("name", f.name());
          field.set("type", type(f.type()));
          field.put("nullable", f.nullable());
        }
        yield node;
      }
    };
  }

  private static ColumnType type(JsonNode node) {
    if (node.isTextual()) {
      return ColumnType.Primitive.valueOf(node.asText().toUpperCase(Locale.ROOT));
    }
    if (node.has("precision")) {
      return new ColumnType.Decimal(node.path("precision").asInt(), node.path("scale").asInt());
    }
    if (node.has("list")) {
      return new ColumnType.ListOf(type(node.path("list")));
    }
    if (node.has("key")) {
      return new ColumnType.MapOf(type(node.path("key")), type(node.path("value")));
    }
    if (node.has("struct")) {
      List<ColumnType.Field> fields = new ArrayList<>();
      for (JsonNode f : node.path("struct")) {
        fields.add(
            new ColumnType.Field(
                f.path("name").asText(), type(f.path("type")), f.path("nullable").asBoolean()));
      }
      return new ColumnType.Struct(fields);
    }
    throw new IllegalStateException(
        "a stored discovery snapshot has an unknown column type " + node);
  }
}
