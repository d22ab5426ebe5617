package io.hivewire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.LocalS3Fixture;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hivewire route} as its own JVM against a local S3, as a user would. */
class RouteCommandIT {

  private static final String BUCKET = "routes";
  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
  private static final Pattern ACKNOWLEDGED = Pattern.compile("acknowledged (\\d+)");

  private static LocalS3Fixture s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3Fixture.start(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void routesEveryValidLineOnceAndReportsInvalidLinesByNumber() throws Exception {
    Path input = dir.resolve("events.jsonl");
    List<String> lines = new ArrayList<>(events("run", 3000));
    lines.add(1000, "{\"event_id\": broken");
    lines.add(2000, "[\"not an object\"]");
    Files.write(input, lines, UTF_8);

    Process route = route("valid/", dir.resolve("data"), input.toString(), "--gzip-threads", "1");
    assertThat(route.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isZero();
    assertThat(stderr)
        .contains("line 1001: invalid JSON")
        .contains("line 2001: not a JSON object")
        .contains("done: 3002 lines read, 2 invalid, 3000 acknowledged, 3000 records uploaded");
    List<String> printedKeys = Files.readAllLines(dir.resolve("stdout.txt"));
    assertThat(printedKeys)
        .isNotEmpty()
        .allMatch(k -> k.startsWith("s3://" + BUCKET + "/valid/type=events/"));
    Map<String, Integer> ids = eventIdsInBucket("valid/");
    assertThat(ids).hasSize(3000).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }

  @Test
  void killedAtRandomPointsItLosesNoAcknowledgedLineAndDoublesNone() throws Exception {
    Path data = dir.resolve("data");
    SplittableRandom random = new SplittableRandom();
    List<String> sent = new ArrayList<>();
    List<String> acknowledged = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      List<String> lines = events("r" + round, 8_000);
      Path input = dir.resolve("round" + round + ".jsonl");
      Files.write(input, lines, UTF_8);
      sent.addAll(lines);
      Process route = route("crash/", data, input.toString());
      awaitFirstAcknowledgement(route);
      boolean finished = route.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
      if (!finished) {
        route.destroyForcibly().waitFor();
      }
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      int acked = finished && route.exitValue() == 0 ? lines.size() : lastAcknowledged(stderr);
      acknowledged.addAll(lines.subList(0, acked));
      System.out.printf(
          "round %d: %s, %d of %d lines acknowledged%n",
          round, finished ? "finished" : "killed", acked, lines.size());
    }

    Process finish = route("crash/", data, "/dev/null");
    assertThat(finish.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(finish.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    Map<String, Integer> inBucket = eventIdsInBucket("crash/");
    assertThat(inBucket).allSatisfy((id, n) -> assertThat(n).as("copies of " + id).isEqualTo(1));
    assertThat(ids(sent)).containsAll(inBucket.keySet());
    assertThat(inBucket.keySet()).containsAll(ids(acknowledged));
  }

  @Test
  void aFullEventLogMakesReadingWaitAndEveryLineIsStillUploadedOnce() throws Exception {
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events("full", 30_000), UTF_8);

    Process route =
        route("full/", dir.resolve("data"), input.toString(), "--log-max-bytes", "1048576");
    assertThat(route.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isZero();
    assertThat(stderr)
        .contains("event log full, waiting for routing to catch up")
        .contains("--log-max-bytes gives it more room")
        .doesNotContain("routing.log.maxBytes")
        .contains("done: 30000 lines read, 0 invalid, 30000 acknowledged, 30000 records uploaded");
    Map<String, Integer> ids = eventIdsInBucket("full/");
    assertThat(ids).hasSize(30_000).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }

  @Test
  void aLineLargerThanTheWholeLogQuotaIsRefusedAtOnceNamingItsLineSizeAndQuota() throws Exception {
    Path input = dir.resolve("events.jsonl");
    List<String> lines = new ArrayList<>(events("huge", 20));
    String huge = "{\"event_id\":\"huge\",\"name\":\"" + "x".repeat(70_000) + "\"}";
    lines.add(10, huge);
    Files.write(input, lines, UTF_8);

    Process route =
        route("huge/", dir.resolve("data"), input.toString(), "--log-max-bytes", "65536");
    boolean ended = route.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      route.destroyForcibly().waitFor();
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(ended).as(stderr).isTrue();
    assertThat(route.exitValue()).as(stderr).isNotZero();
    assertThat(stderr)
        .contains("line 11 is " + (huge.length()) + " bytes")
        .contains("quota of 65536 bytes")
        .contains("raise --log-max-bytes")
        .contains("split the record")
        .contains("lines 1 to 10 are kept in the log")
        .contains("give the input from line 11 on")
        .contains("acknowledged 10,");
    assertThat(eventIdsInBucket("huge/")).hasSize(10);
  }

  @Test
  void aNormalRunPrintsNoInfoLogLinesOnStderr() throws Exception {
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events("quiet", 100), UTF_8);

    Process route = route("quiet/", dir.resolve("data"), input.toString());
    assertThat(route.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isZero();
    assertThat(stderr).contains("done: 100 lines read").doesNotContain(" INFO ");
    assertThat(dir.resolve("data").resolve("logs").resolve("route.log")).exists();
  }

  @Test
  void aLogQuotaSmallerThanABatchOfLinesStillRoutesEveryLine() throws Exception {
    // 1,000 of these lines hold about 110 KiB: as one append they would never fit in 64 KiB.
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events("small", 3000), UTF_8);

    Process route =
        route("small/", dir.resolve("data"), input.toString(), "--log-max-bytes", "65536");
    assertThat(route.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isZero();
    assertThat(stderr)
        .contains("done: 3000 lines read, 0 invalid, 3000 acknowledged, 3000 records uploaded");
    assertThat(eventIdsInBucket("small/")).hasSize(3000);
  }

  @Test
  void filesAreWrittenWithSseS3OrSseKmsWhenAsked() throws Exception {
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events("sse", 500), UTF_8);

    Process s3Managed =
        route("sse-s3/", dir.resolve("s3"), input.toString(), "--encryption", "AES256");
    assertThat(s3Managed.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(s3Managed.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    Process kms =
        route(
            "sse-kms/",
            dir.resolve("kms"),
            input.toString(),
            "--encryption",
            "KMS",
            "--kms-key-id",
            "alias/hivewire-test");
    assertThat(kms.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kms.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    assertThat(eventIdsInBucket("sse-s3/")).hasSize(500);
    assertThat(eventIdsInBucket("sse-kms/")).hasSize(500);
  }

  @Test
  void theEncryptionHeaderReachesTheEndpoint() throws Exception {
    // S3Proxy's filesystem store refuses any server-side-encryption header (501): only a request
    // that carries the header fails there, and the destination check must say so before reading.
    Path input = dir.resolve("events.jsonl");
    Files.write(input, events("refused", 100), UTF_8);
    try (LocalS3Fixture onDisk = LocalS3Fixture.startOnDisk(dir.resolve("disk-s3"), BUCKET)) {
      Process route =
          route(
              onDisk, "refused/", dir.resolve("data"), input.toString(), "--encryption", "AES256");
      assertThat(route.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String stderr = Files.readString(dir.resolve("stderr.txt"));

      assertThat(route.exitValue()).as(stderr).isEqualTo(1);
      assertThat(stderr)
          .contains("the destination s3://" + BUCKET + "/refused/ cannot be used")
          .contains("Nothing was read");
    }
  }

  @Test
  void aMissingBucketFailsBeforeAnyLineIsRead() throws Exception {
    // stdin stays open and empty: a command that read its input first would wait for ever.
    Process route = route(s3, "no-such-bucket", s3.localS3().secretKey(), "x/", dir.resolve("d"));
    boolean exited = route.waitFor(60, TimeUnit.SECONDS);
    route.getOutputStream().close();
    assertThat(exited).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isEqualTo(1);
    assertThat(stderr)
        .contains("the destination s3://no-such-bucket/x/ cannot be used")
        .contains("bucket no-such-bucket does not exist: check its name and region")
        .contains("Nothing was read")
        .doesNotContain("lines read");
    assertThat(lastAcknowledged(stderr)).isZero();
  }

  @Test
  void wrongCredentialsFailBeforeAnyLineIsRead() throws Exception {
    Process route = route(s3, BUCKET, "wrong-secret", "badkey/", dir.resolve("d"));
    boolean exited = route.waitFor(60, TimeUnit.SECONDS);
    route.getOutputStream().close();
    assertThat(exited).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isEqualTo(1);
    assertThat(stderr)
        .contains("the access key id or secret access key is wrong")
        .contains("AWS_SECRET_ACCESS_KEY")
        .contains("Nothing was read")
        .doesNotContain("lines read");
    assertThat(lastAcknowledged(stderr)).isZero();
    assertThat(eventIdsInBucket("badkey/")).isEmpty();
  }

  @Test
  void noCredentialsFailBeforeAnyLineIsReadNamingTheVariablesToSet() throws Exception {
    Process route = route(s3, BUCKET, null, "nokey/", dir.resolve("d"));
    boolean exited = route.waitFor(60, TimeUnit.SECONDS);
    route.getOutputStream().close();
    assertThat(exited).isTrue();
    String stderr = Files.readString(dir.resolve("stderr.txt"));

    assertThat(route.exitValue()).as(stderr).isEqualTo(1);
    assertThat(stderr)
        .contains("cannot be used: no credentials were found")
        .contains("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with --endpoint")
        .contains("). Nothing was read.")
        .doesNotContain("..")
        .doesNotContain("lines read");
  }

  @Test
  void aBucketDeletedMidRunEndsTheCommandWithTheDestinationsError() throws Exception {
    Path disk = dir.resolve("disk-s3");
    try (LocalS3Fixture onDisk = LocalS3Fixture.startOnDisk(disk, "vanishing")) {
      Process route =
          route(
              onDisk,
              "vanishing",
              onDisk.localS3().secretKey(),
              "gone/",
              dir.resolve("data"),
              "-",
              "--log-max-bytes",
              "65536");
      OutputStream stdin = route.getOutputStream();
      stdin.write(String.join("\n", events("before", 10)).concat("\n").getBytes(UTF_8));
      stdin.flush();
      awaitFirstAcknowledgement(route);
      assertThat(lastAcknowledged(Files.readString(dir.resolve("stderr.txt")))).isEqualTo(10);
      deleteBucketDirectory(disk.resolve("vanishing"));

      // Far more than the log holds: once routing stops, nothing frees room in it.
      Thread feeder =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (stdin) {
                      for (String line : events("after", 20_000)) {
                        stdin.write((line + "\n").getBytes(UTF_8));
                      }
                    } catch (IOException e) {
                      // The command stopped reading and exited: the pipe is closed.
                    }
                  });
      boolean exited = route.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        route.destroyForcibly().waitFor();
      }
      feeder.join();
      String stderr = Files.readString(dir.resolve("stderr.txt"));

      assertThat(exited).as(stderr).isTrue();
      assertThat(route.exitValue()).as(stderr).isEqualTo(1);
      assertThat(stderr)
          .contains("routing stopped: ")
          .contains("vanishing")
          .containsPattern(
              "reading stopped, as routing stopped: lines 1 to \\d+ are kept in the log");
    }
  }

  @Test
  void kmsEncryptionWithoutAKeyIdIsRefusedBeforeAnythingIsRead() throws Exception {
    assertRefusedWithUsageError("--encryption KMS needs --kms-key-id", "--encryption", "KMS");
  }

  @Test
  void aGzipThreadCountBelowOneIsRefusedWithTheRule() throws Exception {
    assertRefusedWithUsageError("gzip threads must be at least 1, got 0", "--gzip-threads", "0");
  }

  private void assertRefusedWithUsageError(String message, String... options) throws Exception {
    Process route = route("refused/", dir.resolve("data"), "/dev/null", options);
    assertThat(route.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(route.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("stderr.txt"))).contains(message);
  }

  /** Waits until the run reports acknowledged lines, so that the kill lands while it routes. */
  private void awaitFirstAcknowledgement(Process route) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (route.isAlive()
        && lastAcknowledged(Files.readString(dir.resolve("stderr.txt"))) == 0
        && System.nanoTime() < deadline) {
      route.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  private static int lastAcknowledged(String stderr) {
    Matcher m = ACKNOWLEDGED.matcher(stderr);
    int last = 0;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  private static List<String> ids(List<String> lines) {
    return lines.stream()
        .map(
            l -> {
              Matcher m = EVENT_ID.matcher(l);
              return m.find() ? m.group(1) : l;
            })
        .toList();
  }

  private static List<String> events(String run, int count) {
    Instant start = Instant.parse("2026-01-15T13:40:00Z");
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant time = start.plusMillis(i * 97L);
      if (i % 50 == 0) {
        time = time.minus(Duration.ofHours(5));
      }
      String json =
          "{\"event_id\":\""
              + run
              + "-"
              + i
              + "\",\"name\":\"Pageview\",\"user_id\":\"u"
              + (i % 97)
              + "\"";
      lines.add(i % 10 == 0 ? json + "}" : json + ",\"time\":\"" + time + "\"}");
    }
    return lines;
  }

  private Process route(String prefix, Path data, String input, String... options)
      throws IOException {
    return route(s3, prefix, data, input, options);
  }

  private Process route(
      LocalS3Fixture target, String prefix, Path data, String input, String... options)
      throws IOException {
    return route(target, BUCKET, target.localS3().secretKey(), prefix, data, input, options);
  }

  /** Reads stdin, which the caller holds; a null {@code secretKey} leaves it no credentials. */
  private Process route(
      LocalS3Fixture target, String bucket, String secretKey, String prefix, Path data)
      throws IOException {
    return route(target, bucket, secretKey, prefix, data, "-");
  }

  private Process route(
      LocalS3Fixture target,
      String bucket,
      String secretKey,
      String prefix,
      Path data,
      String input,
      String... options)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                // the command's own logging set-up (stderr), not a test one that the class path may
                // hold
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "route",
                "--type",
                "events",
                "--bucket",
                bucket,
                "--prefix",
                prefix,
                "--endpoint",
                target.localS3().endpoint().toString(),
                "--worker-id",
                "worker1",
                "--flush-interval",
                "1s",
                "--data-dir",
                data.toString()));
    command.addAll(List.of(options));
    command.add(input);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (secretKey == null) {
      // No credentials anywhere in the default chain, as on a machine without AWS set up.
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      Path none = dir.resolve("no-aws-config");
      builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
      builder.environment().put("AWS_CONFIG_FILE", none.toString());
      builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    } else {
      builder.environment().put("AWS_ACCESS_KEY_ID", target.localS3().accessKey());
      builder.environment().put("AWS_SECRET_ACCESS_KEY", secretKey);
    }
    builder.redirectError(dir.resolve("stderr.txt").toFile());
    builder.redirectOutput(dir.resolve("stdout.txt").toFile());
    return builder.start();
  }

  /** What deleting the bucket does to S3Proxy's filesystem store; an upload may race with it. */
  private static void deleteBucketDirectory(Path bucket) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(bucket)) {
      try (Stream<Path> paths = Files.walk(bucket)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private static Map<String, Integer> eventIdsInBucket(String prefix) {
    Map<String, Integer> ids = new HashMap<>();
    for (ObjectInfo object : s3.store().listRecursively(BUCKET, prefix)) {
      try (InputStream in =
          new GZIPInputStream(s3.store().open(new S3Location(BUCKET, object.key())))) {
        for (String line : new String(in.readAllBytes(), UTF_8).split("\n")) {
          Matcher m = EVENT_ID.matcher(line);
          assertThat(m.find()).as(line).isTrue();
          ids.merge(m.group(1), 1, Integer::sum);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }
}
