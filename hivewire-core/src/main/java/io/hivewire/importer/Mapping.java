package io.hivewire.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an import's columns fill its data type's roles: role name to column name (or to a tag for tag
 * roles), plus, for profiles, the attribute columns.
 */
public record Mapping(Map<String, String> entries, List<String> attributes) {

  public Mapping {
    entries =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(entries, "entries is null")));
    attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes is null"));
  }

  /** The value of one entry, when given and not blank. */
  public Optional<String> entry(String role) {
    return Optional.ofNullable(entries.get(role)).filter(value -> !value.isBlank());
  }
}
