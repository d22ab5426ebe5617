package io.hivewire.routing;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A write-ahead log and a destination routing it to a bucket, as the server wires them. */
final class RoutingFixture implements AutoCloseable {

  static final String BUCKET = "routing";
  static final String PREFIX = "permutive/";

  final Path dir;
  final String bucket;
  final ObjectStore store;
  final ManualClock clock;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  WalEventLog log;
  RoutingDestination destination;

  RoutingFixture(Path dir, ObjectStore store, ManualClock clock) {
    this(dir, store, clock, BUCKET);
  }

  RoutingFixture(Path dir, ObjectStore store, ManualClock clock, String bucket) {
    this.dir = dir;
    this.bucket = bucket;
    this.store = store;
    this.clock = clock;
    this.log = openLog();
  }

  private WalEventLog openLog() {
    return WalEventLog.open(WalSettings.defaults(dir.resolve("log")));
  }

  RoutingSettings settings() {
    return RoutingSettings.of(
        "test", new S3Location(bucket, PREFIX), new WorkerId("worker1"), dir.resolve("state"));
  }

  /** Starts a destination, first reopening the log when {@link #stop} closed it (a restart). */
  RoutingDestination start(RoutingSettings settings) {
    if (log == null) {
      log = openLog();
    }
    destination =
        new RoutingDestination(settings, log, store, clock, registry, duration -> Thread.sleep(1));
    destination.start();
    return destination;
  }

  /** Appends events with these ids at these times; returns the offset after the last. */
  long append(RecordType type, String... idsAndTimes) {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < idsAndTimes.length; i += 2) {
      String json =
          "{\"event_id\":\"" + idsAndTimes[i] + "\",\"time\":\"" + idsAndTimes[i + 1] + "\"}";
      entries.add(
          new LogEntry(
              type, Instant.parse(idsAndTimes[i + 1]), json.getBytes(StandardCharsets.UTF_8)));
    }
    log.append(entries);
    return log.endOffset();
  }

  List<ObjectInfo> objects() {
    return store.listRecursively(bucket, PREFIX);
  }

  List<String> keys() {
    return objects().stream().map(ObjectInfo::key).sorted().toList();
  }

  List<String> lines(String key) {
    try (InputStream in = new GZIPInputStream(store.open(new S3Location(bucket, key)))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Closes the destination and then the log, as a shutdown (not a crash) would; {@link #start}
   * reopens the log from its files, so a restart resumes from what the log made durable.
   */
  void stop() {
    if (destination != null) {
      destination.close();
      destination = null;
    }
    if (log != null) {
      log.close();
      log = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
