package io.hivewire.routing.log.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that appends on several threads with SIGKILL at random points, and checks after
 * each restart that every acknowledged record is in the log exactly once, intact, at its offset.
 */
class WalCrashTest {

  private static final Pattern ACK = Pattern.compile("ack (\\d+) (\\S+) \\.");
  private static final Pattern ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

  @TempDir Path root;

  @Test
  void everyAcknowledgedRecordSurvivesSigkillExactlyOnce() throws Exception {
    Path directory = root.resolve("wal");
    Random random = new Random();
    Map<Long, String> acknowledged = new HashMap<>();
    for (int run = 0; run < 4; run++) {
      int killAfterAcks = 1 + random.nextInt(3000);
      acknowledged.putAll(runAndKill(directory, "r" + run, killAfterAcks));

      try (WalEventLog log =
          WalEventLog.open(WalSettings.defaults(directory).withSegmentBytes(64 * 1024))) {
        List<LogRecord> records = readAll(log);
        assertThat(records)
            .extracting(LogRecord::offset)
            .as("offsets are contiguous from the start")
            .containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, records.size()).boxed().toList());
        Map<String, Long> offsetById = new HashMap<>();
        for (LogRecord record : records) {
          String json = new String(record.payload(), StandardCharsets.UTF_8);
          Matcher id = ID.matcher(json);
          assertThat(id.find()).as("record %d holds an id: %s", record.offset(), json).isTrue();
          assertThat(json).isEqualTo(WalCrashChild.payload(id.group(1)));
          assertThat(offsetById.put(id.group(1), record.offset()))
              .as("id %s appears once", id.group(1))
              .isNull();
        }
        acknowledged.forEach(
            (offset, id) ->
                assertThat(offsetById.get(id)).as("acknowledged %s", id).isEqualTo(offset));
      }
    }
    assertThat(acknowledged).hasSizeGreaterThan(4);
  }

  private static List<LogRecord> readAll(WalEventLog log) {
    List<LogRecord> all = new ArrayList<>();
    var consumer = log.consumer("verify", EventLog.AssignmentListener.NONE);
    long next = log.startOffset();
    while (next < log.endOffset()) {
      List<LogRecord> batch = consumer.read(WalEventLog.PARTITION, next, 5000, Duration.ZERO);
      all.addAll(batch);
      next = batch.getLast().offset() + 1;
    }
    // A consumer left behind would let the next open reclaim the segments below its position.
    log.removeGroup("verify");
    return all;
  }

  private Map<Long, String> runAndKill(Path directory, String run, int killAfterAcks)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path stderr = root.resolve(run + ".err");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                WalCrashChild.class.getName(),
                directory.toString(),
                run)
            .redirectError(stderr.toFile())
            .start();
    Map<Long, String> acks = new HashMap<>();
    try (BufferedReader lines = child.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher ack = ACK.matcher(line);
        if (ack.matches()) {
          acks.put(Long.parseLong(ack.group(1)), ack.group(2));
          if (acks.size() == killAfterAcks) {
            // Killing closes our end of its output too: the acks read so far are the ones checked.
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acks)
        .as(
            "the child acknowledged records before it was killed; its stderr: %s",
            Files.readString(stderr))
        .isNotEmpty();
    return acks;
  }
}
