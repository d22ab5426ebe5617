package io.hivewire.importer.schema;

import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares an import's columns with its table's columns as the files show them now.
 *
 * <ul>
 *   <li>Parquet columns are read by name: a new column that allows NULL is offered wherever it is.
 *   <li>CSV columns are read by position: a new column is offered only after all of the import's
 *       columns, with those unchanged before it. A column whose values still read as the import's
 *       type (numbers in a text column, whole numbers in a DOUBLE one) has not changed type, since
 *       CSV types are inferred from a sample.
 *   <li>Partition columns come from the paths and are matched by name in both formats; a new
 *       partition key is offered (files in older directories have NULL for it).
 *   <li>A column removed, renamed (a removed and a new column of the same type at the same
 *       position), moved or retyped is reported as unsupported, with what to do instead.
 * </ul>
 */
public final class SchemaComparison {

  private SchemaComparison() {}

  /**
   * The changes from {@code known} (the import's columns: file columns in file order, then
   * partition columns) to {@code current} (the table's columns now, in the same order).
   */
  public static SchemaChanges compare(List<Column> known, List<Column> current, DataFormat format) {
    Objects.requireNonNull(known, "known is null");
    Objects.requireNonNull(current, "current is null");
    Objects.requireNonNull(format, "format is null");
    List<OfferedColumn> offered = new ArrayList<>();
    List<UnsupportedChange> unsupported = new ArrayList<>();
    List<Column> knownFile = of(known, ColumnOrigin.FILE);
    List<Column> currentFile = of(current, ColumnOrigin.FILE);
    new Side(format, false, knownFile, currentFile, 0).compare(offered, unsupported);
    new Side(
            format,
            true,
            of(known, ColumnOrigin.PARTITION),
            of(current, ColumnOrigin.PARTITION),
            currentFile.size())
        .compare(offered, unsupported);
    return new SchemaChanges(offered, unsupported);
  }

  private static List<Column> of(List<Column> columns, ColumnOrigin origin) {
    return columns.stream().filter(c -> c.origin() == origin).toList();
  }

  /** One kind of columns (file or partition) compared, {@code offset} columns into the table. */
  private record Side(
      DataFormat format, boolean partition, List<Column> known, List<Column> current, int offset) {

    boolean byPosition() {
      return format == DataFormat.CSV && !partition;
    }

    void compare(List<OfferedColumn> offered, List<UnsupportedChange> unsupported) {
      Map<String, Integer> knownAt = positions(known);
      Map<String, Integer> currentAt = positions(current);
      List<Integer> removed = new ArrayList<>();
      for (int i = 0; i < known.size(); i++) {
        if (!currentAt.containsKey(known.get(i).name())) {
          removed.add(i);
        }
      }
      Set<Integer> renamedTo = new HashSet<>();
      for (int i : removed) {
        Column was = known.get(i);
        boolean renamed =
            i < current.size()
                && !knownAt.containsKey(current.get(i).name())
                && readsAs(was.type(), current.get(i).type());
        if (renamed) {
          renamedTo.add(i);
          unsupported.add(renamed(was, current.get(i), i));
        } else {
          unsupported.add(removed(was, i));
        }
      }
      for (Column was : known) {
        Integer at = currentAt.get(was.name());
        if (at != null && !readsAs(was.type(), current.get(at).type())) {
          unsupported.add(retyped(was, current.get(at)));
        }
      }
      if (!partition) {
        reordered(knownAt, currentAt, unsupported);
      }
      boolean prefixIntact = prefixIntact();
      for (int j = 0; j < current.size(); j++) {
        Column column = current.get(j);
        if (knownAt.containsKey(column.name()) || renamedTo.contains(j)) {
          continue;
        }
        if (byPosition() && !(prefixIntact && j >= known.size())) {
          unsupported.add(notAtEnd(column, j));
        } else if (format == DataFormat.PARQUET && !partition && !column.nullable()) {
          unsupported.add(notNullable(column, j));
        } else {
          offered.add(new OfferedColumn(column, offset + j + 1, previousKnown(j, knownAt)));
        }
      }
    }

    /** Moved columns: those outside the longest run of common columns still in their order. */
    private void reordered(
        Map<String, Integer> knownAt,
        Map<String, Integer> currentAt,
        List<UnsupportedChange> unsupported) {
      List<Column> common = current.stream().filter(c -> knownAt.containsKey(c.name())).toList();
      int n = common.size();
      int[] length = new int[n];
      int[] previous = new int[n];
      int best = -1;
      for (int i = 0; i < n; i++) {
        length[i] = 1;
        previous[i] = -1;
        for (int j = 0; j < i; j++) {
          if (knownAt.get(common.get(j).name()) < knownAt.get(common.get(i).name())
              && length[j] + 1 > length[i]) {
            length[i] = length[j] + 1;
            previous[i] = j;
          }
        }
        if (best < 0 || length[i] > length[best]) {
          best = i;
        }
      }
      Set<String> inOrder = new HashSet<>();
      for (int i = best; i >= 0; i = previous[i]) {
        inOrder.add(common.get(i).name());
      }
      for (Column column : common) {
        if (!inOrder.contains(column.name())) {
          unsupported.add(moved(column, knownAt.get(column.name()), currentAt.get(column.name())));
        }
      }
    }

    /** Whether the files start with the import's columns, in the same places. */
    private boolean prefixIntact() {
      if (current.size() < known.size()) {
        return false;
      }
      for (int i = 0; i < known.size(); i++) {
        if (!known.get(i).name().equals(current.get(i).name())) {
          return false;
        }
      }
      return true;
    }

    private Optional<String> previousKnown(int index, Map<String, Integer> knownAt) {
      for (int i = index - 1; i >= 0; i--) {
        if (knownAt.containsKey(current.get(i).name())) {
          return Optional.of(current.get(i).name());
        }
      }
      return Optional.empty();
    }

    /** Whether values of {@code now} still load into a column of {@code was}. */
    private boolean readsAs(ColumnType was, ColumnType now) {
      if (was.equals(now)) {
        return true;
      }
      if (format == DataFormat.PARQUET && !partition) {
        return false;
      }
      return was == ColumnType.Primitive.VARCHAR
          || (was == ColumnType.Primitive.DOUBLE && now == ColumnType.Primitive.BIGINT)
          || (was == ColumnType.Primitive.TIMESTAMP && now == ColumnType.Primitive.DATE);
    }

    private String what() {
      return partition ? "partition column" : "column";
    }

    private String position(int index) {
      return "position " + (offset + index + 1);
    }

    private UnsupportedChange removed(Column was, int index) {
      return new UnsupportedChange(
          ChangeKind.REMOVED,
          was.name(),
          what()
              + " '"
              + was.name()
              + "' ("
              + was.type().sqlName()
              + ", "
              + position(index)
              + ") is no longer in the "
              + (partition ? "files' paths" : "files"),
          "an import keeps its columns: "
              + (partition
                  ? "put the files back under " + was.name() + "=… directories"
                  : "restore '" + was.name() + "' in the files")
              + ", or create a new import for the table's new columns");
    }

    private UnsupportedChange renamed(Column was, Column now, int index) {
      return new UnsupportedChange(
          ChangeKind.RENAMED,
          was.name(),
          what()
              + " '"
              + was.name()
              + "' seems renamed to '"
              + now.name()
              + "' (same "
              + position(index)
              + " and type "
              + now.type().sqlName()
              + ")",
          "an import cannot rename a column: name it '"
              + was.name()
              + "' again in the files, or create a new import that uses '"
              + now.name()
              + "'");
    }

    private UnsupportedChange retyped(Column was, Column now) {
      return new UnsupportedChange(
          ChangeKind.RETYPED,
          was.name(),
          what()
              + " '"
              + was.name()
              + "' was "
              + was.type().sqlName()
              + " and is now "
              + now.type().sqlName(),
          "an import's column keeps its type: write '"
              + was.name()
              + "' as "
              + was.type().sqlName()
              + " again, or create a new import for the new type");
    }

    private UnsupportedChange moved(Column column, int from, int to) {
      return new UnsupportedChange(
          ChangeKind.REORDERED,
          column.name(),
          "column '" + column.name() + "' moved from " + position(from) + " to " + position(to),
          (byPosition()
                  ? "CSV columns are read by position, so they must keep their order"
                  : "an import's columns keep their order")
              + ": put '"
              + column.name()
              + "' back in its place in the files, or create a new import for the new order");
    }

    private UnsupportedChange notAtEnd(Column column, int index) {
      return new UnsupportedChange(
          ChangeKind.NEW_COLUMN_NOT_AT_END,
          column.name(),
          "new column '"
              + column.name()
              + "' is at "
              + position(index)
              + (index < known.size()
                  ? ", before columns the import already has"
                  : ", but columns before it changed"),
          "CSV columns are read by position, so a new column can only be taken after all of the"
              + " import's columns, with those unchanged: add '"
              + column.name()
              + "' at the end of the files' columns, or create a new import for the new layout");
    }

    private UnsupportedChange notNullable(Column column, int index) {
      return new UnsupportedChange(
          ChangeKind.NEW_COLUMN_NOT_NULLABLE,
          column.name(),
          "new column '"
              + column.name()
              + "' ("
              + column.type().sqlName()
              + ", "
              + position(index)
              + ") is required (NOT NULL)",
          "files written before it have no value for it, so a new column must allow NULL: write '"
              + column.name()
              + "' as an optional column, or create a new import for the new layout");
    }
  }

  private static Map<String, Integer> positions(List<Column> columns) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      at.put(columns.get(i).name(), i);
    }
    return at;
  }
}
