package io.hivewire.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One UTC hour, the unit of Hive partitioning for routed records. Rendered from its numeric fields
 * with {@link Locale#ROOT}, never through a {@code DateTimeFormatter} pattern ({@code YYYY} would
 * be the week-based year).
 */
record HourBucket(int year, int month, int day, int hour) {

  public HourBucket {
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException(
          "year must have four digits (0..9999) for a year= partition, got " + year);
    }
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("hour must be 0..23, got " + hour);
    }
    try {
      LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "no such date: year " + year + ", month " + month + ", day " + day, e);
    }
  }

  /** The UTC hour that contains {@code time}. */
  public static HourBucket of(Instant time) {
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    return new HourBucket(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
  }

  /** The Hive partition directories: {@code year=2026/month=01/day=15/hour=14}. */
  public String path() {
    return String.format(
        Locale.ROOT, "year=%04d/month=%02d/day=%02d/hour=%02d", year, month, day, hour);
  }

  /** The first instant of this hour. */
  public Instant start() {
    return LocalDateTime.of(year, month, day, hour, 0).toInstant(ZoneOffset.UTC);
  }
}
