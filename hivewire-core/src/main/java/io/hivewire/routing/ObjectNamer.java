package io.hivewire.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the binding object key of a routed file: {@code
 * <prefix>/type=events/year=2026/month=01/day=15/hour=14/2026-01-15T14:00:03.120000Z-9f3a1c-worker1.jsonl.gz}.
 * The key is a pure function of the file's range and first record time, so a replayed upload
 * produces the same key.
 */
final class ObjectNamer {

  /** The number of hex digits of the range hash in a file name. */
  public static final int HASH_DIGITS = 6;

  private final String prefix;
  private final WorkerId worker;

  /**
   * @param prefix the key prefix without leading {@code /} (a trailing one is optional), or empty
   */
  public ObjectNamer(String prefix, WorkerId worker) {
    Objects.requireNonNull(prefix, "prefix is null");
    this.worker = Objects.requireNonNull(worker, "worker is null");
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' must not start with '/': give it as it follows the bucket name");
    }
    if (prefix.contains("//")) {
      throw new IllegalArgumentException("prefix '" + prefix + "' contains an empty segment '//'");
    }
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /** The key prefix under which every file of this destination lies ({@code ""} or ending in /). */
  public String prefix() {
    return prefix;
  }

  public WorkerId worker() {
    return worker;
  }

  /** The object key of the file holding {@code range}, whose first record has {@code firstTime}. */
  public String key(FileRange range, Instant firstTime) {
    return key(range, firstTime, 0);
  }

  /**
   * The object key of the file holding {@code range} of log partition {@code logPartition} (its
   * number in its topic; the topic is the type, already in the path). Partition 0 hashes as a log
   * of one partition does, so the keys of the local log stay what they were.
   */
  public String key(FileRange range, Instant firstTime, int logPartition) {
    if (logPartition < 0) {
      throw new IllegalArgumentException("log partition is negative: " + logPartition);
    }
    return prefix
        + range.partition().path()
        + "/"
        + timestamp(firstTime)
        + "-"
        + hash(range, logPartition)
        + "-"
        + worker.value()
        + ".jsonl.gz";
  }

  /** Whether {@code key} names a file this worker wrote (or started to write). */
  public boolean isOwnKey(String key) {
    return key.startsWith(prefix) && key.endsWith("-" + worker.value() + ".jsonl.gz");
  }

  /** ISO-8601 UTC with exactly six fraction digits: {@code 2026-01-15T14:00:03.120000Z}. */
  static String timestamp(Instant time) {
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        t.getNano() / 1000);
  }

  /** The same prefix, naming files cut by {@code cutter}. */
  public ObjectNamer withWorker(WorkerId cutter) {
    return new ObjectNamer(prefix, cutter);
  }

  private String hash(FileRange range, int logPartition) {
    String identity =
        range.partition().path()
            + "\n"
            + range.firstOffset()
            + "\n"
            + range.lastOffset()
            + "\n"
            + worker.value()
            + (logPartition == 0 ? "" : "\np" + logPartition);
    byte[] digest = sha256().digest(identity.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
