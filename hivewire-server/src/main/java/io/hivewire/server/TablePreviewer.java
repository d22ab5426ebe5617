package io.hivewire.server;

import io.hivewire.connection.ConnectionSpec;
import io.hivewire.reader.Row;
import io.hivewire.reader.RowReader;
import io.hivewire.reader.RowReaders;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.discovery.Table;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the first rows of a discovered table, file after file in key order, adding the values of
 * the partition columns from each file's path.
 */
final class TablePreviewer {

  private final SourceAccess access;

  TablePreviewer(SourceAccess access) {
    this.access = Objects.requireNonNull(access, "access is null");
  }

  TablePreview preview(ConnectionSpec spec, DiscoveredTable table, int limit) {
    ConnectionSettings settings = spec.settings();
    List<Column> fileColumns =
        table.columns().stream().filter(c -> c.origin() == ColumnOrigin.FILE).toList();
    List<Column> partitionColumns =
        table.columns().stream().filter(c -> c.origin() == ColumnOrigin.PARTITION).toList();
    List<List<Object>> rows = new ArrayList<>();
    try (ObjectStore store = access.open(spec)) {
      Table plan =
          switch (Discovery.withSchemaReader(store).planTable(settings, table.name())) {
            case Table found -> found;
            case SkippedTable skipped ->
                throw new ConflictException(
                    "table "
                        + table.name()
                        + " cannot be previewed now ("
                        + skipped.reason().wireName()
                        + ": "
                        + skipped.detail()
                        + "); resync the connection to refresh its tables");
          };
      for (DataFile file : plan.dataFiles()) {
        if (rows.size() >= limit) {
          break;
        }
        S3Location location = new S3Location(settings.bucket().value(), file.key());
        try (RowReader reader =
            RowReaders.open(
                store, location, file.objectInfo(), settings.dataFormat(), fileColumns)) {
          Optional<Row> row;
          while (rows.size() < limit && (row = reader.next()).isPresent()) {
            List<Object> values = new ArrayList<>(row.get().values());
            for (Column partition : partitionColumns) {
              values.add(
                  file.partition()
                      .value(partition.name())
                      .map(value -> typed(partition.type(), value))
                      .orElse(null));
            }
            rows.add(values);
          }
        }
      }
    }
    return new TablePreview(table.name(), table.columns(), rows);
  }

  /**
   * A partition value as its inferred type. A value added since the last discovery may not fit the
   * type; it is shown as written rather than failing the preview.
   */
  private static Object typed(ColumnType type, String value) {
    try {
      return switch (type) {
        case ColumnType.Primitive p when p == ColumnType.Primitive.BIGINT -> Long.parseLong(value);
        case ColumnType.Primitive p when p == ColumnType.Primitive.DATE -> LocalDate.parse(value);
        case ColumnType.Primitive p when p == ColumnType.Primitive.BOOLEAN ->
            Boolean.parseBoolean(value);
        default -> value;
      };
    } catch (RuntimeException e) {
      return value;
    }
  }
}
