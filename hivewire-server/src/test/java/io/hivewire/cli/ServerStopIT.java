package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server asked to stop exits within seconds even when its embedded PostgreSQL is already gone and
 * the server still has leases to give up.
 */
class ServerStopIT {

  @TempDir Path dir;

  @Test
  void aStoppedServerExitsWithinSecondsThoughItsEmbeddedDatabaseIsGone() throws Exception {
    try (ChildProcess server =
        ChildProcess.start(
            dir,
            dir,
            "server",
            "server",
            "--data-dir",
            dir.resolve("data").toString(),
            "--port",
            "0",
            "--db-port",
            "0")) {
      server.awaitOutput("Press Ctrl+C to stop.", Duration.ofMinutes(3));

      // PostgreSQL can die on its own (out of memory, killed): here it is gone outright.
      ProcessHandle.of(server.pid())
          .orElseThrow()
          .descendants()
          .filter(p -> p.info().command().orElse("").contains("postgres"))
          .forEach(ProcessHandle::destroyForcibly);
      long started = System.nanoTime();
      server.stop();
      int exit = server.awaitExit(Duration.ofSeconds(60));

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as(server.output())
          .isLessThan(Duration.ofSeconds(15));
      assertThat(exit).as("the JVM's exit code after SIGTERM; " + server.output()).isEqualTo(143);
    }
  }
}
