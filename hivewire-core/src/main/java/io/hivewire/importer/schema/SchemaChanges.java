package io.hivewire.importer.schema;

import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a table's files differ from an import's columns: the new columns the import can take and the
 * changes it cannot.
 */
public record SchemaChanges(List<OfferedColumn> offered, List<UnsupportedChange> unsupported) {

  public SchemaChanges {
    offered = List.copyOf(Objects.requireNonNull(offered, "offered is null"));
    unsupported = List.copyOf(Objects.requireNonNull(unsupported, "unsupported is null"));
  }

  /** Whether the files still match the import's columns. */
  public boolean none() {
    return offered.isEmpty() && unsupported.isEmpty();
  }

  /**
   * The import's columns with the offered columns {@code names} taken in: a new file column right
   * after the column it follows in the files, a new partition column after the partition columns.
   * Taken columns allow NULL, since files written before them have no value.
   *
   * @throws IllegalArgumentException when a name is not offered, none is given, or (CSV) a column
   *     is taken without the new columns before it
   */
  public List<Column> accept(List<Column> known, Collection<String> names, DataFormat format) {
    Objects.requireNonNull(known, "known is null");
    Objects.requireNonNull(names, "names is null");
    Objects.requireNonNull(format, "format is null");
    List<String> offeredNames = offered.stream().map(OfferedColumn::name).toList();
    Set<String> wanted = new LinkedHashSet<>(names);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException(
          "no columns given: name one or more of the offered columns " + offeredNames);
    }
    List<String> unknown = wanted.stream().filter(n -> !offeredNames.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          unknown
              + (unknown.size() == 1 ? " is" : " are")
              + " not offered: the offered columns are "
              + offeredNames
              + (offeredNames.isEmpty()
                  ? " (none; refresh the import to check its files again)"
                  : ""));
    }
    List<OfferedColumn> taken = offered.stream().filter(o -> wanted.contains(o.name())).toList();
    if (format == DataFormat.CSV) {
      requireNoGap(taken);
    }
    List<Column> result = new ArrayList<>();
    taken.stream()
        .filter(o -> isFile(o) && o.after().isEmpty())
        .forEach(o -> result.add(nullable(o)));
    for (Column column : known) {
      if (column.origin() == ColumnOrigin.FILE) {
        result.add(column);
        taken.stream()
            .filter(o -> isFile(o) && o.after().equals(Optional.of(column.name())))
            .forEach(o -> result.add(nullable(o)));
      }
    }
    known.stream().filter(c -> c.origin() == ColumnOrigin.PARTITION).forEach(result::add);
    taken.stream().filter(o -> !isFile(o)).forEach(o -> result.add(nullable(o)));
    return List.copyOf(result);
  }

  /** CSV columns are read by position: a taken column needs every new file column before it. */
  private void requireNoGap(List<OfferedColumn> taken) {
    List<OfferedColumn> newFileColumns = offered.stream().filter(SchemaChanges::isFile).toList();
    for (OfferedColumn column : taken) {
      if (!isFile(column)) {
        continue;
      }
      for (OfferedColumn before : newFileColumns) {
        if (before.position() < column.position() && !taken.contains(before)) {
          throw new IllegalArgumentException(
              "'"
                  + column.name()
                  + "' cannot be taken without '"
                  + before.name()
                  + "': CSV columns are read by position, so take the new columns before it too");
        }
      }
    }
  }

  private static boolean isFile(OfferedColumn column) {
    return column.column().origin() == ColumnOrigin.FILE;
  }

  private static Column nullable(OfferedColumn offered) {
    Column column = offered.column();
    return new Column(column.name(), column.type(), true, column.origin());
  }
}
