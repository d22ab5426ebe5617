package io.hivewire.bench;

import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.intake.JsonRecordParser;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory part of the benchmark, run in a JVM with a 256 MiB heap: 1,000 open hourly partitions.
 */
final class OpenPartitionsChild {

  private static final int HOURS = 1000;
  private static final int EVENTS_PER_HOUR = 20;

  private OpenPartitionsChild() {}

  static void run(URI endpoint, String accessKey, String secretKey) throws Exception {
    Path dir = Files.createTempDirectory("routing-bench-memory");
    try (ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(endpoint, "us-east-1", accessKey, secretKey));
        WalEventLog log = WalEventLog.open(WalSettings.defaults(dir.resolve("log")));
        RoutingDestination destination =
            RoutingBenchmark.destination(
                log,
                store,
                dir,
                "memory",
                RotationPolicy.defaults()
                    .withFlushInterval(Duration.ofMinutes(30))
                    .withMaxOpenPartitions(HOURS),
                RoutingSettings.DEFAULT_GZIP_LEVEL)) {
      destination.start();
      RoutingBenchmark.awaitRunning(destination);
      List<byte[]> lines =
          SampleEvents.generate(
              HOURS * EVENTS_PER_HOUR,
              Instant.parse("2026-01-01T00:00:00Z"),
              3_600_000 / EVENTS_PER_HOUR,
              3);
      // interleave the hours, as late and out-of-order traffic does, so that every partition stays
      // open
      JsonRecordParser parser = new JsonRecordParser(RecordType.EVENTS);
      List<LogEntry> batch = new ArrayList<>(1000);
      for (int round = 0; round < EVENTS_PER_HOUR; round++) {
        for (int hour = 0; hour < HOURS; hour++) {
          byte[] line = lines.get(hour * EVENTS_PER_HOUR + round);
          batch.add(
              ((JsonRecordParser.Result.Record) parser.parse(line, InstantSource.system()))
                  .entry());
          if (batch.size() == 1000) {
            log.append(batch);
            batch.clear();
          }
        }
      }
      while (destination.progress().recordsRead() < HOURS * EVENTS_PER_HOUR) {
        Thread.sleep(20);
      }
      int open = destination.openPartitions();
      System.gc();
      long afterGc = RoutingBenchmark.heapUsedBytes();
      destination.drain();
      if (!destination.awaitCommitted(log.endOffset(), Duration.ofMinutes(5))) {
        throw new IllegalStateException("routing did not finish: " + destination.status());
      }
      System.out.printf(
          "memory: %d open hourly partitions (%d events), heap after GC %.1f MiB, peak %.1f MiB of %d MiB max;"
              + " then %d files uploaded%n",
          open,
          HOURS * EVENTS_PER_HOUR,
          afterGc / 1048576.0,
          RoutingBenchmark.heapPeakBytes() / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576,
          destination.progress().filesUploaded());
    } finally {
      RoutingBenchmark.deleteTree(dir);
    }
  }
}
