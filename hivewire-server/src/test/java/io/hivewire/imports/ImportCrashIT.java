package io.hivewire.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.importer.ManifestEntry;
import io.hivewire.importer.RunTotals;
import io.hivewire.imports.ImportTestBed.Imported;
import io.hivewire.source.DataFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import run killed with SIGKILL in the middle of a file, then run again: every file is in the
 * table whole or not at all, and no row is there twice.
 */
class ImportCrashIT {

  private static final String PREFIX = "crash/";
  private static final int FILES = 12;
  private static final int ROWS_PER_FILE = 40_000;

  @TempDir static Path dataDir;
  @TempDir Path work;

  static ImportTestBed bed;

  @BeforeAll
  static void start() {
    bed = ImportTestBed.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void runKilledMidFileLeavesWholeFilesOnlyAndARerunLoadsEveryRowOnce() throws Exception {
    Path local = work.resolve("events");
    for (int f = 0; f < FILES; f++) {
      String relative = "date=2025-01-%02d/part-%02d.csv".formatted(f % 4 + 1, f);
      byte[] body = segments(f).getBytes(StandardCharsets.UTF_8);
      bed.s3.putObject(ImportTestBed.BUCKET, PREFIX + "events/" + relative, body);
      Files.createDirectories(local.resolve(relative).getParent());
      Files.write(local.resolve(relative), body);
    }
    Imported imported = bed.define(PREFIX, DataFormat.CSV, "events");
    String table = imported.stored().targetTable();

    killChildMidFile(imported);

    int survived = bed.tables.manifest(imported.stored().id()).size();
    assertThat(survived).as("files loaded before the kill").isBetween(1, FILES - 1);
    assertThat(rowsByFile(table)).isEqualTo(manifestRows(imported));

    RunTotals rerun = bed.run(imported, 2);

    assertThat(rerun.succeeded()).as("rerun: %s", rerun.errors()).isTrue();
    assertThat(rerun.filesLoaded()).isEqualTo(FILES - survived);
    assertThat(rowsByFile(table))
        .hasSize(FILES)
        .isEqualTo(manifestRows(imported))
        .allSatisfy((file, rows) -> assertThat(rows).isEqualTo(ROWS_PER_FILE));
    assertThat(
            queryLong(
                "SELECT count(*) FROM (SELECT _file, _row FROM \""
                    + table
                    + "\" GROUP BY _file, _row HAVING count(*) > 1) twice"))
        .as("rows loaded twice")
        .isZero();
    assertThat(countAndSum("SELECT count(*), sum(amount) FROM \"" + table + "\"", bed.connect()))
        .containsExactly(
            countAndSum(
                "SELECT count(*), sum(amount) FROM read_csv('"
                    + local
                    + "/**/*.csv', hive_partitioning = true)",
                DriverManager.getConnection("jdbc:duckdb:")))
        .containsExactly((long) FILES * ROWS_PER_FILE, expectedAmountSum());
  }

  /** user_id,segment,amount: amounts 0..999 repeating, so every file sums the same. */
  private static String segments(int file) {
    StringBuilder csv = new StringBuilder("user_id,segment,amount\n");
    for (int i = 0; i < ROWS_PER_FILE; i++) {
      csv.append("user-")
          .append(file)
          .append('-')
          .append(i)
          .append(",segment-")
          .append(i % 7)
          .append(',')
          .append(i % 1000)
          .append('\n');
    }
    return csv.toString();
  }

  private static long expectedAmountSum() {
    long perFile = 0;
    for (int i = 0; i < ROWS_PER_FILE; i++) {
      perFile += i % 1000;
    }
    return perFile * FILES;
  }

  /**
   * Starts the import in a child JVM and SIGKILLs it once at least two files are in the manifest
   * while a COPY of another is under way.
   */
  private void killChildMidFile(Imported imported) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    var s3 = bed.s3.localS3();
    Path output = work.resolve("child.log");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ImportCrashChild.class.getName(),
                s3.endpoint().toString(),
                s3.accessKey(),
                s3.secretKey(),
                bed.database.info().jdbcUrl(),
                bed.database.info().user(),
                imported.stored().id().toString(),
                PREFIX,
                work.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!(bed.tables.manifest(imported.stored().id()).size() >= 2 && copyUnderWay())) {
        assertThat(child.isAlive())
            .as("the child ended before it was killed: %s", Files.readString(output))
            .isTrue();
        assertThat(System.nanoTime())
            .as("the child loaded two files in time: %s", Files.readString(output))
            .isLessThan(deadline);
        Thread.sleep(5);
      }
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    awaitNoCopy();
  }

  private static boolean copyUnderWay() throws SQLException {
    return queryLong(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY%'")
        > 0;
  }

  /** PostgreSQL rolls back the killed child's COPY when it notices the closed connection. */
  private static void awaitNoCopy() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (copyUnderWay()) {
      assertThat(System.nanoTime()).as("the killed COPY ended").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Map<String, Long> rowsByFile(String table) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    try (Connection c = bed.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT _file, count(*) FROM \"" + table + "\" GROUP BY _file")) {
      while (r.next()) {
        rows.put(r.getString(1), r.getLong(2));
      }
    }
    return rows;
  }

  private static Map<String, Long> manifestRows(Imported imported) {
    List<ManifestEntry> manifest = bed.tables.manifest(imported.stored().id());
    return manifest.stream().collect(Collectors.toMap(ManifestEntry::key, ManifestEntry::rows));
  }

  private static long queryLong(String sql) throws SQLException {
    try (Connection c = bed.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long[] countAndSum(String sql, Connection connection) throws SQLException {
    try (Connection c = connection;
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    }
  }
}
