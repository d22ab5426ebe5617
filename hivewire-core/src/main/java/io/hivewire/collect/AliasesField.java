package io.hivewire.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code aliases: [{tag, id, priority}]}, shared by events and identify calls. */
public final class AliasesField {

  private AliasesField() {}

  /** The aliases in {@code node}, adding one message per problem; absent means none. */
  public static List<Alias> parse(JsonNode node, List<String> messages) {
    List<Alias> aliases = new ArrayList<>();
    if (node == null || node.isNull()) {
      return aliases;
    }
    if (!node.isArray()) {
      messages.add("aliases must be an array of {tag, id, priority} objects, not " + node);
      return aliases;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String path = "aliases[" + i + "]";
      if (!item.isObject()) {
        messages.add(path + " must be an object {tag, id, priority}, not " + item);
        continue;
      }
      JsonNode tag = item.get("tag");
      JsonNode id = item.get("id");
      JsonNode priority = item.get("priority");
      int before = messages.size();
      if (tag == null || !tag.isTextual() || tag.textValue().isBlank()) {
        messages.add(
            path + ".tag must be a non-empty string naming the kind of id, e.g. email_sha256");
      }
      if (id == null || !id.isTextual() || id.textValue().isBlank()) {
        messages.add(path + ".id must be a non-empty string");
      }
      if (priority == null
          || !priority.isIntegralNumber()
          || !priority.canConvertToInt()
          || priority.intValue() < 0) {
        messages.add(path + ".priority must be an integer of 0 or more (0 is the highest)");
      }
      if (messages.size() == before) {
        aliases.add(new Alias(tag.textValue(), id.textValue(), priority.intValue()));
      }
    }
    return aliases;
  }
}
