package io.hivewire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One hivewire server of a cluster, as a child process: its id, port, data dir and settings stay
 * the same across restarts, as a restarted machine's would.
 */
final class ClusterNode implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** The same node (not started) with one more setting, as {@code HIVEWIRE_*} variable. */
  ClusterNode with(String variable, String value) {
    Map<String, String> changed = new HashMap<>(environment);
    changed.put(variable, value);
    return new ClusterNode(id, outputDir, changed);
  }

  String id() {
    return id;
  }

  URI baseUrl() {
    return URI.create("http://localhost:" + environment.get("HIVEWIRE_HTTP_PORT"));
  }

  /** {@code GET path} with the admin key; fails unless the answer is 200. */
  JsonNode get(String path) throws IOException, InterruptedException {
    return exchange(HttpRequest.newBuilder(baseUrl().resolve(path)).GET(), 200);
  }

  /**
   * {@code POST path} of {@code json} with the admin key; fails unless the answer is {@code
   * status}.
   */
  JsonNode post(String path, String json, int status) throws IOException, InterruptedException {
    return exchange(
        HttpRequest.newBuilder(baseUrl().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        status);
  }

  private JsonNode exchange(HttpRequest.Builder request, int status)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              request
                  .header("X-API-Key", KafkaClusterFixture.API_KEY)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != status) {
        throw new AssertionError(
            id
                + " answered "
                + response.statusCode()
                + " instead of "
                + status
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    }
  }

  /** Starts the server and waits until it serves. */
  ClusterNode start() throws IOException, InterruptedException {
    launch();
    awaitServing();
    return this;
  }

  /** Starts {@code nodes} side by side (a node's start mostly waits) and waits until all serve. */
  static void startAll(ClusterNode... nodes) throws IOException, InterruptedException {
    for (ClusterNode node : nodes) {
      node.launch();
    }
    for (ClusterNode node : nodes) {
      node.awaitServing();
    }
  }

  private void launch() throws IOException {
    if (process != null) {
      throw new IllegalStateException(id + " runs already");
    }
    starts++;
    process = ChildProcess.start(outputDir, outputDir, id + "-" + starts, environment, "server");
  }

  private void awaitServing() throws InterruptedException {
    running().awaitOutput("Press Ctrl+C to stop.", Duration.ofMinutes(2));
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
