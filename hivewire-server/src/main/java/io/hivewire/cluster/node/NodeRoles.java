package io.hivewire.cluster.node;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of one node: at least one of collect, route and work. */
public record NodeRoles(Set<NodeRole> roles) {

  /** Every role: what one node alone does. */
  public static final NodeRoles ALL = new NodeRoles(EnumSet.allOf(NodeRole.class));

  public NodeRoles {
    Objects.requireNonNull(roles, "roles is null");
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a node needs at least one role");
    }
    roles = Set.copyOf(roles);
  }

  /**
   * Parses {@code collect,route,work} (any of them, any order).
   *
   * @throws IllegalArgumentException naming the unknown role and the known ones
   */
  public static NodeRoles parse(String text) {
    Set<NodeRole> parsed = EnumSet.noneOf(NodeRole.class);
    for (String part : text.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      try {
        parsed.add(NodeRole.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + name + "' is not a role: " + choices(), e);
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("no role given: " + choices());
    }
    return new NodeRoles(parsed);
  }

  /** The known roles, as a message names them. */
  public static String choices() {
    return "roles are "
        + Arrays.stream(NodeRole.values()).map(NodeRole::wireName).collect(Collectors.joining(", "))
        + ", comma-separated";
  }

  public boolean has(NodeRole role) {
    return roles.contains(role);
  }

  /** The roles in their declared order, e.g. {@code collect,work}. */
  @Override
  public String toString() {
    return Arrays.stream(NodeRole.values())
        .filter(roles::contains)
        .map(NodeRole::wireName)
        .collect(Collectors.joining(","));
  }
}
