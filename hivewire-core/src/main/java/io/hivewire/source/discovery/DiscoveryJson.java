package io.hivewire.source.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.source.schema.Column;
import java.util.Objects;

/**
 * Renders a {@link DiscoveryResult} as the JSON document that the CLI ({@code discover --json}) and
 * the HTTP API both print: {@code {"tables":[{"name","columns":[{"name","type","nullable",
 * "origin"}],"partitionKeys","partitions","files","bytes"}],"skipped":[{"name","reason","detail"}],
 * "ignoredFiles":[{"key","reason"}],"warnings":[…]}}.
 */
public final class DiscoveryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DiscoveryJson() {}

  /** The document as a tree, to embed in a larger response. */
  public static ObjectNode toTree(DiscoveryResult result) {
    Objects.requireNonNull(result, "result is null");
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode tables = root.putArray("tables");
    for (DiscoveredTable table : result.tables()) {
      ObjectNode node = tables.addObject();
      node.put("name", table.name());
      ArrayNode columns = node.putArray("columns");
      for (Column column : table.columns()) {
        columns
            .addObject()
            .put("name", column.name())
            .put("type", column.type().sqlName())
            .put("nullable", column.nullable())
            .put("origin", column.origin().wireName());
      }
      ArrayNode keys = node.putArray("partitionKeys");
      table.partitionKeys().forEach(keys::add);
      node.put("partitions", table.partitions());
      node.put("files", table.files());
      node.put("bytes", table.bytes());
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedTable table : result.skipped()) {
      skipped
          .addObject()
          .put("name", table.name())
          .put("reason", table.reason().wireName())
          .put("detail", table.detail());
    }
    ArrayNode ignored = root.putArray("ignoredFiles");
    for (IgnoredFile file : result.ignoredFiles()) {
      ignored.addObject().put("key", file.key()).put("reason", file.reason().wireName());
    }
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    return root;
  }

  /** The document as compact JSON text. */
  public static String write(DiscoveryResult result) {
    return render(result, false);
  }

  /** The document as indented JSON text, for people. */
  public static String writePretty(DiscoveryResult result) {
    return render(result, true);
  }

  private static String render(DiscoveryResult result, boolean pretty) {
    try {
      var writer =
          pretty ? MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT) : MAPPER.writer();
      return writer.writeValueAsString(toTree(result));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a discovery result as JSON: " + e, e);
    }
  }
}
