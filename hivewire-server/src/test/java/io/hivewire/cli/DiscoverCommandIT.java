package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.S3ObjectStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hivewire discover} against S3Proxy: the JSON document and the readable table. */
class DiscoverCommandIT {

  static LocalS3Fixture s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start("data");
    put("schema/visits/day=2025-01-01/a.csv", "id,page\n1,/home\n");
    put("schema/visits/day=2025-01-02/b.csv", "id,page\n2,/docs\n");
    put("schema/flat/only.csv", "id\n1\n");
    put("schema/visits/_SUCCESS", "");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private static void put(String key, String text) {
    s3.putObject("data", key, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs the command with the fixture's keys standing in for the default credentials chain. */
  private static String run(String... args) {
    Outcome outcome = execute(args);
    assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
    return outcome.out();
  }

  private static Outcome execute(String... args) {
    DiscoverCommand command =
        new DiscoverCommand(
            settings ->
                S3ObjectStores.create(settings.withCredentials(s3.settings().credentials())));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private record Outcome(int exitCode, String out, String err) {}

  @Test
  void missingPrefixFailsWithTheServersPrefixNotFoundAndTheDirectoriesBesideIt() {
    Outcome outcome =
        execute(
            "--endpoint", s3.localS3().endpoint().toString(),
            "--bucket", "data",
            "--prefix", "schma/",
            "--format", "csv",
            "--partitioning", "all");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out()).doesNotContain("0 tables");
    assertThat(outcome.err())
        .startsWith("hivewire discover: prefix_not_found: nothing exists under s3://data/schma/")
        .contains("directories beside it: schema/");
  }

  @Test
  void jsonPrintsTheDiscoveryDocument() throws Exception {
    String printed =
        run(
            "--endpoint",
            s3.localS3().endpoint().toString(),
            "--bucket",
            "data",
            "--prefix",
            "schema",
            "--format",
            "csv",
            "--partitioning",
            "all",
            "--json");

    JsonNode json = new ObjectMapper().readTree(printed);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("tables", "skipped", "ignoredFiles", "warnings");
    JsonNode visits = json.path("tables").get(0);
    assertThat(visits.fieldNames())
        .toIterable()
        .containsExactly("name", "columns", "partitionKeys", "partitions", "files", "bytes");
    assertThat(visits.path("columns").get(0).fieldNames())
        .toIterable()
        .containsExactly("name", "type", "nullable", "origin");
    assertThat(visits.path("columns").get(2).path("name").asText()).isEqualTo("day");
    assertThat(visits.path("columns").get(2).path("origin").asText()).isEqualTo("partition");
    assertThat(visits.path("partitions").asLong()).isEqualTo(2);
    JsonNode skipped = json.path("skipped").get(0);
    assertThat(skipped.path("name").asText()).isEqualTo("flat");
    assertThat(skipped.path("reason").asText()).isEqualTo("not_partitioned");
    assertThat(skipped.path("detail").asText()).isNotBlank();
    assertThat(json.path("ignoredFiles").get(0).path("key").asText())
        .isEqualTo("schema/visits/_SUCCESS");
  }

  @Test
  void withoutJsonPrintsAReadableTable() {
    String printed =
        run(
            "--endpoint", s3.localS3().endpoint().toString(),
            "--bucket", "data",
            "--prefix", "schema/",
            "--format", "csv",
            "--partitioning", "none");

    assertThat(printed)
        .startsWith("s3://data/schema/: 2 tables, 0 skipped")
        .contains("visits  (2 files")
        .contains("flat  (1 file");
  }
}
