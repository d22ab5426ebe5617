package io.hivewire.source.discovery;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.SchemaException;
import io.hivewire.source.schema.SchemaReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Finds the tables under a connection's schema prefix: lists the table directories, lists every
 * table recursively in parallel (each object is listed once), plans each table and reads each
 * table's schema once. Safe to share between threads.
 */
public final class Discovery {

  /** Tables listed at the same time unless told otherwise. */
  public static final int DEFAULT_PARALLELISM = 16;

  private final ObjectStore store;
  private final FileSchemaSource schemas;
  private final Executor executor;
  private final int parallelism;

  /**
   * Discovery that reads schemas with {@link SchemaReader} (Parquet footers, CSV samples), on
   * virtual threads, {@value #DEFAULT_PARALLELISM} tables at a time.
   */
  public static Discovery withSchemaReader(ObjectStore store) {
    return new Discovery(store, new SchemaReader(store)::readSchema);
  }

  /** Discovery on virtual threads, {@value #DEFAULT_PARALLELISM} tables at a time. */
  public Discovery(ObjectStore store, FileSchemaSource schemas) {
    this(store, schemas, virtualThreads(), DEFAULT_PARALLELISM);
  }

  /**
   * Discovery running its table tasks on {@code executor}, never more than {@code parallelism} at a
   * time.
   */
  public Discovery(
      ObjectStore store, FileSchemaSource schemas, Executor executor, int parallelism) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
    this.executor = Objects.requireNonNull(executor, "executor is null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /**
   * Discovers every table under the schema prefix.
   *
   * @throws ObjectStoreException when the schema prefix cannot be listed, or a table fails for
   *     another reason than access (the per-table access errors become skipped tables)
   */
  public DiscoveryResult discover(ConnectionSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    return discover(
        settings.bucket(), settings.schemaPrefix(), settings.dataFormat(), settings.partitioning());
  }

  /** Discovers every table under {@code prefix}; see {@link #discover(ConnectionSettings)}. */
  public DiscoveryResult discover(
      BucketName bucket, SchemaPrefix prefix, DataFormat format, Partitioning partitioning) {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Layout layout = new Layout(bucket.value(), prefix, format, partitioning);
    SchemaListing listing = SchemaListing.list(store, bucket.value(), prefix.value());
    List<TableOutcome> outcomes =
        new BoundedParallel(executor, parallelism)
            .map(listing.tables(), table -> discoverTable(layout, table));
    return assemble(layout, listing, outcomes);
  }

  private static DiscoveryResult assemble(
      Layout layout, SchemaListing listing, List<TableOutcome> outcomes) {
    List<DiscoveredTable> tables = new ArrayList<>();
    List<SkippedTable> skipped = new ArrayList<>();
    List<IgnoredFile> ignored = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String directory : listing.hiddenDirectories()) {
      warnings.add(
          "the directory s3://"
              + layout.bucket()
              + "/"
              + directory
              + " is not a table: directory names starting with '_' or '.' (or empty) are hidden");
    }
    listing
        .looseKeys()
        .forEach(key -> ignored.add(new IgnoredFile(key, IgnoreReason.OUTSIDE_TABLE)));
    for (TableOutcome outcome : outcomes) {
      outcome.table().ifPresent(tables::add);
      outcome.skipped().ifPresent(skipped::add);
      ignored.addAll(outcome.ignoredFiles());
      warnings.addAll(outcome.warnings());
    }
    tables.sort(Comparator.comparing(DiscoveredTable::name));
    skipped.sort(Comparator.comparing(SkippedTable::name));
    ignored.sort(Comparator.comparing(IgnoredFile::key));
    return new DiscoveryResult(tables, skipped, ignored, warnings);
  }

  /**
   * Lists and plans one table directory (no schema read): its data files, for previews and imports.
   */
  public TablePlan planTable(ConnectionSettings settings, String table) {
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(table, "table is null");
    String tablePrefix = settings.schemaPrefix().tablePrefix(table);
    List<ObjectInfo> objects = store.listRecursively(settings.bucket().value(), tablePrefix);
    return new TablePlanner(settings.dataFormat(), settings.partitioning())
        .plan(table, tablePrefix, objects);
  }

  /**
   * Discovers one table directory: the result holds the table, or says why it was skipped (no table
   * when the directory holds no objects).
   */
  public DiscoveryResult discoverTable(ConnectionSettings settings, String table) {
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(table, "table is null");
    Layout layout =
        new Layout(
            settings.bucket().value(),
            settings.schemaPrefix(),
            settings.dataFormat(),
            settings.partitioning());
    TableOutcome outcome = discoverTable(layout, table);
    return new DiscoveryResult(
        outcome.table().stream().toList(),
        outcome.skipped().stream().toList(),
        outcome.ignoredFiles(),
        outcome.warnings());
  }

  private TableOutcome discoverTable(Layout layout, String table) {
    String bucket = layout.bucket();
    String tablePrefix = layout.prefix().tablePrefix(table);
    List<ObjectInfo> objects;
    try {
      objects = store.listRecursively(bucket, tablePrefix);
    } catch (ObjectStoreException e) {
      return skipIfDenied(table, e, "list s3://" + bucket + "/" + tablePrefix);
    }
    TablePlan plan =
        new TablePlanner(layout.format(), layout.partitioning()).plan(table, tablePrefix, objects);
    return switch (plan) {
      case SkippedTable skipped ->
          new TableOutcome(
              Optional.empty(), Optional.of(skipped), skipped.ignoredFiles(), List.of());
      case Table found -> withSchema(layout, found);
    };
  }

  private TableOutcome withSchema(Layout layout, Table table) {
    List<Column> fileColumns;
    try {
      fileColumns =
          schemas.readSchema(
              layout.bucket(),
              layout.format(),
              table.dataFiles().stream().map(DataFile::objectInfo).toList());
    } catch (ObjectStoreException e) {
      TableOutcome denied =
          skipIfDenied(
              table.name(), e, "read the files of s3://" + layout.bucket() + "/" + table.prefix());
      return new TableOutcome(Optional.empty(), denied.skipped(), table.ignoredFiles(), List.of());
    } catch (SchemaException e) {
      return new TableOutcome(
          Optional.empty(), Optional.of(unreadable(table, e)), table.ignoredFiles(), List.of());
    }
    List<String> warnings = new ArrayList<>();
    List<Column> columns = PartitionColumns.append(table, fileColumns, warnings);
    return new TableOutcome(
        Optional.of(DiscoveredTable.of(table, columns)),
        Optional.empty(),
        table.ignoredFiles(),
        warnings);
  }

  private static TableOutcome skipIfDenied(String table, ObjectStoreException e, String action) {
    if (e.reason() != ObjectStoreException.Reason.ACCESS_DENIED
        && e.reason() != ObjectStoreException.Reason.KMS_ACCESS_DENIED) {
      throw e;
    }
    String detail =
        "hivewire may not "
            + action
            + " ("
            + e.reason().name().toLowerCase(Locale.ROOT)
            + "): check that the bucket policy grants s3:ListBucket and s3:GetObject"
            + (e.reason() == ObjectStoreException.Reason.KMS_ACCESS_DENIED
                ? ", and that the KMS key policy lets hivewire decrypt"
                : "")
            + "; "
            + e.getMessage();
    return new TableOutcome(
        Optional.empty(),
        Optional.of(new SkippedTable(table, SkipReason.ACCESS_DENIED, detail)),
        List.of(),
        List.of());
  }

  /**
   * A table whose files cannot be read as the connection's format is skipped as {@code
   * wrong_format} (damaged files too: the reasons are a fixed list, and the detail says which file
   * and what is wrong); one whose data files vanished since the listing as {@code no_data_files}.
   */
  private static SkippedTable unreadable(Table table, SchemaException e) {
    SkipReason reason =
        e.reason() == SchemaException.Reason.NO_DATA_FILES
            ? SkipReason.NO_DATA_FILES
            : SkipReason.WRONG_FORMAT;
    return new SkippedTable(table.name(), reason, e.getMessage(), table.ignoredFiles());
  }

  private static Executor virtualThreads() {
    ThreadFactory threads = Thread.ofVirtual().name("discovery-", 0).factory();
    return task -> threads.newThread(task).start();
  }

  /** Where the tables are and how they are laid out, for one discovery run. */
  private record Layout(
      String bucket, SchemaPrefix prefix, DataFormat format, Partitioning partitioning) {
    Layout {
      Objects.requireNonNull(format, "format is null");
      Objects.requireNonNull(partitioning, "partitioning is null");
    }
  }

  /** What discovering one table directory gave. */
  private record TableOutcome(
      Optional<DiscoveredTable> table,
      Optional<SkippedTable> skipped,
      List<IgnoredFile> ignoredFiles,
      List<String> warnings) {}
}
