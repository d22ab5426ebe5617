package io.hivewire.bench;

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
import io.hivewire.imports.ImportRepository;
import io.hivewire.imports.ImportRunner;
import io.hivewire.imports.ImportTableStore;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Import throughput: a CSV.gz table and a Parquet (ZSTD) table of the same rows in the in-process
 * S3, imported into embedded PostgreSQL through {@link ImportRunner}, each printed beside its
 * ceilings measured in the same run: PostgreSQL's server-side {@code COPY FROM} a local file of the
 * same rows (the COPY text the import produced, into a table of the same shape and index), and
 * DuckDB reading the same files from local disk. The target is at least 70% of the COPY rate.
 *
 * <p>Arguments (all optional): {@code rows files parallelism}, default {@code 10000000 32 2}.
 */
public final class ImportBenchmark {

  private static final String BUCKET = "bench";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final double MB = 1_000_000.0;
  private static final int DATES = 8;
  private static final double TARGET = 0.70;

  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf(
        Locale.ROOT,
        "import benchmark: %,d rows per format in %d files over %d date partitions,"
            + " parallelism %d, %d cores%n"
            + "columns: id BIGINT, user_id VARCHAR, event VARCHAR, at TIMESTAMP, amount DOUBLE,"
            + " quantity INTEGER, referrer VARCHAR (10%% NULL), date (partition)%n%n",
        rows,
        files,
        DATES,
        parallelism,
        Runtime.getRuntime().availableProcessors());
    Path work = Files.createTempDirectory("import-bench");
    try (LocalS3 s3 =
            LocalS3.start(
                LocalS3.Settings.onDisk(work.resolve("s3"), 0, "bench-key", "bench-secret"));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()));
        Database database =
            Database.open(new DatabaseConfig.Embedded(0, parallelism + 2), work.resolve("db"))) {
      s3.createBucket(BUCKET);
      UUID connectionId =
          new ConnectionRepository(database)
              .create(
                  new ConnectionSpec(
                      "bench", settings("unused/", DataFormat.CSV), Optional.empty()),
                  new StatusChange(
                      ConnectionStatus.ACTIVE, Optional.empty(), Optional.empty(), NOW))
              .id();
      Bench bench = new Bench(store, database, connectionId, work, rows, files, parallelism);
      List<Line> summary = new ArrayList<>();
      summary.add(bench.run(Format.CSV_GZ));
      summary.add(bench.run(Format.PARQUET_ZSTD));
      System.out.println("summary (import rate as a share of COPY FROM a local file, same run)");
      for (Line line : summary) {
        System.out.printf(
            Locale.ROOT,
            "  %-12s %,10.0f rows/s = %5.1f%% of COPY (1 session) %s the %.0f%% target;"
                + " %5.1f%% of COPY (%d sessions)%n",
            line.format().label,
            line.importRate(),
            100 * line.importRate() / line.copyRate(),
            line.importRate() >= TARGET * line.copyRate() ? "meets" : "misses",
            100 * TARGET,
            100 * line.importRate() / line.parallelCopyRate(),
            parallelism);
      }
    } finally {
      deleteTree(work);
    }
  }

  /** The two file formats of the benchmark table. */
  private enum Format {
    CSV_GZ("CSV.gz", DataFormat.CSV, ".csv.gz", "(FORMAT csv, HEADER, COMPRESSION gzip)"),
    PARQUET_ZSTD(
        "Parquet/ZSTD", DataFormat.PARQUET, ".parquet", "(FORMAT parquet, COMPRESSION zstd)");

    final String label;
    final DataFormat dataFormat;
    final String suffix;
    final String copyOptions;

    Format(String label, DataFormat dataFormat, String suffix, String copyOptions) {
      this.label = label;
      this.dataFormat = dataFormat;
      this.suffix = suffix;
      this.copyOptions = copyOptions;
    }

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + "/";
    }

    String duckDbScan(Path table) {
      String glob = table.toString().replace("'", "''") + "/**/*" + suffix;
      return this == CSV_GZ
          ? "read_csv('" + glob + "', hive_partitioning = true)"
          : "read_parquet('" + glob + "', hive_partitioning = true)";
    }
  }

  /** One format's figures for the summary. */
  private record Line(Format format, double importRate, double copyRate, double parallelCopyRate) {}

  /** One benchmark run's shared parts. */
  private record Bench(
      ObjectStore store,
      Database database,
      UUID connectionId,
      Path work,
      long rows,
      int files,
      int parallelism) {

    Line run(Format format) throws Exception {
      System.out.println("== " + format.label);
      Path local = work.resolve("local").resolve(format.prefix());
      Path table = local.resolve("events");
      long start = System.nanoTime();
      generate(format, table);
      double generated = seconds(start);
      long bytes = upload(format, table);
      System.out.printf(
          Locale.ROOT,
          "data:     %d files, %.1f MB (%.1f bytes/row), written by DuckDB in %.1f s%n",
          files,
          bytes / MB,
          bytes / (double) rows,
          generated);

      ConnectionSettings settings = settings(format.prefix(), format.dataFormat);
      DiscoveredTable discovered =
          Discovery.withSchemaReader(store).discover(settings).tables().stream()
              .filter(t -> t.name().equals("events"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("discovery found no table events"));
      ImportDefinition definition =
          new ImportDefinition(
              "bench " + format.label,
              connectionId,
              "events",
              DataType.USER_ACTIVITY,
              new Mapping(Map.of("user_id", "user_id", "timestamp", "at"), List.of()),
              List.of(),
              Optional.empty(),
              new Schedule.Manual(),
              ImportMode.INCREMENTAL,
              OnError.FAIL,
              0);
      CheckedImport checked = ImportCheck.check(definition, discovered);
      StoredImport stored = new ImportRepository(database).create(definition, NOW);
      ImportTableStore tables = new ImportTableStore(database);
      start = System.nanoTime();
      RunTotals totals =
          new ImportRunner(store, tables, InstantSource.system(), parallelism)
              .run(stored, settings, checked);
      double imported = seconds(start);
      if (!totals.succeeded() || totals.rowsLoaded() != rows) {
        throw new IllegalStateException(
            "the import did not load every row: " + totals + " " + totals.errors());
      }
      double importRate = rows / imported;
      System.out.printf(
          Locale.ROOT,
          "import:   %,10.0f rows/s %7.1f MB/s of files  (%,d rows in %.1f s, S3 → COPY)%n",
          importRate,
          bytes / MB / imported,
          totals.rowsLoaded(),
          imported);

      String target = stored.targetTable();
      Copied copy = copyCeiling(target, work.resolve("copy-" + format.name()), 1);
      Copied parallelCopy = copyCeiling(target, work.resolve("copy-" + format.name()), parallelism);
      System.out.printf(
          Locale.ROOT,
          "ceiling:  %,10.0f rows/s %7.1f MB/s of COPY text  PostgreSQL server-side COPY FROM a"
              + " local file (%.1f MB, same rows and table shape) in 1 session: import is %.1f%%%n",
          copy.rows() / copy.seconds(),
          copy.bytes() / MB / copy.seconds(),
          copy.bytes() / MB,
          100 * importRate / (copy.rows() / copy.seconds()));
      System.out.printf(
          Locale.ROOT,
          "ceiling:  %,10.0f rows/s %7.1f MB/s of COPY text  the same in %d sessions at once,"
              + " a file each: import is %.1f%%%n",
          parallelCopy.rows() / parallelCopy.seconds(),
          parallelCopy.bytes() / MB / parallelCopy.seconds(),
          parallelism,
          100 * importRate / (parallelCopy.rows() / parallelCopy.seconds()));

      double duck = duckDbRead(format, table);
      System.out.printf(
          Locale.ROOT,
          "ceiling:  %,10.0f rows/s %7.1f MB/s of files  DuckDB reading the same files from local"
              + " disk into an in-memory table, %d threads%n%n",
          rows / duck,
          bytes / MB / duck,
          Runtime.getRuntime().availableProcessors());
      exec("DROP TABLE " + quote(target));
      deleteTree(local);
      return new Line(
          format,
          importRate,
          copy.rows() / copy.seconds(),
          parallelCopy.rows() / parallelCopy.seconds());
    }

    /** Writes {@code files} files of the format under Hive date partitions, with DuckDB. */
    private void generate(Format format, Path table) throws SQLException, IOException {
      LocalDate first = LocalDate.of(2025, 1, 1);
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = duck.createStatement()) {
        long from = 0;
        for (int f = 0; f < files; f++) {
          long count = rows / files + (f < rows % files ? 1 : 0);
          Path dir = table.resolve("date=" + first.plusDays(f % DATES));
          Files.createDirectories(dir);
          Path file = dir.resolve(String.format(Locale.ROOT, "part-%03d%s", f, format.suffix));
          s.execute(
              "COPY (SELECT "
                  + "n AS id, "
                  + "'user_' || (n * 7919 % 1000003) AS user_id, "
                  + "['view', 'click', 'add_to_cart', 'purchase', 'share'][n % 5 + 1] AS event, "
                  + "TIMESTAMP '2025-01-01' + to_microseconds(n * 8639999 % 86400000000) AS at, "
                  + "((n * 31 % 1000000) / 100.0 + 0.01)::DOUBLE AS amount, "
                  + "(n % 9)::INTEGER AS quantity, "
                  + "CASE WHEN n % 10 = 0 THEN NULL"
                  + " ELSE 'https://example.com/c/' || (n % 997) END AS referrer "
                  + "FROM (SELECT range + "
                  + from
                  + " AS n FROM range("
                  + count
                  + "))) TO '"
                  + file.toString().replace("'", "''")
                  + "' "
                  + format.copyOptions);
          from += count;
        }
      }
    }

    private long upload(Format format, Path table) throws IOException {
      long bytes = 0;
      try (Stream<Path> paths = Files.walk(table)) {
        for (Path file : paths.filter(Files::isRegularFile).toList()) {
          byte[] body = Files.readAllBytes(file);
          String key = format.prefix() + "events/" + table.relativize(file).toString();
          store.put(new S3Location(BUCKET, key), body, PutOptions.defaults());
          bytes += body.length;
        }
      }
      return bytes;
    }

    /**
     * Writes the imported rows to local files with server-side {@code COPY TO} (text format, the
     * format the import streams), then times server-side {@code COPY FROM} of them into a table of
     * the same shape and index, in {@code sessions} sessions at once, one file each.
     */
    private Copied copyCeiling(String target, Path dir, int sessions) throws Exception {
      Files.createDirectories(dir);
      dir.toFile().setWritable(true, false);
      String ceiling = target + "_copy_ceiling";
      exec("DROP TABLE IF EXISTS " + quote(ceiling));
      exec("CREATE TABLE " + quote(ceiling) + " (LIKE " + quote(target) + " INCLUDING ALL)");
      List<Path> parts = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < sessions; i++) {
        Path part = dir.resolve("part-" + sessions + "-" + i + ".tsv");
        exec(
            "COPY (SELECT * FROM "
                + quote(target)
                + " WHERE _row % "
                + sessions
                + " = "
                + i
                + ") TO '"
                + part
                + "'");
        parts.add(part);
        bytes += Files.size(part);
      }
      exec("CHECKPOINT");
      long start = System.nanoTime();
      try (ExecutorService threads = Executors.newFixedThreadPool(sessions)) {
        List<Future<?>> done = new ArrayList<>();
        for (Path part : parts) {
          done.add(
              threads.submit(
                  () -> {
                    exec("COPY " + quote(ceiling) + " FROM '" + part + "'");
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
      double seconds = seconds(start);
      long copied = count(ceiling);
      if (copied != rows) {
        throw new IllegalStateException("COPY loaded " + copied + " rows, not " + rows);
      }
      exec("DROP TABLE " + quote(ceiling));
      for (Path part : parts) {
        Files.delete(part);
      }
      return new Copied(copied, bytes, seconds);
    }

    private double duckDbRead(Format format, Path table) throws SQLException {
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = duck.createStatement()) {
        long start = System.nanoTime();
        s.execute("CREATE TABLE events AS SELECT * FROM " + format.duckDbScan(table));
        double seconds = seconds(start);
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM events")) {
          r.next();
          if (r.getLong(1) != rows) {
            throw new IllegalStateException("DuckDB read " + r.getLong(1) + " rows, not " + rows);
          }
        }
        return seconds;
      }
    }

    private void exec(String sql) throws SQLException {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    private long count(String table) throws SQLException {
      try (Connection c = connect();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
        r.next();
        return r.getLong(1);
      }
    }

    private Connection connect() throws SQLException {
      return DriverManager.getConnection(
          database.info().jdbcUrl(), database.info().user(), database.info().password());
    }
  }

  /** What one COPY ceiling measurement loaded. */
  private record Copied(long rows, long bytes, double seconds) {}

  private static ConnectionSettings settings(String prefix, DataFormat format) {
    return new ConnectionSettings(
        AwsRegion.parse(LocalS3.REGION),
        BucketName.parse(BUCKET),
        SchemaPrefix.parse(prefix),
        format,
        Partitioning.ALL);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
