package io.hivewire.imports;

import io.hivewire.connections.Connection;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.DiscoverySnapshotCodec;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.connections.ResyncFollowUp;
import io.hivewire.connections.SourceAccess;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.InvalidImportException;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.schema.NewestFileSchema;
import io.hivewire.importer.schema.SchemaChanges;
import io.hivewire.importer.schema.SchemaComparison;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.SchemaReader;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps imports in step with their tables' files: checks the newest file of an import's table for
 * schema changes (asked for, or during the connection's resync), keeps the last check, and takes
 * the offered new columns into the import and its PostgreSQL table when accepted.
 */
public final class ImportSchemaService implements ResyncFollowUp {

  /** A check asked for through the API. */
  public static final String REFRESH = "REFRESH";

  /** A check run by the connection's resync. */
  public static final String RESYNC = "RESYNC";

  private final ImportRepository imports;
  private final ImportSchemaRepository schemas;
  private final ConnectionRepository connections;
  private final DiscoverySnapshotRepository snapshots;
  private final SourceAccess access;
  private final InstantSource clock;

  public ImportSchemaService(
      ImportRepository imports,
      ImportSchemaRepository schemas,
      ConnectionRepository connections,
      DiscoverySnapshotRepository snapshots,
      SourceAccess access,
      InstantSource clock) {
    this.imports = Objects.requireNonNull(imports, "imports is null");
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
    this.connections = Objects.requireNonNull(connections, "connections is null");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots is null");
    this.access = Objects.requireNonNull(access, "access is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Records the table an import was created against: later checks compare the files with it. */
  public void recordSchema(UUID importId, DiscoveredTable table) {
    schemas.saveKnownTable(importId, encode(table), clock.instant());
  }

  /** The import of {@code connection} checked against the table it knows, as runs load it. */
  public CheckedImport checkedImport(StoredImport stored, Connection connection) {
    return ImportCheck.check(stored.definition(), known(stored, () -> lastDiscovery(connection)));
  }

  /**
   * The table as the import knows it: as recorded, else as the connection's last discovery shows it
   * (recorded from then on).
   *
   * @throws ConflictException when nothing is recorded and the table is not in that discovery
   */
  public DiscoveredTable knownTable(StoredImport stored) {
    Connection connection = connection(stored);
    return known(stored, () -> lastDiscovery(connection));
  }

  /**
   * The names of the columns the import loads, in its table's order: those it lists, or every
   * column of the table it knows when it lists none. Reads only what is recorded, so showing an
   * import changes nothing; an import with nothing recorded shows the columns it lists.
   */
  public List<String> loadedColumns(StoredImport stored) {
    Optional<String> recorded = schemas.knownTable(stored.id());
    if (recorded.isEmpty()) {
      return stored.definition().columns();
    }
    try {
      return ImportCheck.check(stored.definition(), decode(recorded.get())).columns().stream()
          .map(Column::name)
          .toList();
    } catch (InvalidImportException e) {
      return stored.definition().columns();
    }
  }

  /** Reads the newest file of the import's table now, compares and keeps the check. */
  public SchemaCheckView refresh(UUID importId) {
    StoredImport stored = find(importId);
    Connection connection = connection(stored);
    if (connection.status().status() == ConnectionStatus.INACTIVE) {
      throw new ConflictException(
          "connection "
              + connection.id()
              + " is INACTIVE: re-activate it before checking its imports' files");
    }
    DiscoveredTable known = known(stored, () -> lastDiscovery(connection));
    ImportSchemaRepository.Check check = check(stored, connection, REFRESH);
    schemas.saveCheck(check);
    if (check.error().isPresent()) {
      throw new ConflictException(check.error().get());
    }
    return view(connection, known, check);
  }

  /**
   * The import's last check, compared with the columns it knows now.
   *
   * @throws ConflictException before the first check
   */
  public SchemaCheckView lastCheck(UUID importId) {
    return latestCheck(importId).orElseThrow(() -> notCheckedYet(importId));
  }

  /**
   * The import's last check as {@link #lastCheck} shows it, or empty before the first check. The
   * check is read before the connection, so an import never checked costs two reads.
   */
  public Optional<SchemaCheckView> latestCheck(UUID importId) {
    StoredImport stored = find(importId);
    return latestCheck(stored, () -> connection(stored));
  }

  /**
   * As {@link #latestCheck(UUID)}, for an import and its connection the caller has read already
   * (the import's page shows both): one read before the first check.
   */
  public Optional<SchemaCheckView> latestCheck(StoredImport stored, Connection connection) {
    if (!connection.id().equals(stored.definition().connectionId())) {
      throw new IllegalArgumentException(
          "connection " + connection.id() + " is not the connection of import " + stored.id());
    }
    return latestCheck(stored, () -> connection);
  }

  private Optional<SchemaCheckView> latestCheck(
      StoredImport stored, Supplier<Connection> connectionOfImport) {
    Optional<ImportSchemaRepository.Check> check = schemas.lastCheck(stored.id());
    if (check.isEmpty()) {
      return Optional.empty();
    }
    Connection connection = connectionOfImport.get();
    return Optional.of(
        view(connection, known(stored, () -> lastDiscovery(connection)), check.get()));
  }

  /**
   * Takes the offered columns {@code names} into the import (its column list, when it lists them)
   * and adds them to its PostgreSQL table, in one transaction; the next runs load them.
   */
  public SchemaCheckView accept(UUID importId, List<String> names) {
    StoredImport stored = find(importId);
    Connection connection = connection(stored);
    String knownJson = knownJson(stored, () -> lastDiscovery(connection));
    DiscoveredTable known = decode(knownJson);
    ImportSchemaRepository.Check check = lastCheckOf(stored);
    if (check.error().isPresent()) {
      throw new ConflictException(
          "the last check of import "
              + importId
              + " could not read its table ("
              + check.error().get()
              + "): fix that and POST /api/v1/imports/"
              + importId
              + "/refresh before accepting columns");
    }
    ConnectionSettings settings = connection.spec().settings();
    SchemaChanges changes =
        SchemaComparison.compare(
            known.columns(),
            decode(check.tableJson().orElseThrow()).columns(),
            settings.dataFormat());
    List<Column> columns;
    try {
      columns = changes.accept(known.columns(), names, settings.dataFormat());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("columns", "columns: " + e.getMessage());
    }
    Set<String> before = known.columns().stream().map(Column::name).collect(Collectors.toSet());
    List<Column> added = columns.stream().filter(c -> !before.contains(c.name())).toList();
    List<String> listed = new ArrayList<>(stored.definition().columns());
    if (!listed.isEmpty()) {
      added.forEach(c -> listed.add(c.name()));
    }
    DiscoveredTable taken =
        new DiscoveredTable(
            known.name(),
            columns,
            columns.stream()
                .filter(c -> c.origin() == ColumnOrigin.PARTITION)
                .map(Column::name)
                .toList(),
            known.partitions(),
            known.files(),
            known.bytes(),
            known.lastModified());
    boolean accepted =
        schemas.accept(
            stored.id(),
            stored.targetTable(),
            listed,
            knownJson,
            encode(taken),
            added,
            clock.instant());
    if (!accepted) {
      throw new ConflictException(
          "the columns of import "
              + importId
              + " changed while accepting (another accept?): GET /api/v1/imports/"
              + importId
              + "/schema-changes shows what is still offered; try again");
    }
    return view(connection, taken, check);
  }

  /** Checks every import of the connection and keeps the results; accepts nothing. */
  @Override
  public void resynced(UUID connectionId, Optional<DiscoveryResult> previous) {
    Optional<Connection> connection = connections.find(connectionId);
    if (connection.isEmpty()) {
      return;
    }
    for (StoredImport stored : imports.list()) {
      if (!stored.definition().connectionId().equals(connectionId)) {
        continue;
      }
      ImportSchemaRepository.Check check;
      try {
        known(stored, () -> previous);
        check = check(stored, connection.get(), RESYNC);
      } catch (ConflictException e) {
        check =
            new ImportSchemaRepository.Check(
                stored.id(), checkTime(), RESYNC, Optional.empty(), Optional.of(e.getMessage()));
      }
      schemas.saveCheck(check);
    }
  }

  private ImportSchemaRepository.Check check(
      StoredImport stored, Connection connection, String trigger) {
    ConnectionSettings settings = connection.spec().settings();
    String table = stored.definition().table();
    Optional<String> error;
    Optional<String> found = Optional.empty();
    try (ObjectStore store = access.open(connection.spec())) {
      DiscoveryResult result =
          new Discovery(store, new NewestFileSchema(new SchemaReader(store)))
              .discoverTable(settings, table);
      if (result.tables().isEmpty()) {
        error =
            Optional.of(
                "table "
                    + table
                    + " cannot be read: "
                    + result.skipped().stream()
                        .map(SkippedTable::detail)
                        .findFirst()
                        .orElse(
                            "s3://"
                                + settings.bucket()
                                + "/"
                                + settings.schemaPrefix().tablePrefix(table)
                                + " holds no data files")
                    + ". Restore the table's files, or delete the import");
      } else {
        error = Optional.empty();
        found = Optional.of(encode(result.tables().getFirst()));
      }
    } catch (ObjectStoreException e) {
      error =
          Optional.of(
              "reading table "
                  + table
                  + " under "
                  + settings.schemaUrl()
                  + " failed: "
                  + e.getMessage());
    }
    return new ImportSchemaRepository.Check(stored.id(), checkTime(), trigger, found, error);
  }

  /**
   * The table as the import knows it: as recorded, else as the connection's discovery showed it
   * (recorded now, so later discoveries do not move it). The discovery is read only then.
   */
  private DiscoveredTable known(
      StoredImport stored, Supplier<Optional<DiscoveryResult>> discovery) {
    return decode(knownJson(stored, discovery));
  }

  private String knownJson(StoredImport stored, Supplier<Optional<DiscoveryResult>> discovery) {
    Optional<String> recorded = schemas.knownTable(stored.id());
    if (recorded.isPresent()) {
      return recorded.get();
    }
    String name = stored.definition().table();
    DiscoveredTable table =
        discovery.get().stream()
            .flatMap(d -> d.tables().stream())
            .filter(t -> t.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConflictException(
                        "import "
                            + stored.id()
                            + " has no recorded columns and table "
                            + name
                            + " is not in its connection's last discovery: create the import again"
                            + " from the table's current columns"));
    recordSchema(stored.id(), table);
    return encode(table);
  }

  private SchemaCheckView view(
      Connection connection, DiscoveredTable known, ImportSchemaRepository.Check check) {
    SchemaChanges changes =
        check
            .tableJson()
            .map(
                json ->
                    SchemaComparison.compare(
                        known.columns(),
                        decode(json).columns(),
                        connection.spec().settings().dataFormat()))
            .orElse(new SchemaChanges(List.of(), List.of()));
    return new SchemaCheckView(
        check.importId(), check.checkedAt(), check.trigger(), changes, check.error());
  }

  private ImportSchemaRepository.Check lastCheckOf(StoredImport stored) {
    return schemas.lastCheck(stored.id()).orElseThrow(() -> notCheckedYet(stored.id()));
  }

  private static ConflictException notCheckedYet(UUID importId) {
    return new ConflictException(
        "import "
            + importId
            + " has not been checked for schema changes yet: POST /api/v1/imports/"
            + importId
            + "/refresh checks its files");
  }

  private Optional<DiscoveryResult> lastDiscovery(Connection connection) {
    return snapshots
        .find(connection.id())
        .map(snapshot -> DiscoverySnapshotCodec.decode(snapshot.resultJson()));
  }

  private StoredImport find(UUID importId) {
    return imports
        .find(importId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no import with id " + importId + ": GET /api/v1/imports lists the imports"));
  }

  private Connection connection(StoredImport stored) {
    UUID id = stored.definition().connectionId();
    return connections
        .find(id)
        .orElseThrow(
            () -> new NotFoundException("the connection " + id + " of the import is gone"));
  }

  /** Now, to the microsecond PostgreSQL keeps: a check reads the same when shown again. */
  private Instant checkTime() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String encode(DiscoveredTable table) {
    return DiscoverySnapshotCodec.encode(
        new DiscoveryResult(List.of(table), List.of(), List.of(), List.of()));
  }

  private static DiscoveredTable decode(String json) {
    return DiscoverySnapshotCodec.decode(json).tables().getFirst();
  }
}
