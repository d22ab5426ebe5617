package io.hivewire.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.Mapping;
import io.hivewire.importer.OnError;
import io.hivewire.importer.RunStatus;
import io.hivewire.importer.RunTotals;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.importer.load.Reject;
import io.hivewire.imports.ImportTableStore.StoredReject;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.RequestCounts;
import io.hivewire.s3.S3Location;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.PartitionPath;
import io.hivewire.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import runs against S3Proxy and embedded PostgreSQL; what lands is checked against DuckDB reading
 * the same files.
 */
class ImportRunnerIT {

  private static final String BUCKET = "lake";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir static Path dataDir;
  @TempDir Path localCopy;

  static LocalS3Fixture s3;
  static Database database;
  static UUID connectionId;

  private ObjectStore store;
  private ImportTableStore tables;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start(BUCKET);
    database = Database.open(new DatabaseConfig.Embedded(0, 4), dataDir);
    connectionId =
        new ConnectionRepository(database)
            .create(
                new ConnectionSpec("lake", settings("unused/"), Optional.empty()),
                new StatusChange(ConnectionStatus.ACTIVE, Optional.empty(), Optional.empty(), NOW))
            .id();
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static ConnectionSettings settings(String prefix) {
    return new ConnectionSettings(
        AwsRegion.parse("us-east-1"),
        BucketName.parse(BUCKET),
        SchemaPrefix.parse(prefix),
        DataFormat.CSV,
        Partitioning.ALL);
  }

  private void put(String key, String body) {
    put(key, body.getBytes(StandardCharsets.UTF_8));
  }

  private void put(String key, byte[] body) {
    s3.putObject(BUCKET, key, body);
  }

  private DiscoveredTable discover(String prefix, String table) {
    return Discovery.withSchemaReader(s3.store()).discover(settings(prefix)).tables().stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow();
  }

  /** An import of segments (user_id, segment, amount) under {@code prefix}. */
  private Imported importOf(
      String prefix, String table, OnError onError, int maxErrors, Optional<String> filter) {
    return importOf(prefix, table, ImportMode.INCREMENTAL, onError, maxErrors, filter);
  }

  private Imported importOf(
      String prefix,
      String table,
      ImportMode mode,
      OnError onError,
      int maxErrors,
      Optional<String> filter) {
    store = s3.store();
    tables = new ImportTableStore(database);
    ImportDefinition definition =
        new ImportDefinition(
            table + " segments",
            connectionId,
            table,
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "user_id", "segment", "segment"), List.of()),
            List.of(),
            filter.map(PartitionFilter::parse),
            new Schedule.Manual(),
            mode,
            onError,
            maxErrors);
    CheckedImport checked = ImportCheck.check(definition, discover(prefix, table));
    StoredImport stored = new ImportRepository(database).create(definition, NOW);
    return new Imported(stored, checked, settings(prefix));
  }

  private record Imported(
      StoredImport stored, CheckedImport checked, ConnectionSettings settings) {}

  private RunTotals run(Imported imported) {
    return new ImportRunner(store, tables, InstantSource.fixed(NOW), 4)
        .run(imported.stored(), imported.settings(), imported.checked());
  }

  /** The first {@code limit} rows the import left out, oldest first. */
  private List<Reject> rejects(Imported imported, int limit) {
    return tables.rejects(imported.stored().id(), 0, limit).stream()
        .map(StoredReject::reject)
        .toList();
  }

  private static long[] countAndSum(String table) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                database.info().jdbcUrl(), database.info().user(), database.info().password());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*), coalesce(sum(amount), 0) FROM \"" + table + "\"")) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }

  private static long[] duckDbCountAndSum(Path root) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*), coalesce(sum(amount), 0) FROM read_csv('"
                    + root.toString().replace("'", "''")
                    + "/**/*.csv', hive_partitioning = true, union_by_name = true)")) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }

  /** Writes the same file to S3 and to the local copy DuckDB reads. */
  private void putBoth(String prefix, String relative, String body) throws IOException {
    put(prefix + relative, body);
    Path local = localCopy.resolve(relative);
    Files.createDirectories(local.getParent());
    Files.writeString(local, body);
  }

  private void deleteBoth(String prefix, String relative) throws IOException {
    s3.store().delete(new S3Location(BUCKET, prefix + relative));
    Files.delete(localCopy.resolve(relative));
  }

  @Test
  void incrementalRunsLoadNewReplaceChangedAndRemoveDeletedFiles() throws Exception {
    String prefix = "incr/";
    putBoth(prefix, "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\nu2,s2,20\n");
    putBoth(prefix, "events/date=2025-01-02/a.csv", "user_id,segment,amount\nu3,s1,30\n");
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());

    RunTotals first = run(imported);

    assertThat(first.filesLoaded()).isEqualTo(2);
    assertThat(first.rowsLoaded()).isEqualTo(3);
    assertThat(countAndSum(imported.stored().targetTable()))
        .containsExactly(duckDbCountAndSum(localCopy.resolve("events")));

    RunTotals unchanged = run(imported);
    assertThat(unchanged.filesTotal()).isZero();
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(3, 60);

    putBoth(prefix, "events/date=2025-01-03/a.csv", "user_id,segment,amount\nu4,s3,40\n");
    putBoth(prefix, "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,11\n");
    deleteBoth(prefix, "events/date=2025-01-02/a.csv");

    RunTotals third = run(imported);

    assertThat(third.filesLoaded()).isEqualTo(2);
    assertThat(third.filesDeleted()).isEqualTo(1);
    assertThat(countAndSum(imported.stored().targetTable()))
        .containsExactly(2, 51)
        .containsExactly(duckDbCountAndSum(localCopy.resolve("events")));
    assertThat(tables.manifest(imported.stored().id()))
        .extracting(e -> e.key() + ":" + e.rows())
        .containsExactly(
            "incr/events/date=2025-01-01/a.csv:1", "incr/events/date=2025-01-03/a.csv:1");
  }

  @Test
  void twoRunsOfOneImportAtOnceAsAfterALeaseTakeOverBothSucceedAndLoadEachRowOnce()
      throws Exception {
    String prefix = "together/";
    for (int f = 0; f < 24; f++) {
      StringBuilder csv = new StringBuilder("user_id,segment,amount\n");
      for (int i = 0; i < 500; i++) {
        csv.append("u").append(f).append('-').append(i).append(",s,").append(i).append('\n');
      }
      putBoth(prefix, "events/date=2025-01-%02d/f%02d.csv".formatted(f % 3 + 1, f), csv.toString());
    }
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());

    List<RunTotals> both;
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var first = threads.submit(() -> run(imported));
      var second = threads.submit(() -> run(imported));
      both = List.of(first.get(), second.get());
    }

    assertThat(both).allSatisfy(t -> assertThat(t.errors()).isEmpty());
    assertThat(countAndSum(imported.stored().targetTable()))
        .containsExactly(duckDbCountAndSum(localCopy.resolve("events")))
        .containsExactly(24 * 500, 24 * (499 * 500 / 2));
    assertThat(tables.manifest(imported.stored().id())).hasSize(24);
  }

  @Test
  void partitionFilterReadsOnlyTheFilesItKeeps() throws Exception {
    String prefix = "filtered/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    put(prefix + "events/date=2025-01-02/a.csv", "user_id,segment,amount\nu2,s1,20\n");
    put(prefix + "events/date=2025-01-03/a.csv", "user_id,segment,amount\nu3,s1,30\n");
    Imported imported =
        importOf(prefix, "events", OnError.FAIL, 0, Optional.of("date = '2025-01-02'"));
    RequestCounts before = store.requestCounts();

    RunTotals totals = run(imported);

    RequestCounts sent = store.requestCounts().minus(before);
    assertThat(totals.filesLoaded()).isEqualTo(1);
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(1, 20);
    assertThat(sent.get("GetObject")).as("one file read").isEqualTo(1);
  }

  @Test
  void failModeNamesFileLineAndColumnAndOtherFilesStillLoad() throws Exception {
    String prefix = "fail/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());
    put(prefix + "events/date=2025-01-02/b.csv", "user_id,segment,amount\nu2,s1,20\nu3,s1,oops\n");

    RunTotals totals = run(imported);

    assertThat(totals.filesFailed()).isEqualTo(1);
    assertThat(totals.errors())
        .singleElement()
        .asString()
        .contains("fail/events/date=2025-01-02/b.csv", "line 3", "column amount");
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(1, 10);
    assertThat(tables.manifest(imported.stored().id())).hasSize(1);
  }

  @Test
  void skipModeCountsBadRowsAndFailsTheFileBeyondMaxErrors() throws Exception {
    String prefix = "skip/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported lenient = importOf(prefix, "events", OnError.SKIP, 1, Optional.empty());
    Imported strict = importOf(prefix, "events", OnError.SKIP, 1, Optional.empty());
    put(prefix + "events/date=2025-01-02/b.csv", "user_id,segment,amount\nu2,s1,x\nu3,s1,30\n");

    RunTotals one = run(lenient);
    put(prefix + "events/date=2025-01-03/c.csv", "user_id,segment,amount\nu4,s1,x\nu5,s1,y\n");
    RunTotals two = run(strict);

    assertThat(one.filesFailed()).isZero();
    assertThat(one.rowsRejected()).isEqualTo(1);
    assertThat(countAndSum(lenient.stored().targetTable())).containsExactly(2, 40);
    assertThat(two.filesFailed()).isEqualTo(1);
    assertThat(two.errors()).singleElement().asString().contains("more than 1 bad rows");
    assertThat(countAndSum(strict.stored().targetTable())).containsExactly(2, 40);
  }

  @Test
  void rejectModeStoresFileLineColumnErrorAndRawText() throws Exception {
    String prefix = "reject/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported imported = importOf(prefix, "events", OnError.REJECT, 10, Optional.empty());
    put(
        prefix + "events/date=2025-01-02/b.csv",
        "user_id,segment,amount\nu2,s1,twelve\nu3,s1,30\n");

    RunTotals totals = run(imported);

    assertThat(totals.rowsRejected()).isEqualTo(1);
    List<Reject> rejects = rejects(imported, 100);
    assertThat(rejects)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.fileKey()).isEqualTo("reject/events/date=2025-01-02/b.csv");
              assertThat(r.line()).isEqualTo(2);
              assertThat(r.column()).contains("amount");
              assertThat(r.error()).contains("twelve");
              assertThat(r.rawText()).contains("twelve");
            });
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(2, 40);
  }

  @Test
  void corruptGzipFailsThatFileWithAClearMessageAndOthersLoad() throws Exception {
    String prefix = "corrupt/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());
    put(
        prefix + "events/date=2025-01-02/b.csv.gz",
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'g', 'z'});

    RunTotals totals = run(imported);

    assertThat(totals.filesLoaded()).isEqualTo(1);
    assertThat(totals.filesFailed()).isEqualTo(1);
    assertThat(totals.errors())
        .singleElement()
        .asString()
        .contains("corrupt/events/date=2025-01-02/b.csv.gz");
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(1, 10);
  }

  @Test
  void fullRefreshSwapsInANewTableOnlyWhenEveryFileLoads() throws Exception {
    String prefix = "refresh/";
    putBoth(prefix, "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    putBoth(prefix, "events/date=2025-01-02/a.csv", "user_id,segment,amount\nu2,s1,20\n");
    Imported imported =
        importOf(prefix, "events", ImportMode.FULL_REFRESH, OnError.REJECT, 5, Optional.empty());

    RunTotals first = run(imported);
    putBoth(
        prefix, "events/date=2025-01-02/a.csv", "user_id,segment,amount\nu2,s1,25\nu9,s1,bad\n");
    deleteBoth(prefix, "events/date=2025-01-01/a.csv");
    RunTotals second = run(imported);

    assertThat(first.filesLoaded()).isEqualTo(2);
    assertThat(second.succeeded()).isTrue();
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(1, 25);
    assertThat(tables.manifest(imported.stored().id()))
        .extracting(e -> e.key())
        .containsExactly("refresh/events/date=2025-01-02/a.csv");
    assertThat(rejects(imported, 10)).extracting(Reject::line).containsExactly(3L);

    put(prefix + "events/date=2025-01-03/b.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    RunTotals third = run(imported);

    assertThat(third.succeeded()).isFalse();
    assertThat(third.errors()).last().asString().contains("full refresh kept the previous table");
    assertThat(countAndSum(imported.stored().targetTable())).containsExactly(1, 25);
  }

  @Test
  void oneRunPerImportIsQueuedOrRunningAtATime() throws Exception {
    String prefix = "runs/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());
    ImportRunRepository runs = new ImportRunRepository(database);
    UUID importId = imported.stored().id();

    ImportRun queued = runs.queue(importId, NOW).orElseThrow();
    assertThat(runs.queue(importId, NOW)).as("second run while one is queued").isEmpty();
    runs.start(queued.id(), NOW.plusSeconds(1));
    assertThat(runs.queue(importId, NOW)).as("second run while one runs").isEmpty();
    RunTotals totals = run(imported);
    runs.finish(queued.id(), totals, NOW.plusSeconds(2));

    ImportRun finished = runs.find(queued.id()).orElseThrow();
    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(finished.totals().rowsLoaded()).isEqualTo(1);
    assertThat(finished.finishedAt()).contains(NOW.plusSeconds(2));
    assertThat(runs.queue(importId, NOW.plusSeconds(3))).isPresent();
    assertThat(runs.list(importId)).hasSize(2);
  }

  @Test
  void fileThatFailsAfterRowsReachedTheDatabaseLeavesNothingAndARerunLoadsItOnce()
      throws Exception {
    String prefix = "crash/";
    put(prefix + "events/date=2025-01-01/a.csv", "user_id,segment,amount\nu1,s1,10\n");
    Imported imported = importOf(prefix, "events", OnError.FAIL, 0, Optional.empty());
    String table = imported.stored().targetTable();
    tables.createTable(table, imported.checked().columns());
    DataFile file =
        new DataFile(
            prefix + "events/date=2025-01-01/a.csv", 1, NOW, "etag-1", PartitionPath.EMPTY);
    List<String> copyColumns = List.of("amount", "_file", "_row");
    byte[] rows = "7\tf\t1\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                tables.loadFile(
                    imported.stored().id(),
                    table,
                    copyColumns,
                    file,
                    out -> {
                      try {
                        out.write(rows);
                        out.flush();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                      throw new IllegalStateException("reader died mid-file");
                    },
                    NOW))
        .hasMessageContaining("reader died mid-file");
    assertThat(countAndSum(table)).containsExactly(0, 0);
    assertThat(tables.manifest(imported.stored().id())).isEmpty();

    RunTotals rerun = run(imported);
    RunTotals again = run(imported);

    assertThat(rerun.rowsLoaded()).isEqualTo(1);
    assertThat(again.filesTotal()).isZero();
    assertThat(countAndSum(table)).containsExactly(1, 10);
  }
}
