package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HourBucketTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2026-01-15T14:00:03.120Z, year=2026/month=01/day=15/hour=14",
    "2026-01-15T14:59:59.999999999Z, year=2026/month=01/day=15/hour=14",
    "2026-01-15T15:00:00Z, year=2026/month=01/day=15/hour=15",
    // the last days of December belong to week 1 of the next week-based year: YYYY would say 2026
    "2025-12-29T00:00:00Z, year=2025/month=12/day=29/hour=00",
    "2027-01-01T23:10:00Z, year=2027/month=01/day=01/hour=23",
    "2028-02-29T09:00:00Z, year=2028/month=02/day=29/hour=09",
    "0999-03-04T05:06:07Z, year=0999/month=03/day=04/hour=05",
  })
  void rendersTheUtcHourOfAnInstantWithTwoDigitFields(String instant, String path) {
    assertThat(HourBucket.of(Instant.parse(instant)).path()).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-01-15T14:00:03+05:00, year=2026/month=01/day=15/hour=09",
    "2026-01-01T01:30:00+02:00, year=2025/month=12/day=31/hour=23",
  })
  void usesUtcWhateverTheOffsetTheTimeWasGivenIn(String time, String path) {
    Instant instant = java.time.OffsetDateTime.parse(time).toInstant();
    assertThat(HourBucket.of(instant).path()).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}-{1}-{2} {3}h")
  @CsvSource({
    "2026, 2, 29, 0",
    "2026, 13, 1, 0",
    "2026, 1, 1, 24",
    "10000, 1, 1, 0",
    "-1, 1, 1, 0"
  })
  void rejectsFieldsThatNameNoHour(int year, int month, int day, int hour) {
    assertThatThrownBy(() -> new HourBucket(year, month, day, hour))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2026-01-15T14:00:00Z", "2025-12-31T23:00:00Z"})
  void startIsTheFirstInstantOfTheHour(String start) {
    Instant instant = Instant.parse(start);
    assertThat(HourBucket.of(instant.plusSeconds(3599)).start()).isEqualTo(instant);
  }
}
