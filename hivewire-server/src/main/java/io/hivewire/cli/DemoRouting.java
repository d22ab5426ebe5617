package io.hivewire.cli;

import io.hivewire.locals3.LocalS3;
import io.hivewire.routing.DestinationStatus;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.Sleeper;
import io.hivewire.routing.Uploader;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The streaming-routing part of {@code hivewire demo}: sample events, identity syncs and segments
 * appended to a write-ahead log under the data dir and routed by the same engine as {@code hivewire
 * route} into a bucket of the local S3, so a user sees the object layout a destination gets.
 */
final class DemoRouting {

  static final String BUCKET = "demo-routing";
  static final int EVENTS = 3000;
  static final int SYNC_ALIASES = 40;
  static final int SEGMENTS = 5;
  private static final Duration SPREAD = Duration.ofHours(3);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(1);
  private static final String[] NAMES = {"Pageview", "PageviewEngagement", "SlotClicked"};
  private static final String[] COUNTRIES = {"GB", "US", "DE", "FR"};
  private static final String[] SECTIONS = {"news", "sport", "business", "culture"};

  private DemoRouting() {}

  /**
   * Routes the samples, timed over the {@link #SPREAD} before {@code now}'s hour, and prints the
   * keys written grouped by type with a hint of how to read them; returns whether all were
   * uploaded.
   */
  static boolean run(PrintWriter out, LocalS3 s3, Path dataDir, InstantSource clock)
      throws InterruptedException {
    s3.createBucket(BUCKET);
    Path dir = dataDir.resolve("demo-routing");
    RoutingSettings settings =
        RoutingSettings.of("demo", new S3Location(BUCKET, ""), new WorkerId("demo"), dir)
            .withRotation(RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(1)));
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    List<LogEntry> samples = samples(clock.instant().truncatedTo(ChronoUnit.HOURS).minus(SPREAD));
    try (EventLog log = WalEventLog.open(WalSettings.defaults(dir.resolve("log")));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(
                    s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()));
        RoutingDestination destination =
            new RoutingDestination(
                settings, log, store, clock, new SimpleMeterRegistry(), Sleeper.system())) {
      destination.onUpload(
          file -> {
            if (file.outcome() == Uploader.Outcome.UPLOADED) {
              keys.add(file.key());
            }
          });
      destination.start();
      log.append(samples);
      destination.drain();
      boolean uploaded = destination.awaitCommitted(log.endOffset(), UPLOAD_TIMEOUT);
      if (!uploaded) {
        out.println(
            "Routing demo did not finish: "
                + destination
                    .status()
                    .error()
                    .orElse("still " + destination.status().state() + " after " + UPLOAD_TIMEOUT));
        return false;
      }
      printKeys(out, s3, keys);
      return destination.status().state() != DestinationStatus.State.STOPPED;
    }
  }

  private static void printKeys(PrintWriter out, LocalS3 s3, List<String> keys) {
    Map<String, List<String>> byType = new TreeMap<>();
    synchronized (keys) {
      for (String key : keys) {
        String type = key.substring(0, key.indexOf('/'));
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(key);
      }
    }
    out.printf(
        Locale.ROOT,
        "Streaming routing: %d events, %d sync_aliases and %d segments went through the event log"
            + " (a write-ahead log under the data dir) into s3://%s/ as gzip JSON lines in hourly"
            + " Hive partitions:%n",
        EVENTS,
        SYNC_ALIASES,
        SEGMENTS,
        BUCKET);
    byType.forEach(
        (type, typeKeys) -> {
          Collections.sort(typeKeys);
          out.println(
              "  "
                  + type
                  + "  ("
                  + typeKeys.size()
                  + (typeKeys.size() == 1 ? " file)" : " files)"));
          typeKeys.forEach(key -> out.println("    s3://" + BUCKET + "/" + key));
        });
    out.println("Read them with DuckDB (the local S3 keys are in the config; path-style, no TLS):");
    out.println(
        "  CREATE SECRET (TYPE s3, KEY_ID '<access key>', SECRET '<secret key>', ENDPOINT '"
            + s3.endpoint().getAuthority()
            + "', URL_STYLE 'path', USE_SSL false, REGION '"
            + LocalS3.REGION
            + "');");
    out.println(
        "  SELECT type, year, month, day, hour, count(*) FROM read_json('s3://"
            + BUCKET
            + "/type=events/*/*/*/*/*.jsonl.gz', hive_partitioning = true) GROUP BY ALL ORDER BY"
            + " ALL;");
    out.println(
        "  Athena/Trino: a table on s3://"
            + BUCKET
            + "/type=events/ with PARTITIONED BY (year string, month string, day string, hour"
            + " string), ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe', then MSCK REPAIR"
            + " TABLE.");
    out.println();
  }

  /** Events spread over the hours from {@code start}, with some identity syncs and segments. */
  static List<LogEntry> samples(Instant start) {
    SplittableRandom random = new SplittableRandom(42);
    List<LogEntry> entries = new ArrayList<>(EVENTS + SYNC_ALIASES + SEGMENTS);
    long spacing = SPREAD.toMillis() / EVENTS;
    for (int i = 0; i < EVENTS; i++) {
      Instant time = start.plusMillis(i * spacing + random.nextLong(spacing));
      entries.add(entry(RecordType.EVENTS, time, event(random, time)));
    }
    long aliasSpacing = SPREAD.toMillis() / SYNC_ALIASES;
    for (int i = 0; i < SYNC_ALIASES; i++) {
      Instant time = start.plusMillis(i * aliasSpacing);
      entries.add(
          entry(
              RecordType.SYNC_ALIASES,
              time,
              String.format(
                  Locale.ROOT,
                  "{\"time\":\"%s\",\"user_id\":\"%s\",\"aliases\":[{\"tag\":\"email_sha256\","
                      + "\"id\":\"%016x%016x\"},{\"tag\":\"appnexus\",\"id\":\"%d\"}]}",
                  time,
                  user(random),
                  random.nextLong(),
                  random.nextLong(),
                  random.nextLong(1_000_000_000L))));
    }
    for (int i = 0; i < SEGMENTS; i++) {
      Instant time = start.plus(SPREAD);
      entries.add(
          entry(
              RecordType.SEGMENT,
              time,
              String.format(
                  Locale.ROOT,
                  "{\"time\":\"%s\",\"segment_id\":%d,\"name\":\"%s readers\","
                      + "\"description\":\"Users who read %s in the last 30 days\"}",
                  time,
                  1000 + i,
                  SECTIONS[i % SECTIONS.length],
                  SECTIONS[i % SECTIONS.length])));
    }
    return entries;
  }

  private static String event(SplittableRandom r, Instant time) {
    int geo = r.nextInt(COUNTRIES.length);
    String section = SECTIONS[r.nextInt(SECTIONS.length)];
    return String.format(
        Locale.ROOT,
        "{\"event_id\":\"%s\",\"user_id\":\"%s\",\"session_id\":\"%s\",\"name\":\"%s\","
            + "\"time\":\"%s\",\"segments\":[%d,%d,%d],\"cohorts\":[\"cohort_%d\"],"
            + "\"properties\":{\"client\":{\"type\":\"web\",\"domain\":\"www.example-news.com\","
            + "\"url\":\"https://www.example-news.com/%s/article-%d\"},"
            + "\"geo_info\":{\"country\":\"%s\"},\"article\":{\"section\":\"%s\"}}}",
        new UUID(r.nextLong(), r.nextLong()),
        user(r),
        new UUID(r.nextLong(), r.nextLong()),
        NAMES[r.nextInt(NAMES.length)],
        time,
        1000 + r.nextInt(9000),
        1000 + r.nextInt(9000),
        1000 + r.nextInt(9000),
        r.nextInt(300),
        section,
        r.nextInt(50_000),
        COUNTRIES[geo],
        section);
  }

  private static UUID user(SplittableRandom r) {
    return new UUID(r.nextLong(2_000), 7);
  }

  private static LogEntry entry(RecordType type, Instant time, String json) {
    return new LogEntry(type, time, json.getBytes(StandardCharsets.UTF_8));
  }
}
