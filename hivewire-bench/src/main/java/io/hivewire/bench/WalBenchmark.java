package io.hivewire.bench;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Appends ~700-byte events to the write-ahead log from 1, 4 and 16 threads and prints appends/s,
 * MB/s and fsyncs/s beside the ceiling of the same disk: a plain FileChannel writing the same bytes
 * with one fsync per record, and with one fsync per MiB.
 *
 * <p>Usage: {@code WalBenchmark [directory] [seconds per run]} (defaults: the temp directory, 5).
 */
public final class WalBenchmark {

  private static final int RECORDS = 1024;

  private WalBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path parent = parentDir(args);
    Duration run = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
    List<byte[]> events = SampleEvents.generate(RECORDS, new Random(42));
    double averageBytes = events.stream().mapToInt(e -> e.length).average().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "write-ahead log benchmark: %d distinct events of %.0f bytes on average, %d s per run,"
            + " under %s%n%n",
        RECORDS,
        averageBytes,
        run.toSeconds(),
        parent);

    printCeiling(parent, events, run, "before");
    System.out.println("WalEventLog.append (returns after fsync)");
    for (int threads : new int[] {1, 4, 16}) {
      print(threads + " appender(s), 1 record/append", appendLog(parent, events, threads, 1, run));
    }
    print("4 appenders, 100 records/append", appendLog(parent, events, 4, 100, run));
    System.out.println();
    // A shared disk varies from second to second: measuring the ceiling on both sides shows how
    // much.
    printCeiling(parent, events, run, "after");
  }

  /** The directory the logs go under: the first argument, created when missing, or the temp dir. */
  static Path parentDir(String[] args) throws IOException {
    return Files.createDirectories(
        Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")));
  }

  private static void printCeiling(Path parent, List<byte[]> events, Duration run, String when)
      throws IOException {
    System.out.println("ceiling (" + when + "): plain FileChannel, same bytes, same disk");
    print("  one write + fsync per record", rawWrite(parent, events, 1, run));
    print("  one write + fsync per 1 MiB", rawWrite(parent, events, 1024 * 1024, run));
    System.out.println();
  }

  private static void print(String label, Result result) {
    double seconds = result.nanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-36s %8.0f appends/s %8.0f records/s %7.1f MB/s %6.0f fsyncs/s %6.1f records/fsync%n",
        label,
        result.appends() / seconds,
        result.records() / seconds,
        result.bytes() / seconds / 1e6,
        result.fsyncs() / seconds,
        (double) result.records() / result.fsyncs());
  }

  private static Result appendLog(
      Path parent, List<byte[]> events, int threads, int recordsPerAppend, Duration run)
      throws Exception {
    Path directory = Files.createTempDirectory(parent, "wal-bench-");
    LongAdder appends = new LongAdder();
    LongAdder bytes = new LongAdder();
    Instant time = Instant.now();
    WalSettings settings = WalSettings.defaults(directory).withMaxBytes(Long.MAX_VALUE);
    try (WalEventLog log = WalEventLog.open(settings)) {
      long syncsBefore = log.syncCount();
      long start = System.nanoTime();
      long deadline = start + run.toNanos();
      List<Thread> appenders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        appenders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      int next = thread * 97;
                      while (System.nanoTime() < deadline) {
                        List<LogEntry> entries = new ArrayList<>(recordsPerAppend);
                        long size = 0;
                        for (int i = 0; i < recordsPerAppend; i++) {
                          byte[] payload = events.get(next++ % events.size());
                          entries.add(new LogEntry(RecordType.EVENTS, time, payload));
                          size += payload.length;
                        }
                        log.append(entries);
                        appends.increment();
                        bytes.add(size);
                      }
                    }));
      }
      for (Thread appender : appenders) {
        appender.join();
      }
      long nanos = System.nanoTime() - start;
      return new Result(
          appends.sum(),
          appends.sum() * recordsPerAppend,
          bytes.sum(),
          log.syncCount() - syncsBefore,
          nanos);
    } finally {
      deleteRecursively(directory);
    }
  }

  /**
   * Writes the events with a plain FileChannel, gathering at least {@code bytesPerFsync} bytes into
   * one write followed by one fsync: the most the disk gives for that fsync size.
   */
  private static Result rawWrite(Path parent, List<byte[]> events, int bytesPerFsync, Duration run)
      throws IOException {
    Path directory = Files.createTempDirectory(parent, "raw-bench-");
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytesPerFsync + 64 * 1024);
    try (FileChannel channel =
        FileChannel.open(
            directory.resolve("raw.log"),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      long records = 0;
      long bytes = 0;
      long fsyncs = 0;
      long start = System.nanoTime();
      long deadline = start + run.toNanos();
      int next = 0;
      while (System.nanoTime() < deadline) {
        byte[] event = events.get(next++ % events.size());
        buffer.put(event);
        records++;
        bytes += event.length;
        if (buffer.position() >= bytesPerFsync) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          buffer.clear();
          channel.force(false);
          fsyncs++;
        }
      }
      long nanos = System.nanoTime() - start;
      return new Result(fsyncs, records, bytes, fsyncs, nanos);
    } finally {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** What one run did, in how long. */
  private record Result(long appends, long records, long bytes, long fsyncs, long nanos) {}

  /** Realistic behavioural events: ids, name, time, segments, cohorts, nested properties. */
  static final class SampleEvents {
    private SampleEvents() {}

    static List<byte[]> generate(int count, Random random) {
      List<byte[]> events = new ArrayList<>(count);
      String[] names = {"Pageview", "SlotViewable", "FormSubmission", "LinkClick", "VideoPlay"};
      for (int i = 0; i < count; i++) {
        StringBuilder segments = new StringBuilder();
        for (int s = 0, n = 5 + random.nextInt(10); s < n; s++) {
          segments.append(s == 0 ? "" : ",").append(1000 + random.nextInt(90000));
        }
        String json =
            String.format(
                Locale.ROOT,
                "{\"event_id\":\"%s\",\"user_id\":\"%s\",\"session_id\":\"%s\","
                    + "\"name\":\"%s\",\"time\":\"2026-01-15T14:%02d:%02d.%06dZ\","
                    + "\"segments\":[%s],\"cohorts\":[\"c%d\",\"c%d\"],"
                    + "\"properties\":{\"client\":{\"domain\":\"news.example.com\","
                    + "\"url\":\"https://news.example.com/world/article-%d?utm_source=feed\","
                    + "\"type\":\"web\","
                    + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/%d.0\"},"
                    + "\"geo_info\":{\"continent\":\"Europe\",\"country\":\"United Kingdom\","
                    + "\"city\":\"London\",\"postal_code\":\"N%d\"},"
                    + "\"article\":{\"title\":\"Story number %d\",\"authors\":[\"A. Writer\"],"
                    + "\"tags\":[\"world\",\"politics\"],\"word_count\":%d}}}",
                uuid(random),
                uuid(random),
                uuid(random),
                names[random.nextInt(names.length)],
                random.nextInt(60),
                random.nextInt(60),
                random.nextInt(1_000_000),
                segments,
                random.nextInt(50),
                random.nextInt(50),
                random.nextInt(100_000),
                100 + random.nextInt(30),
                1 + random.nextInt(20),
                random.nextInt(100_000),
                200 + random.nextInt(2000));
        events.add(json.getBytes(StandardCharsets.UTF_8));
      }
      return events;
    }

    private static String uuid(Random random) {
      return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
  }
}
