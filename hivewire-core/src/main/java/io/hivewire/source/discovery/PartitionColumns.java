package io.hivewire.source.discovery;

import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Appends a partitioned table's partition columns after its file columns. */
final class PartitionColumns {

  private PartitionColumns() {}

  /**
   * The file columns followed by one nullable column per partition key, typed from all of the key's
   * values. A file column with a partition key's name (in any letter case) gives way to the
   * partition column, as Hive readers do, and a warning says so.
   */
  static List<Column> append(Table table, List<Column> fileColumns, List<String> warnings) {
    List<Column> columns = new ArrayList<>(fileColumns.size() + table.partitionKeys().size());
    List<String> keys =
        table.partitionKeys().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    for (Column column : fileColumns) {
      if (keys.contains(column.name().toLowerCase(Locale.ROOT))) {
        warnings.add(
            "table "
                + table.name()
                + ": column '"
                + column.name()
                + "' is both in the files and a partition key; the partition directory's value is"
                + " used");
      } else {
        columns.add(column);
      }
    }
    for (String key : table.partitionKeys()) {
      List<Optional<String>> values =
          table.dataFiles().stream()
              .map(DataFile::partition)
              .distinct()
              .map(p -> p.value(key))
              .toList();
      ColumnType type = PartitionValueTypes.infer(values);
      columns.add(new Column(key, type, true, ColumnOrigin.PARTITION));
    }
    return columns;
  }
}
