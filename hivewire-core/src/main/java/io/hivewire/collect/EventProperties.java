package io.hivewire.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event's {@code properties} as the compact JSON object written into its line, kept as bytes so
 * that a validated event is not held, copied and serialized again as a tree.
 */
public final class EventProperties {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final EventProperties EMPTY = new EventProperties(new byte[] {'{', '}'});

  private final byte[] json;

  private EventProperties(byte[] json) {
    this.json = json;
  }

  /** No properties: {@code {}}. */
  public static EventProperties empty() {
    return EMPTY;
  }

  /** The properties of {@code tree}, serialized now, so later changes to it do not show. */
  public static EventProperties of(ObjectNode tree) {
    Objects.requireNonNull(tree, "tree is null");
    try {
      return new EventProperties(MAPPER.writeValueAsBytes(tree));
    } catch (JsonProcessingException e) {
      // A tree of JSON nodes always serializes.
      throw new IllegalStateException("serializing properties failed", e);
    }
  }

  /**
   * Properties already serialized as one compact JSON object, such as {@link JsonMapper} writes it;
   * {@code json} is owned from now on.
   */
  static EventProperties ofSerialized(byte[] json) {
    Objects.requireNonNull(json, "json is null");
    if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
      throw new IllegalArgumentException("properties must be one serialized JSON object");
    }
    return new EventProperties(json);
  }

  /** The serialized JSON object's length in bytes. */
  public int length() {
    return json.length;
  }

  /** A copy of the serialized JSON object. */
  public byte[] toBytes() {
    return json.clone();
  }

  byte[] bytes() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventProperties other && Arrays.equals(json, other.json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
