package io.hivewire.importer;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** When an import runs by itself: never ({@code MANUAL}) or every interval. */
public sealed interface Schedule {

  /** The shortest interval accepted: a shorter one would start runs before the last one ends. */
  Duration MINIMUM_INTERVAL = Duration.ofMinutes(5);

  /** The schedule as written in the API: {@code MANUAL} or an ISO-8601 duration. */
  String text();

  /**
   * When the next run is due, given when the last run started (if ever) and when it was created.
   */
  Optional<Instant> nextRun(Optional<Instant> lastRunStart, Instant created);

  /** Runs only when asked to. */
  record Manual() implements Schedule {
    @Override
    public String text() {
      return "MANUAL";
    }

    @Override
    public Optional<Instant> nextRun(Optional<Instant> lastRunStart, Instant created) {
      return Optional.empty();
    }
  }

  /** Runs every {@code interval}, counted from the start of the last run. */
  record Interval(Duration interval) implements Schedule {
    public Interval {
      Objects.requireNonNull(interval, "interval is null");
      if (interval.compareTo(MINIMUM_INTERVAL) < 0) {
        throw new IllegalArgumentException(
            "schedule "
                + interval
                + " is too short: the shortest interval is "
                + MINIMUM_INTERVAL
                + "; use MANUAL and start runs yourself for anything more frequent");
      }
    }

    @Override
    public String text() {
      return interval.toString();
    }

    @Override
    public Optional<Instant> nextRun(Optional<Instant> lastRunStart, Instant created) {
      return Optional.of(lastRunStart.orElse(created).plus(interval));
    }
  }

  /**
   * Parses {@code MANUAL} or an ISO-8601 duration such as {@code PT15M}, {@code PT1H} or {@code
   * P1D}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Schedule parse(String text) {
    Objects.requireNonNull(text, "text is null");
    String trimmed = text.trim().toUpperCase(Locale.ROOT);
    if (trimmed.equals("MANUAL")) {
      return new Manual();
    }
    try {
      return new Interval(Duration.parse(trimmed));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "schedule '"
              + text
              + "' is neither MANUAL nor an ISO-8601 duration: write e.g. PT15M, PT1H or P1D",
          e);
    }
  }
}
