package io.hivewire.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic collected events of about 700 bytes: ids, name, time, segments, cohorts and nested
 * client, geo and article properties, with the repetition real traffic has (few names, many users).
 */
final class SampleEvents {

  private static final String[] NAMES = {
    "Pageview", "PageviewEngagement", "SlotViewable", "SlotClicked", "FormSubmission", "VideoPlay"
  };
  private static final String[] COUNTRIES = {"GB", "US", "DE", "FR", "ES", "IT", "NL", "SE"};
  private static final String[] CITIES = {
    "London", "Manchester", "New York", "Berlin", "Paris", "Madrid", "Milan", "Amsterdam"
  };
  private static final String[] SECTIONS = {
    "news", "sport", "business", "culture", "travel", "science"
  };
  private static final String[] BROWSERS = {
    "Chrome", "Safari", "Firefox", "Edge", "Samsung Internet"
  };

  private SampleEvents() {}

  /**
   * {@code count} JSON lines (no line end) whose times start at {@code start}, {@code
   * spacingMillis} apart.
   */
  static List<byte[]> generate(int count, Instant start, long spacingMillis, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(
          event(random, start.plusMillis(i * spacingMillis)).getBytes(StandardCharsets.UTF_8));
    }
    return events;
  }

  static String event(SplittableRandom r, Instant time) {
    int geo = r.nextInt(COUNTRIES.length);
    StringBuilder segments = new StringBuilder();
    int n = 3 + r.nextInt(10);
    for (int s = 0; s < n; s++) {
      segments.append(s == 0 ? "" : ",").append(1000 + r.nextInt(9000));
    }
    StringBuilder cohorts = new StringBuilder();
    for (int c = 0; c < 2 + r.nextInt(4); c++) {
      cohorts
          .append(c == 0 ? "" : ",")
          .append('"')
          .append("cohort_")
          .append(r.nextInt(300))
          .append('"');
    }
    String section = SECTIONS[r.nextInt(SECTIONS.length)];
    return String.format(
        Locale.ROOT,
        "{\"event_id\":\"%s\",\"user_id\":\"%s\",\"session_id\":\"%s\",\"view_id\":\"%s\","
            + "\"name\":\"%s\",\"time\":\"%s\",\"segments\":[%s],\"cohorts\":[%s],"
            + "\"properties\":{\"client\":{\"type\":\"web\",\"domain\":\"www.example-news.com\","
            + "\"url\":\"https://www.example-news.com/%s/2026/01/article-%d\",\"referrer\":\"https://www.google.com/\","
            + "\"user_agent\":\"Mozilla/5.0 (%s) %s/%d.0\",\"title\":\"Article %d about %s\"},"
            + "\"geo_info\":{\"country\":\"%s\",\"city\":\"%s\",\"postal_code\":\"%s\"},"
            + "\"article\":{\"id\":\"%d\",\"section\":\"%s\",\"authors\":[\"Author %d\"],\"premium\":%b,\"word_count\":%d}}}",
        UUID.randomUUID(),
        new UUID(r.nextLong(200_000), 7),
        new UUID(r.nextLong(), r.nextLong()),
        new UUID(r.nextLong(), r.nextLong()),
        NAMES[r.nextInt(NAMES.length)],
        time,
        segments,
        cohorts,
        section,
        r.nextInt(50_000),
        r.nextBoolean() ? "Windows NT 10.0; Win64; x64" : "Macintosh; Intel Mac OS X 14_2",
        BROWSERS[r.nextInt(BROWSERS.length)],
        100 + r.nextInt(30),
        r.nextInt(50_000),
        section,
        COUNTRIES[geo],
        CITIES[geo],
        "P" + r.nextInt(1000),
        r.nextInt(50_000),
        section,
        r.nextInt(400),
        r.nextBoolean(),
        200 + r.nextInt(3000));
  }
}
