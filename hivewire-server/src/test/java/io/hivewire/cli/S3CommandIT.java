package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivewire s3} against S3Proxy with SigV4, run through the real command line: by default on
 * the local S3 of the configuration, or on any endpoint with explicit keys.
 */
class S3CommandIT {

  static LocalS3Fixture s3;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    s3 = LocalS3Fixture.start("existing");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  private static Outcome ok(String... args) {
    Outcome outcome = run(args);
    assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
    return outcome;
  }

  private String[] endpoint(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint";
    all[args.length + 1] = s3.localS3().endpoint().toString();
    all[args.length + 2] = "--access-key";
    all[args.length + 3] = s3.localS3().accessKey();
    all[args.length + 4] = "--secret-key";
    all[args.length + 5] = s3.localS3().secretKey();
    return all;
  }

  /** A configuration file like the server's, naming the local S3's port and keys. */
  private Path config(int port) throws IOException {
    return Files.writeString(
        dir.resolve("hivewire.yaml"),
        """
        local-s3:
          port: %d
          access-key: %s
          secret-key: %s
        """
            .formatted(port, s3.localS3().accessKey(), s3.localS3().secretKey()));
  }

  private static String read(String bucket, String key) throws IOException {
    try (InputStream in = s3.store().open(new S3Location(bucket, key))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void mbPutAndLsUploadADirectoryKeepingItsRelativePaths() throws IOException {
    Path tables = Files.createDirectories(dir.resolve("tables"));
    Files.writeString(tables.resolve("a.csv"), "id\n1\n");
    Files.createDirectories(tables.resolve("date=2025-01-01"));
    Files.writeString(tables.resolve("date=2025-01-01/b.csv"), "id\n2\n3\n");

    assertThat(ok(endpoint("s3", "mb", "s3://uploads")).out())
        .isEqualTo("created bucket s3://uploads\n");
    assertThat(ok(endpoint("s3", "mb", "s3://uploads")).out())
        .isEqualTo("bucket s3://uploads already exists\n");
    Outcome put = ok(endpoint("s3", "put", tables.toString(), "s3://uploads/schema/events"));
    Outcome ls = ok(endpoint("s3", "ls", "s3://uploads/schema/"));

    assertThat(put.out()).endsWith("uploaded 2 files, 12 bytes\n");
    assertThat(read("uploads", "schema/events/a.csv")).isEqualTo("id\n1\n");
    assertThat(read("uploads", "schema/events/date=2025-01-01/b.csv")).isEqualTo("id\n2\n3\n");
    assertThat(ls.out())
        .isEqualTo(
            "           5  schema/events/a.csv\n"
                + "           7  schema/events/date=2025-01-01/b.csv\n"
                + "2 objects, 12 bytes\n");
  }

  @Test
  void withoutEndpointTheLocalS3OfTheConfigurationIsUsed() throws IOException {
    Path file = Files.writeString(dir.resolve("part-0.csv"), "id\n7\n");
    Path config = config(s3.localS3().port());

    ok("s3", "put", file.toString(), "s3://existing/crm/segments/", "--config", config.toString());
    Outcome ls = ok("s3", "ls", "s3://existing/crm", "--config", config.toString());
    Outcome rm =
        ok("s3", "rm", "s3://existing/crm/segments/part-0.csv", "--config", config.toString());

    assertThat(ls.out()).contains("           5  crm/segments/part-0.csv");
    assertThat(rm.out()).isEqualTo("removed s3://existing/crm/segments/part-0.csv\n");
    assertThat(s3.store().head(new S3Location("existing", "crm/segments/part-0.csv")))
        .map(ObjectInfo::key)
        .isEmpty();
  }

  @Test
  void aMissingBucketSaysHowToCreateIt() throws IOException {
    Path file = Files.writeString(dir.resolve("x.csv"), "id\n");

    Outcome outcome = run(endpoint("s3", "put", file.toString(), "s3://no-such-bucket/x/"));

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err())
        .startsWith("hivewire s3 put: bucket no-such-bucket does not exist on the S3 endpoint")
        .contains("create it with ./hivewire s3 mb s3://no-such-bucket --endpoint");
  }

  @Test
  void aLocalS3ThatDoesNotRunSaysHowToStartIt() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Path config = config(closed);

    Outcome outcome = run("s3", "ls", "s3://existing/", "--config", config.toString());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err())
        .startsWith(
            "hivewire s3 ls: the local S3 at http://127.0.0.1:" + closed + " does not answer")
        .contains("./hivewire server --local-s3");
  }
}
