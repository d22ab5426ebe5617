package io.hivewire.routing.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the common shape of an ISO-8601 time, {@code 2026-01-15T14:00:03.120Z} or with an offset
 * {@code +02:00}, straight from ASCII bytes, without a formatter: the routing hot path reads one
 * per line. Any other shape (lower-case letters, no seconds, offsets with seconds, years beyond
 * four digits, invalid fields) is left to {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, which
 * decides and words the error.
 */
public final class IsoTime {

  private static final int SHORTEST = "2026-01-15T14:00:03Z".length();

  private IsoTime() {}

  /** The instant in {@code b[start..end)}, or null when the text is not in the common shape. */
  public static Instant parse(byte[] b, int start, int end) {
    if (end - start < SHORTEST
        || b[start + 4] != '-'
        || b[start + 7] != '-'
        || b[start + 10] != 'T'
        || b[start + 13] != ':'
        || b[start + 16] != ':') {
      return null;
    }
    int year = digits(b, start, 4);
    int month = digits(b, start + 5, 2);
    int day = digits(b, start + 8, 2);
    int hour = digits(b, start + 11, 2);
    int minute = digits(b, start + 14, 2);
    int second = digits(b, start + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int at = start + 19;
    int nanos = 0;
    if (b[at] == '.') {
      int first = ++at;
      int scale = 100_000_000;
      while (at < end && b[at] >= '0' && b[at] <= '9') {
        if (at - first == 9) {
          return null;
        }
        nanos += (b[at] - '0') * scale;
        scale /= 10;
        at++;
      }
      if (at == first) {
        return null;
      }
    }
    int offsetSeconds = offsetSeconds(b, at, end);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long seconds =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3_600L
            + minute * 60L
            + second
            - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** {@code Z} or {@code ±HH:MM} up to ±17:59 filling {@code b[at..end)}, else MIN_VALUE. */
  private static int offsetSeconds(byte[] b, int at, int end) {
    if (at == end - 1 && b[at] == 'Z') {
      return 0;
    }
    if (at != end - 6 || (b[at] != '+' && b[at] != '-') || b[at + 3] != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(b, at + 1, 2);
    int minutes = digits(b, at + 4, 2);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return b[at] == '-' ? -seconds : seconds;
  }

  /** The value of {@code count} decimal digits at {@code at}, or -1 when one is not a digit. */
  private static int digits(byte[] b, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return -1;
      }
      value = value * 10 + b[i] - '0';
    }
    return value;
  }
}
