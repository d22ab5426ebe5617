package io.hivewire.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One hivewire server of a cluster, as a child process: its id, port, data dir and settings stay
 * the same across restarts, as a restarted machine's would.
 */
final class ClusterNode implements AutoCloseable {

  private final String id;
  private final Path outputDir;
  private final Map<String, String> environment;
  private ChildProcess process;
  private int starts;

  ClusterNode(String id, Path outputDir, Map<String, String> environment) {
    this.id = id;
    this.outputDir = outputDir;
    this.environment = Map.copyOf(environment);
  }

  String id() {
    return id;
  }

  URI baseUrl() {
    return URI.create("http://localhost:" + environment.get("HIVEWIRE_HTTP_PORT"));
  }

  /** Starts the server and waits until it serves. */
  ClusterNode start() throws IOException, InterruptedException {
    if (process != null) {
      throw new IllegalStateException(id + " runs already");
    }
    starts++;
    process = ChildProcess.start(outputDir, outputDir, id + "-" + starts, environment, "server");
    process.awaitOutput("Press Ctrl+C to stop.", Duration.ofMinutes(2));
    return this;
  }

  /** Kills the server with SIGKILL: nothing of it runs to clean up. */
  void kill() throws InterruptedException {
    running().kill();
    process = null;
  }

  /** Stops the server as Ctrl+C does and waits for it to exit. */
  void stop() {
    running().close();
    process = null;
  }

  /** Both output streams of the current (or last killed) run, for failure messages. */
  String output() {
    return process == null ? "(" + id + " is not running)" : process.output();
  }

  private ChildProcess running() {
    if (process == null) {
      throw new IllegalStateException(id + " is not running");
    }
    return process;
  }

  @Override
  public void close() {
    if (process != null) {
      stop();
    }
  }
}
