package io.hivewire.importer;

import io.hivewire.source.schema.ColumnType;
import java.util.Objects;
import java.util.Set;

/**
 * One entry a data type's mapping takes: a column of the table (of some types) or a tag, required
 * or optional.
 */
public record MappingRole(String name, Kind kind, boolean required, Set<ColumnType> types) {

  /** What the entry's value names. */
  public enum Kind {
    /** The name of a column of the table. */
    COLUMN,
    /** An identifier tag, such as {@code email} or {@code appnexus}. */
    TAG
  }

  /** Any type without parts: structs, lists and maps cannot be identifiers. */
  static final Set<ColumnType> SCALAR =
      Set.of(
          ColumnType.Primitive.VARCHAR,
          ColumnType.Primitive.BIGINT,
          ColumnType.Primitive.INTEGER,
          ColumnType.Primitive.UUID);

  /** Timestamp and date types. */
  static final Set<ColumnType> TIME =
      Set.of(
          ColumnType.Primitive.TIMESTAMP,
          ColumnType.Primitive.TIMESTAMP_TZ,
          ColumnType.Primitive.DATE);

  public MappingRole {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    types = Set.copyOf(Objects.requireNonNull(types, "types is null"));
  }

  static MappingRole column(String name, boolean required, Set<ColumnType> types) {
    return new MappingRole(name, Kind.COLUMN, required, types);
  }

  static MappingRole tag(String name) {
    return new MappingRole(name, Kind.TAG, true, Set.of());
  }

  /** Whether a column of {@code type} may fill this role. */
  public boolean accepts(ColumnType type) {
    return types.contains(type);
  }
}
