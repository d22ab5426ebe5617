package io.hivewire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.DatabaseConfig;
import io.hivewire.demo.DemoRouting;
import io.hivewire.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The README's first commands as a new user runs them: a child process in a fresh directory, no
 * {@code --data-dir}, no {@code HIVEWIRE_*} variables, default ports (8080, 5433, 9000). These are
 * the only tests on the default ports; every other test binds free ones.
 */
class FirstRunIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  /** A routed file the demo printed. */
  private static final Pattern ROUTED =
      Pattern.compile(
          "^    s3://" + DemoRouting.BUCKET + "/([^*\\s]+\\.jsonl\\.gz)$", Pattern.MULTILINE);

  /** A demo import's line and the table its psql line names. */
  private static final Pattern IMPORTED =
      Pattern.compile(
          "== (?<table>\\w+)  \\w+  \\[SUCCEEDED]  (?<rows>\\d+) rows loaded .*\\R"
              + "\\s+psql .* FROM (?<pgTable>import_[0-9a-f]{32}) LIMIT 5");

  @TempDir Path work;
  @TempDir Path logs;

  @Test
  void demoWithDefaultFlagsRunsInAFreshDirectoryAndAgainInTheSameOne() throws Exception {
    for (String run : new String[] {"first", "second"}) {
      String printed;
      try (ChildProcess demo = ChildProcess.start(work, logs, run, "demo", "--exit")) {
        assertThat(demo.awaitExit(RUN_TIMEOUT)).as(demo.output()).isZero();
        printed = demo.stdout();
        assertThat(demo.stderr()).as("stderr").doesNotContain(" INFO ");
      }
      Path dataDir = work.toRealPath().resolve("hivewire-data");
      assertThat(printed)
          .contains("  Data dir     " + dataDir + "\n")
          .doesNotContain(" INFO ")
          .contains("Logs go to " + dataDir.resolve("logs/demo.log"));
      assertThat(Files.readString(dataDir.resolve("logs/demo.log"))).contains(" INFO ");
      assertRoutedFilesExist(printed, dataDir);
      assertImportedRowsExist(printed, dataDir);
    }
  }

  /** Every routed key the demo printed is a gzip JSON-lines file in the local S3's directory. */
  private static void assertRoutedFilesExist(String printed, Path dataDir) throws IOException {
    Matcher key = ROUTED.matcher(printed);
    int files = 0;
    while (key.find()) {
      Path file = dataDir.resolve("s3").resolve(DemoRouting.BUCKET).resolve(key.group(1));
      assertThat(file).as(key.group()).isRegularFile();
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        assertThat(new String(in.readAllBytes(), UTF_8).lines())
            .as(key.group())
            .isNotEmpty()
            .allSatisfy(line -> assertThat(line).startsWith("{"));
      }
      files++;
    }
    assertThat(files).as(printed).isGreaterThanOrEqualTo(3);
  }

  /** Every import the demo reported holds the rows it reported, in the embedded database. */
  private static void assertImportedRowsExist(String printed, Path dataDir) throws SQLException {
    Map<String, Long> reported = new LinkedHashMap<>();
    Matcher line = IMPORTED.matcher(printed);
    while (line.find()) {
      reported.put(line.group("pgTable"), Long.parseLong(line.group("rows")));
    }
    assertThat(reported).as(printed).hasSize(4);
    try (Database database = Database.open(new DatabaseConfig.Embedded(0, 2), dataDir);
        Connection connection = DriverManager.getConnection(database.info().jdbcUrl());
        Statement sql = connection.createStatement()) {
      for (Map.Entry<String, Long> table : reported.entrySet()) {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table.getKey())) {
          rows.next();
          assertThat(rows.getLong(1)).as(table.getKey()).isEqualTo(table.getValue()).isPositive();
        }
      }
    }
  }

  @Test
  void serverWithLocalS3OnDefaultsTakesABucketAndAnObject() throws Exception {
    try (ChildProcess server = ChildProcess.start(work, logs, "server", "server", "--local-s3")) {
      server.awaitOutput("Press Ctrl+C to stop.", RUN_TIMEOUT);
      assertThat(server.stdout())
          .contains("Local S3     http://127.0.0.1:9000")
          .contains("Dashboard    http://127.0.0.1:8080/  (sign in with an admin API key");
      try (S3Client s3 =
          S3Client.builder()
              .endpointOverride(URI.create("http://127.0.0.1:9000"))
              .region(Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create("hivewire", "hivewire-local-secret")))
              .build()) {

        s3.createBucket(b -> b.bucket("first-run"));
        s3.putObject(
            p -> p.bucket("first-run").key("hello/world.txt"), RequestBody.fromString("hello"));

        assertThat(s3.listObjectsV2(l -> l.bucket("first-run")).contents())
            .extracting(S3Object::key)
            .containsExactly("hello/world.txt");
      }
      assertThat(work.toRealPath().resolve("hivewire-data/s3/first-run/hello/world.txt"))
          .hasContent("hello");
    }
  }
}
