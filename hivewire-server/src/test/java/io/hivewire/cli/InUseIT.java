package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir held by a running hivewire, or a port already taken: each command says so in one line
 * on stderr with what to do, and exits 1, never with a stack trace.
 */
class InUseIT {

  @TempDir static Path serverDir;
  @TempDir static Path serverLogs;
  private static ChildProcess server;

  @TempDir Path otherDir;

  @BeforeAll
  static void startServerOnFreePorts() throws IOException, InterruptedException {
    server =
        ChildProcess.start(
            serverDir,
            serverLogs,
            "server",
            "server",
            "--data-dir",
            serverDir.resolve("data").toString(),
            "--port",
            "0",
            "--db-port",
            "0");
    server.awaitOutput("Press Ctrl+C to stop.", Duration.ofMinutes(3));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static String inUseBy() {
    return "the data dir "
        + serverDir.resolve("data")
        + " is in use by a running hivewire (pid "
        + server.pid()
        + "): stop it (Ctrl+C where it runs, or kill "
        + server.pid()
        + ")";
  }

  @Test
  void routeIntoTheDataDirOfARunningServerSaysItIsInUse() throws IOException {
    Path input = Files.writeString(otherDir.resolve("in.jsonl"), "{\"name\":\"x\"}\n");

    Failure failure =
        run(
            "route",
            "--type",
            "events",
            "--bucket",
            "b",
            "--endpoint",
            "http://127.0.0.1:9",
            "--data-dir",
            serverDir.resolve("data").toString(),
            input.toString());

    failure.assertOneLine(inUseBy(), "another --data-dir");
  }

  @Test
  void apiKeyListWhileTheServerRunsSaysTheDataDirIsInUse() {
    Failure failure =
        run(
            "api-key",
            "list",
            "--data-dir",
            serverDir.resolve("data").toString(),
            "--db-port",
            "0");

    failure.assertOneLine(inUseBy(), "/api/v1/api-keys");
  }

  @Test
  void secondDemoOnTheSameDataDirSaysItIsInUse() {
    Failure failure =
        run(
            "demo",
            "--exit",
            "--data-dir",
            serverDir.resolve("data").toString(),
            "--port",
            "0",
            "--db-port",
            "0",
            "--local-s3-port",
            "0");

    failure.assertOneLine(inUseBy(), "its HTTP API");
  }

  @Test
  void takenHttpPortIsOneLineNamingTheFlagAndTheSetting() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();

      Failure failure =
          run(
              "demo",
              "--exit",
              "--data-dir",
              otherDir.toString(),
              "--port",
              "" + port,
              "--db-port",
              "0",
              "--local-s3-port",
              "0");

      failure.assertOneLine(
          "port " + port + " on 127.0.0.1 for the HTTP API is already in use",
          "--port or HIVEWIRE_HTTP_PORT (http.port");
    }
  }

  @Test
  void takenEmbeddedDatabasePortIsOneLineNamingTheFlagAndTheSetting() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();

      Failure failure =
          run(
              "demo",
              "--exit",
              "--data-dir",
              otherDir.toString(),
              "--port",
              "0",
              "--db-port",
              "" + port,
              "--local-s3-port",
              "0");

      failure.assertOneLine(
          "port " + port + " on localhost for the embedded PostgreSQL is already in use",
          "--db-port or HIVEWIRE_DB_EMBEDDED_PORT (db.embedded-port");
      assertThat(run("api-key", "list", "--data-dir", otherDir.toString(), "--db-port", "" + port))
          .satisfies(
              listed ->
                  listed.assertOneLine(
                      "port " + port + " on localhost for the embedded PostgreSQL", "--db-port"));
    }
  }

  @Test
  void takenLocalS3PortIsOneLineNamingTheFlagAndTheSetting() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();

      Failure failure =
          run(
              "demo",
              "--exit",
              "--data-dir",
              otherDir.toString(),
              "--port",
              "0",
              "--db-port",
              "0",
              "--local-s3-port",
              "" + port);

      failure.assertOneLine(
          "port " + port + " on 127.0.0.1 for the local S3 is already in use",
          "--local-s3-port or HIVEWIRE_LOCAL_S3_PORT (local-s3.port");
    }
  }

  private static Failure run(String... args) {
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Failure(exit, err.toString());
  }

  /** What a command that could not start left: its exit code and stderr. */
  private record Failure(int exit, String stderr) {

    void assertOneLine(String... parts) {
      assertThat(exit).as(stderr).isEqualTo(1);
      assertThat(stderr.strip().lines()).as(stderr).hasSize(1);
      assertThat(stderr).contains(parts).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
