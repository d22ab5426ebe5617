package io.hivewire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The event files a destination wrote under its prefix, downloaded from the bucket as a reader
 * would fetch them and read with DuckDB. Objects never change once written, so {@link #refresh}
 * only fetches the keys it has not seen.
 */
final class RoutedEvents {

  /** The binding layout: {@code type=events/year=/month=/day=/hour=/{time}-{hash}-{worker}}. */
  private static final Pattern LAYOUT =
      Pattern.compile(
          "type=events/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2})/"
              + "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)-([0-9a-z]+)-([a-z0-9-]+)"
              + "\\.jsonl\\.gz");

  /**
   * S3Proxy's file store writes an object's body to {@code <key>-<uuid>} and then moves it under
   * its key, and its listings show that file meanwhile; S3 itself never lists an object in writing.
   */
  private static final Pattern S3PROXY_WRITING =
      Pattern.compile(
          "\\.jsonl\\.gz-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  private final ObjectStore store;
  private final String bucket;
  private final String prefix;
  private final Path dir;
  private final Set<String> downloaded = new HashSet<>();
  private final List<String> outsideLayout = new ArrayList<>();
  private final Set<String> workers = new HashSet<>();
  private final Set<String> seen = new HashSet<>();

  RoutedEvents(ObjectStore store, String bucket, String prefix, Path dir) {
    this.store = store;
    this.bucket = bucket;
    this.prefix = prefix;
    this.dir = dir;
  }

  /**
   * Waits until every event {@code publisher} got acknowledged is in the bucket and no more files
   * come, then checks that each is there exactly once, that no posting attempt is there twice (an
   * unacknowledged one may be there once), that every one of the {@code events} posted is there,
   * and the layout: {@code hours} hourly partitions, each row in its hour's, files named after
   * their first record and written by {@code nodes} only.
   */
  void assertHoldsEveryAcknowledgedEventOnce(
      EventPublisher publisher, int events, int hours, Set<String> nodes) throws Exception {
    Set<String> acknowledged = publisher.acknowledged();
    assertThat(acknowledged).as("acknowledged events").hasSize(events);

    awaitAll(acknowledged, Duration.ofMinutes(3));
    awaitQuiet(Duration.ofSeconds(5), Duration.ofMinutes(1));

    assertThat(missing(acknowledged)).as("acknowledged events not in the bucket").isEmpty();
    assertThat(eventIdsWrittenTwice()).as("event ids written twice").isZero();
    assertThat(attemptsWrittenTwice()).as("posting attempts written twice").isZero();
    assertThat(distinctEventNumbers()).as("events in the bucket").isEqualTo(events);
    assertThat(outsideLayout()).as("objects outside the hourly layout").isEmpty();
    assertThat(rowsOutsideTheirHour()).as("rows in another hour's partition").isZero();
    assertThat(hourlyPartitions()).as("hourly partitions").isEqualTo(hours);
    assertThat(workers()).as("worker ids in the file names").isNotEmpty().isSubsetOf(nodes);
  }

  /**
   * Refreshes until every one of {@code ids} is in a file, as the downloads show, or until {@code
   * timeout} passed.
   */
  void awaitAll(Set<String> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> missing = new HashSet<>(ids);
    while (true) {
      refresh();
      missing.removeAll(seen);
      if (missing.isEmpty() || System.nanoTime() > deadline) {
        return;
      }
      Thread.sleep(500);
    }
  }

  /**
   * Waits until no new file has appeared for {@code quiet}, so that late copies (a replay after a
   * rebalance) are there to be counted too.
   */
  void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastChange = System.nanoTime();
    while (System.nanoTime() - lastChange < quiet.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("files still appearing after " + timeout);
      }
      Thread.sleep(250);
      if (refresh() > 0) {
        lastChange = System.nanoTime();
      }
    }
  }

  /** Downloads the objects written since the last refresh; returns how many. */
  int refresh() {
    int fetched = 0;
    for (ObjectInfo object : store.listRecursively(bucket, prefix)) {
      if (S3PROXY_WRITING.matcher(object.key()).find()) {
        continue;
      }
      if (downloaded.add(object.key())) {
        String relative = object.key().substring(prefix.length());
        Matcher layout = LAYOUT.matcher(relative);
        if (!layout.matches()) {
          outsideLayout.add(object.key());
          continue;
        }
        Path file = dir.resolve(relative);
        try (InputStream in = store.open(new S3Location(bucket, object.key()))) {
          Files.createDirectories(file.getParent());
          Files.copy(in, file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        workers.add(layout.group(7));
        readEventIds(object.key(), layout, file);
        fetched++;
      }
    }
    return fetched;
  }

  /** Keys under the prefix that are not event files of the binding layout. */
  List<String> outsideLayout() {
    return List.copyOf(outsideLayout);
  }

  /** The {@code worker_id}s the file names hold. */
  Set<String> workers() {
    return Set.copyOf(workers);
  }

  int files() {
    return downloaded.size();
  }

  /** Of {@code ids}, those no file holds. */
  Set<String> missing(Set<String> ids) throws SQLException {
    if (downloaded.isEmpty()) {
      return Set.copyOf(ids);
    }
    Path list = dir.resolve("wanted.csv");
    try {
      Files.write(list, ids, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> missing = new HashSet<>();
    query(
        "SELECT w.id FROM read_csv('"
            + list
            + "', header = false, columns = {'id': 'VARCHAR'}) w"
            + " ANTI JOIN events e ON e.event_id = w.id",
        r -> missing.add(r.getString(1)));
    return missing;
  }

  /** Rows in the files. */
  long rows() throws SQLException {
    return single("SELECT count(*) FROM events");
  }

  /** Event ids held by more than one row. */
  long eventIdsWrittenTwice() throws SQLException {
    return single(
        "SELECT count(*) FROM (SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1)");
  }

  /** Posting attempts (number and attempt of an event) written more than once. */
  long attemptsWrittenTwice() throws SQLException {
    return single(
        "SELECT count(*) FROM (SELECT properties.seq, properties.attempt FROM events"
            + " GROUP BY ALL HAVING count(*) > 1)");
  }

  /** Distinct event numbers written: every posted event at least once makes it the total. */
  long distinctEventNumbers() throws SQLException {
    return single("SELECT count(DISTINCT properties.seq) FROM events");
  }

  /** Rows whose {@code time} is not in the hour of the partition their file is in. */
  long rowsOutsideTheirHour() throws SQLException {
    return single(
        "SELECT count(*) FROM events WHERE substr(time, 1, 4)::INT <> year"
            + " OR substr(time, 6, 2)::INT <> month OR substr(time, 9, 2)::INT <> day"
            + " OR substr(time, 12, 2)::INT <> hour");
  }

  /** Distinct hourly partitions holding files. */
  long hourlyPartitions() throws SQLException {
    return single("SELECT count(*) FROM (SELECT DISTINCT year, month, day, hour FROM events)");
  }

  /**
   * Notes the event ids of a downloaded file (for waiting; the checks read the files with DuckDB)
   * and whether the file is named after its first record's time.
   */
  private void readEventIds(String key, Matcher layout, Path file) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), UTF_8))) {
      String first = lines.readLine();
      if (first == null || !first.contains("\"time\":\"" + layout.group(5) + "\"")) {
        outsideLayout.add(key + " (not named after its first record's time: " + first + ")");
      }
      for (String line = first; line != null; line = lines.readLine()) {
        seen.add(KafkaClusterFixture.eventId(line));
      }
    } catch (IOException e) {
      outsideLayout.add(key + " (not gzip JSON lines: " + e + ")");
    }
  }

  private long single(String sql) throws SQLException {
    long[] value = new long[1];
    query(sql, r -> value[0] = r.getLong(1));
    return value[0];
  }

  private interface Row {
    void read(ResultSet row) throws SQLException;
  }

  private void query(String sql, Row row) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      s.execute(
          "CREATE VIEW events AS SELECT * FROM read_json('"
              + dir
              + "/type=events/**/*.jsonl.gz', format = 'newline_delimited',"
              + " hive_partitioning = true, hive_types = {'year': INT, 'month': INT, 'day': INT,"
              + " 'hour': INT}, columns = {'event_id': 'VARCHAR', 'time': 'VARCHAR',"
              + " 'properties': 'STRUCT(seq BIGINT, attempt BIGINT)'})");
      try (ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          row.read(r);
        }
      }
    }
  }
}
