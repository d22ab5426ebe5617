package io.hivewire.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The limits on an event's {@code properties}: serialized size, nesting depth, array length and
 * arrays of one type. Each violation is one message naming the field path.
 */
final class PropertiesCheck {

  private final EventLimits limits;
  private final ObjectMapper mapper;

  PropertiesCheck(EventLimits limits, ObjectMapper mapper) {
    this.limits = Objects.requireNonNull(limits, "limits is null");
    this.mapper = Objects.requireNonNull(mapper, "mapper is null");
  }

  /** The violations of {@code properties}, empty when it is within every limit. */
  List<String> violations(JsonNode properties) {
    List<String> messages = new ArrayList<>();
    checkSize(properties, messages);
    walk(properties, "properties", 0, messages);
    return messages;
  }

  private void checkSize(JsonNode properties, List<String> messages) {
    int size;
    try {
      size = mapper.writeValueAsBytes(properties).length;
    } catch (JsonProcessingException e) {
      // A tree that was just parsed always serializes again.
      throw new IllegalStateException("serializing properties failed", e);
    }
    if (size > limits.maxPropertiesBytes()) {
      messages.add(
          "properties is "
              + size
              + " bytes of JSON: at most "
              + limits.maxPropertiesBytes()
              + " bytes ("
              + limits.maxPropertiesBytes() / 1024
              + " KB) are allowed; move large values elsewhere and send a reference");
    }
  }

  /** {@code depth} is the nesting level of {@code node}'s own members: 1 directly in properties. */
  private void walk(JsonNode node, String path, int depth, List<String> messages) {
    if (!node.isContainerNode()) {
      return;
    }
    if (depth >= limits.maxNestingDepth() && !node.isEmpty()) {
      messages.add(
          path
              + " is nested deeper than "
              + limits.maxNestingDepth()
              + " levels: flatten it (e.g. join the keys with '_')");
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), path + "." + field.getKey(), depth + 1, messages);
      }
      return;
    }
    checkArray(node, path, messages);
    for (int i = 0; i < node.size(); i++) {
      walk(node.get(i), path + "[" + i + "]", depth + 1, messages);
    }
  }

  private void checkArray(JsonNode array, String path, List<String> messages) {
    if (array.size() > limits.maxArrayItems()) {
      messages.add(
          path
              + " holds "
              + array.size()
              + " items: at most "
              + limits.maxArrayItems()
              + " are allowed per array");
    }
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode item : array) {
      // Nulls fill gaps in an array of any type; they do not make it mixed.
      if (!item.isNull()) {
        types.add(typeName(item.getNodeType()));
      }
    }
    if (types.size() > 1) {
      messages.add(
          path + " mixes item types " + types + ": every item of an array must have the same type");
    }
  }

  private static String typeName(JsonNodeType type) {
    return switch (type) {
      case STRING, BINARY -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case OBJECT, POJO -> "object";
      case ARRAY -> "array";
      case NULL, MISSING -> "null";
    };
  }
}
