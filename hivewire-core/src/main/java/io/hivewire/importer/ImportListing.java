package io.hivewire.importer;

import io.hivewire.importer.filter.BoundPartitionFilter;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.discovery.SkipReason;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.discovery.Table;
import io.hivewire.source.discovery.TablePlan;
import io.hivewire.source.discovery.TablePlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists the data files an import reads: when the filter pins the leading partition key to values,
 * only those directories are listed; every file whose partition the filter rejects is left out, so
 * it is never read.
 */
public final class ImportListing {

  private final ObjectStore store;

  public ImportListing(ObjectStore store) {
    this.store = Objects.requireNonNull(store, "store is null");
  }

  /**
   * The files of the import's table that its filter keeps, sorted by key.
   *
   * @throws IllegalStateException when the table is no longer a readable table (the message says
   *     why, as discovery would)
   */
  public List<DataFile> list(ConnectionSettings settings, CheckedImport checked) {
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(checked, "checked is null");
    String table = checked.definition().table();
    String tablePrefix = settings.schemaPrefix().tablePrefix(table);
    List<ObjectInfo> objects = new ArrayList<>();
    for (String prefix : listingPrefixes(tablePrefix, checked)) {
      objects.addAll(store.listRecursively(settings.bucket().value(), prefix));
    }
    if (objects.isEmpty()) {
      return List.of();
    }
    TablePlan plan =
        new TablePlanner(settings.dataFormat(), settings.partitioning())
            .plan(table, tablePrefix, objects);
    return switch (plan) {
      case SkippedTable skipped when skipped.reason() == SkipReason.NO_DATA_FILES -> List.of();
      case SkippedTable skipped ->
          throw new IllegalStateException(
              "table "
                  + table
                  + " cannot be imported: "
                  + skipped.reason().name().toLowerCase(Locale.ROOT)
                  + " ("
                  + skipped.detail()
                  + "); resync the connection to see its tables");
      case Table found -> {
        Optional<BoundPartitionFilter> filter = checked.filter();
        yield found.dataFiles().stream()
            .filter(file -> filter.map(f -> f.matches(file.partition())).orElse(true))
            .toList();
      }
    };
  }

  /** The prefixes to list: the table's, or one per pinned value of the leading partition key. */
  static List<String> listingPrefixes(String tablePrefix, CheckedImport checked) {
    if (checked.partitionKeys().isEmpty() || checked.filter().isEmpty()) {
      return List.of(tablePrefix);
    }
    String leading = checked.partitionKeys().get(0);
    return checked
        .filter()
        .get()
        .leadingDirectories(leading)
        .map(directories -> directories.stream().map(d -> tablePrefix + d).toList())
        .orElse(List.of(tablePrefix));
  }
}
