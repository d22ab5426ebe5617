package io.hivewire.collect;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Metadata of an audience segment; {@code code} is the integer events carry in {@code segments}.
 */
public record AudienceSegment(
    UUID id,
    long code,
    String name,
    String description,
    List<String> tags,
    AudienceSegmentState state) {

  public AudienceSegment {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(description, "description is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(state, "state is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("segment " + code + " has a blank name: give it a name");
    }
  }
}
