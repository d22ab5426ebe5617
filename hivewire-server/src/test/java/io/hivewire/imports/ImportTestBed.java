package io.hivewire.imports;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.ConnectionSpec;
import io.hivewire.connections.ConnectionStatus;
import io.hivewire.connections.StatusChange;
import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportCheck;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.OnError;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * S3Proxy and embedded PostgreSQL for import tests, with imports of user segments ({@code user_id,
 * segment} mapped; every column loaded) defined on tables found by discovery.
 */
final class ImportTestBed implements AutoCloseable {

  static final String BUCKET = "lake";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  final LocalS3Fixture s3;
  final Database database;
  final ImportTableStore tables;
  private final UUID connectionId;

  private ImportTestBed(LocalS3Fixture s3, Database database) {
    this.s3 = s3;
    this.database = database;
    this.tables = new ImportTableStore(database);
    this.connectionId =
        new ConnectionRepository(database)
            .create(
                new ConnectionSpec("lake", settings("unused/", DataFormat.CSV), Optional.empty()),
                new StatusChange(ConnectionStatus.ACTIVE, Optional.empty(), Optional.empty(), NOW))
            .id();
  }

  static ImportTestBed start(Path dataDir) {
    LocalS3Fixture s3 = LocalS3Fixture.start(BUCKET);
    try {
      return new ImportTestBed(s3, Database.open(new DatabaseConfig.Embedded(0, 4), dataDir));
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
  }

  static ConnectionSettings settings(String prefix, DataFormat format) {
    return new ConnectionSettings(
        AwsRegion.parse("us-east-1"),
        BucketName.parse(BUCKET),
        SchemaPrefix.parse(prefix),
        format,
        Partitioning.ALL);
  }

  /** The table {@code table} under {@code settings}, as discovery finds it now. */
  DiscoveredTable discover(ConnectionSettings settings, String table) {
    return Discovery.withSchemaReader(s3.store()).discover(settings).tables().stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("discovery found no table " + table));
  }

  /** An incremental import of {@code table} under {@code prefix} that fails a file on a bad row. */
  Imported define(String prefix, DataFormat format, String table) {
    ImportDefinition definition =
        new ImportDefinition(
            table + " segments",
            connectionId,
            table,
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "user_id", "segment", "segment"), List.of()),
            List.of(),
            Optional.empty(),
            new Schedule.Manual(),
            ImportMode.INCREMENTAL,
            OnError.FAIL,
            0);
    ConnectionSettings settings = settings(prefix, format);
    CheckedImport checked = ImportCheck.check(definition, discover(settings, table));
    StoredImport stored = new ImportRepository(database).create(definition, NOW);
    return new Imported(stored, checked, settings);
  }

  RunTotals run(Imported imported, int parallelism) {
    return new ImportRunner(s3.store(), tables, InstantSource.fixed(NOW), parallelism)
        .run(imported.stored(), imported.settings(), imported.checked());
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        database.info().jdbcUrl(), database.info().user(), database.info().password());
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      s3.close();
    }
  }

  /** A stored import with what it loads and where its files are. */
  record Imported(StoredImport stored, CheckedImport checked, ConnectionSettings settings) {}
}
