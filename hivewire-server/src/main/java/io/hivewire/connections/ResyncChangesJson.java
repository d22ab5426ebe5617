package io.hivewire.connections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.source.discovery.DiscoveryChanges;
import io.hivewire.source.discovery.DiscoveryResult;
import java.util.List;

/**
 * What a resync found changed, as stored and served: {@code {"tablesAdded":[…],"tablesRemoved":[…],
 * "columnsAdded":[{"table","column","type"}],"columnsRemoved":[…]}}.
 */
final class ResyncChangesJson {

  /** The discovery before the first one: nothing. */
  static final DiscoveryResult NOTHING =
      new DiscoveryResult(List.of(), List.of(), List.of(), List.of());

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResyncChangesJson() {}

  static String render(DiscoveryResult previous, DiscoveryResult current) {
    DiscoveryChanges changes = DiscoveryChanges.between(previous, current);
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode added = root.putArray("tablesAdded");
    changes.tablesAdded().forEach(added::add);
    ArrayNode removed = root.putArray("tablesRemoved");
    changes.tablesRemoved().forEach(removed::add);
    columns(root.putArray("columnsAdded"), changes.columnsAdded());
    columns(root.putArray("columnsRemoved"), changes.columnsRemoved());
    return root.toString();
  }

  private static void columns(ArrayNode array, List<DiscoveryChanges.ColumnChange> changes) {
    for (DiscoveryChanges.ColumnChange change : changes) {
      array
          .addObject()
          .put("table", change.table())
          .put("column", change.column().name())
          .put("type", change.column().type().sqlName());
    }
  }
}
