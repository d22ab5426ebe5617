package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.demo.DemoRouting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hivewire demo --exit} end to end, in-process, on free ports and a temporary data dir. */
class DemoCommandIT {

  /** The binding object layout, with the server's worker id (its host name). */
  private static final Pattern ROUTED_KEY =
      Pattern.compile(
          "s3://"
              + DemoRouting.BUCKET
              + "/(?<key>(?:type=(?<type>events|sync_aliases)"
              + "/year=\\d{4}/month=\\d{2}/day=\\d{2}/hour=(?<hour>\\d{2})"
              + "|type=segment)/"
              + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z-[0-9a-f]{6}-[^/]+\\.jsonl\\.gz)");

  /** A demo import's line: table, data type, status, rows loaded and files. */
  private static final Pattern IMPORTED =
      Pattern.compile(
          "== (?<table>\\w+)  \\w+  \\[(?<status>\\w+)]  (?<rows>\\d+) rows loaded from"
              + " (?<files>\\d+) files?");

  private static final Pattern PRINTED_KEY =
      Pattern.compile("s3://" + DemoRouting.BUCKET + "/\\S+");

  @TempDir Path dataDir;

  @Test
  void demoConnectsTheSampleSchemasRoutesSampleEventsAndPrintsWhatItFound() throws SQLException {
    StringWriter output = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(output, true));

    int exitCode =
        commandLine.execute(
            "demo",
            "--exit",
            "--data-dir",
            dataDir.toString(),
            "--port",
            "0",
            "--db-port",
            "0",
            "--local-s3-port",
            "0");

    String printed = output.toString();
    assertThat(exitCode).as(printed).isZero();
    assertThat(printed)
        .contains("hivewire is running")
        .contains("psql -h localhost -p ")
        .contains("JDBC URL  jdbc:postgresql://localhost:")
        .contains("API key      hw_")
        .containsPattern(
            "Open the dashboard at http://[0-9.]+:[0-9]+/ and sign in with the key hw_")
        .contains("[ACTIVE]")
        .doesNotContain("[FAILED]")
        .contains("page_views")
        .contains("date         DATE   (from the partition path)")
        .contains("exports_tmp  not_partitioned")
        .contains("orders")
        .contains("ordered_at   TIMESTAMP WITH TIME ZONE")
        .contains("segments")
        .contains("customers")
        .contains("curl -s -H 'X-API-Key: hw_")
        .contains("KEY_ID 'hivewire', SECRET 'hivewire-local-secret', ENDPOINT '127.0.0.1:")
        .contains("  Data dir     " + dataDir + "\n")
        .contains("Logs go to " + dataDir.resolve("logs").resolve("demo.log"))
        .contains("Stopped (--exit)");
    assertThat(dataDir.resolve("logs").resolve("demo.log")).isNotEmptyFile();
    assertThat(printed)
        .contains("attaching this bucket policy (./hivewire policy --bucket demo")
        .contains("\"Resource\" : \"arn:aws:s3:::demo\"")
        .contains("EXAMPLE principal, replace it before attaching this policy");
    assertEachSampleTableWasImported(printed);
    assertRoutedSamplesAreInTheLocalS3(printed);
  }

  /** Every row the demo wrote, counted by DuckDB in the local S3's files, was loaded. */
  private void assertEachSampleTableWasImported(String printed) throws SQLException {
    Map<String, Long> loaded = new HashMap<>();
    Map<String, Long> files = new HashMap<>();
    Matcher line = IMPORTED.matcher(printed);
    while (line.find()) {
      assertThat(line.group("status")).as(line.group()).isEqualTo("SUCCEEDED");
      loaded.put(line.group("table"), Long.parseLong(line.group("rows")));
      files.put(line.group("table"), Long.parseLong(line.group("files")));
    }
    Path bucket = dataDir.resolve("s3").resolve(DemoCommand.BUCKET);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      assertThat(loaded)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "page_views",
                  count(sql, "read_csv('" + bucket + "/web/page_views/*/*.csv.gz')"),
                  "orders",
                  count(sql, "read_parquet('" + bucket + "/shop/orders/*/*.parquet')"),
                  "segments",
                  count(sql, "read_csv('" + bucket + "/crm/segments/segments.csv', delim = ';')"),
                  "customers",
                  count(sql, "read_csv('" + bucket + "/crm/customers/*/*/*.csv')")));
    }
    assertThat(loaded).allSatisfy((table, rows) -> assertThat(rows).isPositive());
    assertThat(files).containsEntry("page_views", 2L).containsEntry("segments", 1L);
    assertThat(printed)
        .contains("Imports: each sample table loaded into its own PostgreSQL table:")
        .containsPattern(
            "psql -h localhost -p \\d+ -U \\S+ \\S+ -c 'SELECT \\* FROM import_[0-9a-f]{32} LIMIT 5'");
  }

  private static long count(Statement sql, String from) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + from)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void assertRoutedSamplesAreInTheLocalS3(String printed) throws SQLException {
    assertThat(printed)
        .contains("all through the HTTP API")
        .contains("POST /api/v1/routing")
        .contains("POST /v2.0/events")
        .contains("POST /v2.0/identify")
        .contains("/api/v1/segments")
        .contains("type=events  (")
        .contains("type=sync_aliases  (")
        .contains("type=segment  (1 file)")
        .contains("hive_partitioning = true");
    List<String> keys = new ArrayList<>();
    Set<String> eventHours = new HashSet<>();
    Matcher printedKeys = PRINTED_KEY.matcher(printed);
    while (printedKeys.find()) {
      if (printedKeys.group().endsWith(".jsonl.gz")) {
        Matcher key = ROUTED_KEY.matcher(printedKeys.group());
        assertThat(key.matches()).as(printedKeys.group()).isTrue();
        keys.add(key.group("key"));
        if ("events".equals(key.group("type"))) {
          eventHours.add(key.group("hour"));
        }
      }
    }
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(eventHours).as("hour partitions of the events").hasSizeGreaterThanOrEqualTo(3);
    Path bucket = dataDir.resolve("s3").resolve(DemoRouting.BUCKET);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT type, hour, CAST(time AS VARCHAR) AS time, event_id FROM read_json('"
                  + bucket
                  + "/type=events/*/*/*/*/*.jsonl.gz', hive_partitioning = true,"
                  + " hive_types_autocast = false,"
                  + " columns = {event_id: 'VARCHAR', time: 'VARCHAR'})")) {
        Set<String> ids = new HashSet<>();
        int count = 0;
        while (rows.next()) {
          count++;
          ids.add(rows.getString("event_id"));
          assertThat(rows.getString("type")).isEqualTo("events");
          int hour = Instant.parse(rows.getString("time")).atZone(ZoneOffset.UTC).getHour();
          assertThat(Integer.parseInt(rows.getString("hour"))).isEqualTo(hour);
        }
        assertThat(count).isEqualTo(DemoRouting.EVENTS);
        assertThat(ids).hasSize(DemoRouting.EVENTS);
      }
      assertThat(countOf(sql, bucket + "/type=sync_aliases/*/*/*/*/*.jsonl.gz"))
          .isEqualTo(DemoRouting.SYNC_ALIASES);
      assertThat(countOf(sql, bucket + "/type=segment/*.jsonl.gz")).isEqualTo(DemoRouting.SEGMENTS);
    }
  }

  private static long countOf(Statement sql, String glob) throws SQLException {
    try (ResultSet rows =
        sql.executeQuery(
            "SELECT count(*) FROM read_json('" + glob + "', format = 'newline_delimited')")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void secondRunReusesTheStoredKeyAndConnections() {
    String[] args = {
      "demo",
      "--exit",
      "--data-dir",
      dataDir.toString(),
      "--port",
      "0",
      "--db-port",
      "0",
      "--local-s3-port",
      "0"
    };
    assertThat(Main.commandLine().setOut(new PrintWriter(new StringWriter())).execute(args))
        .isZero();
    StringWriter second = new StringWriter();

    int exitCode = Main.commandLine().setOut(new PrintWriter(second, true)).execute(args);

    assertThat(exitCode).as(second.toString()).isZero();
    assertThat(second.toString())
        .contains("the key printed at the first start")
        .doesNotContain("API key      hw_")
        .contains("(with the demo's own admin key of this run")
        .contains("curl -s -H 'X-API-Key: hw_")
        .doesNotContain("'X-API-Key: $HIVEWIRE_API_KEY'");
    assertThat(second.toString().split("== Web analytics", -1)).hasSize(2);
    assertThat(second.toString())
        .contains("== page_views  USER_ACTIVITY  [SUCCEEDED]  5 rows loaded");
  }

  @Test
  void secondRunOnTheSameLocalS3RoutesOnlyItsOwnSamples() throws IOException, SQLException {
    // The same local S3 port on both runs, as with the README's default flags.
    int localS3Port;
    try (ServerSocket free = new ServerSocket(0)) {
      localS3Port = free.getLocalPort();
    }
    String[] args = {
      "demo",
      "--exit",
      "--data-dir",
      dataDir.toString(),
      "--port",
      "0",
      "--db-port",
      "0",
      "--local-s3-port",
      String.valueOf(localS3Port)
    };
    assertThat(Main.commandLine().setOut(new PrintWriter(new StringWriter())).execute(args))
        .isZero();
    StringWriter second = new StringWriter();

    int exitCode = Main.commandLine().setOut(new PrintWriter(second, true)).execute(args);

    assertThat(exitCode).as(second.toString()).isZero();
    assertRoutedSamplesAreInTheLocalS3(second.toString());
  }

  @Test
  void configuredApiKeyIsNeverPrintedAndTheCurlLinesExpandTheVariable() throws IOException {
    String configured = "hw_configured-by-the-user-0123456789abcdef";
    Path config = Files.writeString(dataDir.resolve("hivewire.yaml"), "api-key: " + configured);
    StringWriter output = new StringWriter();

    int exitCode =
        Main.commandLine()
            .setOut(new PrintWriter(output, true))
            .execute(
                "demo",
                "--exit",
                "--config",
                config.toString(),
                "--data-dir",
                dataDir.toString(),
                "--port",
                "0",
                "--db-port",
                "0",
                "--local-s3-port",
                "0");

    assertThat(exitCode).as(output.toString()).isZero();
    assertThat(output.toString())
        .doesNotContain(configured)
        .doesNotContain("'X-API-Key: $HIVEWIRE_API_KEY'")
        .doesNotContain("-H 'X-API-Key: hw_")
        .contains("curl -s -H \"X-API-Key: $HIVEWIRE_API_KEY\" http://");
  }
}
