package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hivewire demo --exit} in a child process with each {@code logging.format}: every line it
 * logs (its log file and stderr) is in that format, request lines carry their request id, work
 * lines the ids of what they work on, and no secret appears.
 */
class LoggingFormatIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An API key as hivewire issues them; the demo prints the ones a user needs. */
  private static final Pattern API_KEY = Pattern.compile("hw_[A-Za-z0-9_-]{16,}");

  /** The local S3's secret key, which the demo also uses for its routing destination. */
  private static final String S3_SECRET = "hivewire-local-secret";

  /** A text line of the log file: date, time, level, thread, logger, optional fields, message. */
  private static final Pattern TEXT_LINE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR)"
              + " \\[[^]]+] \\S+( \\[[^]]*])? - .*");

  /** A stack trace line of a text log, which follows the line of its event. */
  private static final Pattern STACK_LINE =
      Pattern.compile("(\\s+at |\\s+\\.\\.\\. \\d+ |Caused by: |\\s+Suppressed: |\\S+Exception).*");

  @TempDir Path work;
  @TempDir Path output;

  @Test
  void jsonFormatWritesEveryLineAsJsonWithRequestAndWorkIdsAndNoSecret() throws Exception {
    Demo demo = runDemo("json");

    List<JsonNode> events = new ArrayList<>();
    for (String line : demo.logged()) {
      events.add(parse(line));
    }
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(
            event ->
                assertThat(event.fieldNames())
                    .toIterable()
                    .contains(
                        "timestamp", "level", "threadName", "loggerName", "formattedMessage"));
    List<JsonNode> requests =
        events.stream()
            .filter(e -> e.path("loggerName").asText().equals("io.hivewire.http.RequestLog"))
            .toList();
    assertThat(requests).as("request lines of the demo's HTTP calls").isNotEmpty();
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.path("mdc").path("request_id").asText()).isNotBlank();
              assertThat(request.path("formattedMessage").asText())
                  .matches("(POST|PUT|PATCH|DELETE) /api/\\S+ \\d{3} \\d+ ms");
            });
    assertThat(requests)
        .anySatisfy(
            request ->
                assertThat(request.path("formattedMessage").asText())
                    .startsWith("POST /api/v1/routing "));
    assertThat(events)
        .as("an import run's lines name the import and the run")
        .anySatisfy(
            e -> {
              assertThat(e.path("mdc").path("import_id").asText()).isNotBlank();
              assertThat(e.path("mdc").path("run_id").asText()).isNotBlank();
            });
    assertThat(events)
        .as("a routing destination's lines name it")
        .anySatisfy(
            e -> assertThat(e.path("mdc").path("destination").asText()).startsWith("dest-"));
    demo.assertNoSecretLogged();
  }

  @Test
  void textFormatWritesReadableLinesWithTheirFieldsAndNoSecret() throws Exception {
    Demo demo = runDemo("text");

    List<String> file = Files.readAllLines(demo.logFile());
    assertThat(file).isNotEmpty();
    assertThat(file)
        .allSatisfy(
            line ->
                assertThat(TEXT_LINE.matcher(line).matches() || STACK_LINE.matcher(line).matches())
                    .as(line)
                    .isTrue());
    assertThat(file)
        .filteredOn(line -> line.contains(" io.hivewire.http.RequestLog "))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).containsPattern("RequestLog \\[request_id=\\S+] - "));
    assertThat(file).noneSatisfy(line -> assertThat(line).startsWith("{"));
    demo.assertNoSecretLogged();
  }

  private Demo runDemo(String format) throws IOException, InterruptedException {
    Path dataDir = work.resolve(format);
    try (ChildProcess child =
        ChildProcess.start(
            work,
            output,
            "demo-" + format,
            Map.of("HIVEWIRE_LOGGING_FORMAT", format),
            "demo",
            "--exit",
            "--data-dir",
            dataDir.toString(),
            "--port",
            "0",
            "--db-port",
            "0",
            "--local-s3-port",
            "0")) {
      assertThat(child.awaitExit(RUN_TIMEOUT)).as(child.output()).isZero();
      return new Demo(dataDir.resolve("logs").resolve("demo.log"), child.stdout(), child.stderr());
    }
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      return node;
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  /** What one demo run printed and logged. */
  private record Demo(Path logFile, String stdout, String stderr) {

    /** Every line logged: the log file's, then stderr's (warnings and errors only). */
    List<String> logged() throws IOException {
      List<String> lines = new ArrayList<>(Files.readAllLines(logFile));
      stderr.lines().forEach(lines::add);
      return lines.stream().filter(line -> !line.isBlank()).toList();
    }

    /** The API keys the demo printed on stdout (the admin key of the first start among them). */
    Set<String> printedKeys() {
      Set<String> keys = new LinkedHashSet<>();
      Matcher key = API_KEY.matcher(stdout);
      while (key.find()) {
        keys.add(key.group());
      }
      return keys;
    }

    void assertNoSecretLogged() throws IOException {
      Set<String> keys = printedKeys();
      assertThat(keys).as("keys printed by the demo").isNotEmpty();
      assertThat(stdout).contains(S3_SECRET);
      String logged = String.join("\n", logged());
      assertThat(logged).doesNotContain(S3_SECRET);
      assertThat(keys).allSatisfy(key -> assertThat(logged).doesNotContain(key));
      assertThat(logged).doesNotContainPattern(API_KEY);
    }
  }
}
