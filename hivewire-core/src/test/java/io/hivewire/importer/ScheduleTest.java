package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PT15M, PT15M", "PT1H, PT1H", "P1D, PT24H", "pt30m, PT30M", "PT5M, PT5M"})
  void isoDurationIsAnInterval(String text, String interval) {
    assertThat(Schedule.parse(text)).isEqualTo(new Schedule.Interval(Duration.parse(interval)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MANUAL", "manual", " Manual "})
  void manualIsAcceptedInAnyCase(String text) {
    assertThat(Schedule.parse(text)).isEqualTo(new Schedule.Manual());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hourly", "15m", "", "P1"})
  void otherTextNamesTheAcceptedForms(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Schedule.parse(text))
        .withMessageContaining("neither MANUAL nor an ISO-8601 duration")
        .withMessageContaining("PT15M");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1M", "PT4M59S", "PT0S", "-PT1H"})
  void intervalShorterThanTheMinimumIsRejected(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Schedule.parse(text))
        .withMessageContaining("too short: the shortest interval is PT5M");
  }

  @Test
  void manualScheduleNeverRunsByItself() {
    assertThat(new Schedule.Manual().nextRun(Optional.of(CREATED), CREATED)).isEmpty();
  }

  @Test
  void intervalCountsFromTheLastRunOrFromCreation() {
    Schedule hourly = Schedule.parse("PT1H");

    assertThat(hourly.nextRun(Optional.empty(), CREATED)).contains(CREATED.plusSeconds(3600));
    assertThat(hourly.nextRun(Optional.of(CREATED.plusSeconds(100)), CREATED))
        .contains(CREATED.plusSeconds(3700));
  }

  @Test
  void textIsWhatTheApiShows() {
    assertThat(Schedule.parse("pt1h").text()).isEqualTo("PT1H");
    assertThat(Schedule.parse("manual").text()).isEqualTo("MANUAL");
  }
}
