package io.hivewire.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.app.StartupBanner;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * The streaming-routing part of {@code hivewire demo}, all through the HTTP API as a user would do
 * it: a routing destination on a bucket of the local S3, sample events in batches, an identify call
 * and a segment; then the keys written under each {@code type=}, read from the bucket.
 */
public final class DemoRouting {

  public static final String BUCKET = "demo-routing";
  static final String DESTINATION_NAME = "Demo routing";
  public static final int EVENTS = 3000;
  static final int BATCH = 1000;
  public static final int SYNC_ALIASES = 2;
  public static final int SEGMENTS = 1;
  static final UUID SEGMENT_ID = UUID.fromString("5e6d0000-0000-4000-8000-000000001001");
  private static final Duration SPREAD = Duration.ofHours(3);
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final String[] NAMES = {"Pageview", "PageviewEngagement", "SlotClicked"};
  private static final String[] COUNTRIES = {"GB", "US", "DE", "FR"};
  private static final String[] SECTIONS = {"news", "sport", "business", "culture"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;
  private final URI api;
  private final String adminKey;
  private final String ingestKey;
  private final LocalS3 s3;
  private final HttpClient http = HttpClient.newHttpClient();

  private DemoRouting(PrintWriter out, URI api, String adminKey, String ingestKey, LocalS3 s3) {
    this.out = out;
    this.api = api;
    this.adminKey = adminKey;
    this.ingestKey = ingestKey;
    this.s3 = s3;
  }

  /**
   * Creates the destination, sends the samples (timed over the {@link #SPREAD} before {@code now}'s
   * hour), waits for them in the bucket and prints the keys grouped by type with a hint of how to
   * read them; returns whether all arrived.
   */
  public static boolean run(
      PrintWriter out, URI api, String adminKey, String ingestKey, LocalS3 s3, InstantSource clock)
      throws InterruptedException {
    return new DemoRouting(out, api, adminKey, ingestKey, s3).run(clock);
  }

  private boolean run(InstantSource clock) throws InterruptedException {
    s3.createBucket(BUCKET);
    try (ObjectStore store =
        S3ObjectStores.create(
            S3ClientSettings.endpoint(
                s3.endpoint(), LocalS3.REGION, s3.accessKey(), s3.secretKey()))) {
      // A new destination starts at the beginning of the retained log, which still holds earlier
      // runs' samples: an earlier run's destination on this endpoint is kept, paused while its
      // bucket is emptied, so that it routes this run's samples only.
      Optional<String> kept = pauseOrRemoveEarlierDestinations();
      store.listRecursively(BUCKET, "").forEach(o -> store.delete(new S3Location(BUCKET, o.key())));
      JsonNode destination = kept.isPresent() ? resume(kept.get()) : createDestination();
      if (!"ACTIVE".equals(destination.path("status").asText())) {
        out.println(
            "Routing demo: the destination is "
                + destination.path("status").asText()
                + ": "
                + destination.path("lastError").asText(""));
        return false;
      }
      Instant start = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(SPREAD);
      List<String> events = events(start);
      for (int i = 0; i < events.size(); i += BATCH) {
        call(
            "POST",
            "/v2.0/events",
            ingestKey,
            "[" + String.join(",", events.subList(i, Math.min(events.size(), i + BATCH))) + "]");
      }
      call("POST", "/v2.0/identify", ingestKey, identify(new SplittableRandom()));
      call("PUT", "/api/v1/segments/" + SEGMENT_ID, adminKey, segment());
      Map<String, List<String>> keys = awaitRecords(store);
      if (keys.isEmpty()) {
        out.println(
            "Routing demo did not finish within "
                + TIMEOUT
                + ": "
                + call("GET", "/api/v1/routing/" + destination.get("id").asText(), adminKey, "")
                    .path("lastError")
                    .asText("no error reported"));
        return false;
      }
      printKeys(keys, destination.get("id").asText());
      return true;
    }
  }

  /**
   * Pauses earlier demo runs' destinations (which stops them at once, their bucket may be gone);
   * returns the id of one on this run's endpoint and bucket, to be resumed, and deletes the others.
   */
  private Optional<String> pauseOrRemoveEarlierDestinations() {
    Optional<String> kept = Optional.empty();
    for (JsonNode d : call("GET", "/api/v1/routing", adminKey, "")) {
      if (DESTINATION_NAME.equals(d.path("name").asText())) {
        String id = d.get("id").asText();
        String path = "/api/v1/routing/" + id;
        call("PATCH", path, adminKey, "{\"status\":\"PAUSED\"}");
        if (kept.isEmpty()
            && BUCKET.equals(d.path("bucket").asText())
            && d.path("prefix").asText("").isEmpty()
            && s3.endpoint().toString().equals(d.path("endpoint").asText())) {
          kept = Optional.of(id);
        } else {
          call("DELETE", path, adminKey, "");
        }
      }
    }
    return kept;
  }

  /**
   * Resumes a kept destination with this run's local S3 keys (a credential change resumes it where
   * it stopped) and waits for its check.
   */
  private JsonNode resume(String id) throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("accessKeyId", s3.accessKey());
    body.put("secretAccessKey", s3.secretKey());
    return awaitChecked(call("PATCH", "/api/v1/routing/" + id, adminKey, body.toString()));
  }

  private JsonNode createDestination() throws InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", DESTINATION_NAME);
    body.put("mode", "STREAMING");
    body.put("bucket", BUCKET);
    body.put("region", LocalS3.REGION);
    body.put("endpoint", s3.endpoint().toString());
    body.put("accessKeyId", s3.accessKey());
    body.put("secretAccessKey", s3.secretKey());
    body.put("flushInterval", "PT1S");
    return awaitChecked(call("POST", "/api/v1/routing", adminKey, body.toString()));
  }

  /** The destination once its permission probe has run (or the time ran out). */
  private JsonNode awaitChecked(JsonNode created) throws InterruptedException {
    String path = "/api/v1/routing/" + created.get("id").asText();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode now = created;
    while ("PROCESSING".equals(now.path("status").asText()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      now = call("GET", path, adminKey, "");
    }
    return now;
  }

  /**
   * Polls the bucket until every sample is in a file; returns the keys by {@code type=}, or nothing
   * when the time ran out.
   */
  private Map<String, List<String>> awaitRecords(ObjectStore store) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<String, Integer> expected =
        Map.of("type=events", EVENTS, "type=sync_aliases", SYNC_ALIASES, "type=segment", SEGMENTS);
    Map<String, Integer> lines = new TreeMap<>();
    Map<String, List<String>> keys = new TreeMap<>();
    while (System.nanoTime() < deadline) {
      for (ObjectInfo object : store.listRecursively(BUCKET, "")) {
        if (!object.key().endsWith(".jsonl.gz")) {
          // The local S3 lists an upload in progress under a temporary name; only whole files
          // count.
          continue;
        }
        String type = object.key().substring(0, object.key().indexOf('/'));
        List<String> typeKeys = keys.computeIfAbsent(type, t -> new ArrayList<>());
        if (!typeKeys.contains(object.key())) {
          typeKeys.add(object.key());
          lines.merge(type, lineCount(store, object.key()), Integer::sum);
        }
      }
      if (expected.entrySet().stream()
          .allMatch(e -> lines.getOrDefault(e.getKey(), 0) >= e.getValue())) {
        return keys;
      }
      Thread.sleep(250);
    }
    return Map.of();
  }

  private static int lineCount(ObjectStore store, String key) {
    try (InputStream in = new GZIPInputStream(store.open(new S3Location(BUCKET, key)))) {
      int count = 0;
      for (byte b : in.readAllBytes()) {
        if (b == '\n') {
          count++;
        }
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read s3://" + BUCKET + "/" + key, e);
    }
  }

  private JsonNode call(String method, String path, String key, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(api.resolve(path))
            .header("X-API-Key", key)
            .header("Content-Type", "application/json")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " was interrupted", e);
    }
  }

  private void printKeys(Map<String, List<String>> byType, String destinationId) {
    out.printf(
        Locale.ROOT,
        "Streaming routing, all through the HTTP API: a destination on s3://%s/ (POST"
            + " /api/v1/routing, id %s), %d events in batches of %d (POST /v2.0/events), an"
            + " identify call (POST /v2.0/identify, %d sync_aliases) and %d segment (PUT"
            + " /api/v1/segments). Each went through the event log into the bucket as gzip JSON"
            + " lines in hourly Hive partitions:%n",
        BUCKET,
        destinationId,
        EVENTS,
        BATCH,
        SYNC_ALIASES,
        SEGMENTS);
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
    out.println("Read them with DuckDB (the local S3: path-style, no TLS):");
    out.println(
        "  CREATE SECRET (TYPE s3, KEY_ID '"
            + s3.accessKey()
            + "', SECRET '"
            + StartupBanner.printableSecret(s3).orElse("<your local-s3.secret-key>")
            + "', ENDPOINT '"
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

  /** Events spread over the hours from {@code start}, as the collection API takes them. */
  static List<String> events(Instant start) {
    SplittableRandom random = new SplittableRandom(42);
    List<String> events = new ArrayList<>(EVENTS);
    long spacing = SPREAD.toMillis() / EVENTS;
    for (int i = 0; i < EVENTS; i++) {
      Instant time = start.plusMillis(i * spacing + random.nextLong(spacing));
      events.add(event(random, time));
    }
    return events;
  }

  private static String identify(SplittableRandom r) {
    return String.format(
        Locale.ROOT,
        "{\"aliases\":[{\"tag\":\"email_sha256\",\"id\":\"%016x%016x\",\"priority\":0},"
            + "{\"tag\":\"appnexus\",\"id\":\"%d\",\"priority\":1}]}",
        r.nextLong(),
        r.nextLong(),
        r.nextLong(1_000_000_000L));
  }

  private static String segment() {
    return "{\"id\":\""
        + SEGMENT_ID
        + "\",\"code\":1001,\"name\":\"sport readers\","
        + "\"description\":\"Users who read sport in the last 30 days\","
        + "\"tags\":[\"demo\"],\"state\":\"ACTIVE\"}";
  }

  private static String event(SplittableRandom r, Instant time) {
    int geo = r.nextInt(COUNTRIES.length);
    String section = SECTIONS[r.nextInt(SECTIONS.length)];
    return String.format(
        Locale.ROOT,
        "{\"user_id\":\"%s\",\"session_id\":\"%s\",\"name\":\"%s\","
            + "\"time\":\"%s\",\"segments\":[%d,%d,%d],\"cohorts\":[\"cohort_%d\"],"
            + "\"properties\":{\"client\":{\"type\":\"web\",\"domain\":\"www.example-news.com\","
            + "\"url\":\"https://www.example-news.com/%s/article-%d\"},"
            + "\"geo_info\":{\"country\":\"%s\"},\"article\":{\"section\":\"%s\"}}}",
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
}
