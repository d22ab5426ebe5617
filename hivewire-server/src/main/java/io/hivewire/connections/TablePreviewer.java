package io.hivewire.connections;

import io.hivewire.errors.ConflictException;
import io.hivewire.reader.FileReadException;
import io.hivewire.reader.Row;
import io.hivewire.reader.RowReadException;
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
 * the partition columns from each file's path. A row that does not fit the table's columns, or a
 * file that cannot be read, is left out and reported; it never fails the preview.
 */
final class TablePreviewer {

  /**
   * Bad values a preview lists at most; it stops reading there, so a file of bad rows is not read
   * to its end.
   */
  static final int MAX_PROBLEMS = 100;

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
    List<TablePreview.Problem> problems = new ArrayList<>();
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
        if (rows.size() >= limit || problems.size() >= MAX_PROBLEMS) {
          break;
        }
        S3Location location = new S3Location(settings.bucket().value(), file.key());
        try (RowReader reader =
            RowReaders.open(
                store, location, file.objectInfo(), settings.dataFormat(), fileColumns)) {
          while (rows.size() < limit && problems.size() < MAX_PROBLEMS) {
            Optional<Row> row;
            try {
              row = reader.next();
            } catch (RowReadException e) {
              problems.add(
                  new TablePreview.Problem(
                      file.key(), Optional.of(e.line()), e.column(), e.problem(), e.rawText()));
              continue;
            }
            if (row.isEmpty()) {
              break;
            }
            rows.add(withPartitionValues(row.get(), file, partitionColumns));
          }
        } catch (FileReadException e) {
          // A reader's message starts with the file it read.
          problems.add(
              new TablePreview.Problem(
                  file.key(), Optional.empty(), Optional.empty(), e.getMessage(), ""));
        }
      }
    }
    return new TablePreview(table.name(), table.columns(), rows, problems);
  }

  private static List<Object> withPartitionValues(
      Row row, DataFile file, List<Column> partitionColumns) {
    List<Object> values = new ArrayList<>(row.values());
    for (Column partition : partitionColumns) {
      values.add(
          file.partition()
              .value(partition.name())
              .map(value -> typed(partition.type(), value))
              .orElse(null));
    }
    return values;
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
