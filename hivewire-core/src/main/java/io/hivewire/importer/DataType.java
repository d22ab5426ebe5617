package io.hivewire.importer;

import io.hivewire.source.schema.ColumnType;
import java.util.List;
import java.util.Set;

/** What an import's rows mean to the platform; each type takes its own {@link Mapping}. */
public enum DataType {
  /** One row per user: an identifier and attribute columns. */
  USER_PROFILE(
      List.of(
          MappingRole.column("user_id", true, MappingRole.SCALAR), MappingRole.tag("user_id_tag")),
      true),
  /** Things users did, each at a time. */
  USER_ACTIVITY(
      List.of(
          MappingRole.column("user_id", true, MappingRole.SCALAR),
          MappingRole.column("timestamp", true, MappingRole.TIME)),
      false),
  /** Which segments users belong to. */
  USER_SEGMENTS(
      List.of(
          MappingRole.column("user_id", true, MappingRole.SCALAR),
          MappingRole.column("segment", true, MappingRole.SCALAR)),
      false),
  /** Pairs of identifiers of the same user. */
  IDENTITY(
      List.of(
          MappingRole.column("first_id", true, MappingRole.SCALAR),
          MappingRole.tag("first_tag"),
          MappingRole.column("second_id", true, MappingRole.SCALAR),
          MappingRole.tag("second_tag"),
          MappingRole.column("timestamp", false, MappingRole.TIME)),
      false),
  /** Users' membership of groups, with a cursor to order changes. */
  GROUP(
      List.of(
          MappingRole.column("user_id", true, MappingRole.SCALAR),
          MappingRole.column("group_id", true, MappingRole.SCALAR),
          MappingRole.column("cursor", true, MappingRole.TIME),
          MappingRole.column(
              "is_deleted", false, Set.<ColumnType>of(ColumnType.Primitive.BOOLEAN))),
      false);

  private final List<MappingRole> roles;
  private final boolean takesAttributes;

  DataType(List<MappingRole> roles, boolean takesAttributes) {
    this.roles = roles;
    this.takesAttributes = takesAttributes;
  }

  /** The entries this type's mapping takes, in the order they are documented. */
  public List<MappingRole> roles() {
    return roles;
  }

  /** Whether the mapping may list attribute columns. */
  public boolean takesAttributes() {
    return takesAttributes;
  }
}
