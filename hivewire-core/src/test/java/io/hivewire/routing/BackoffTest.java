package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest(name = "retry {0} waits {1}..{2} ms")
  @CsvSource({"0, 100, 200", "1, 200, 400", "3, 800, 1600", "10, 2500, 5000", "60, 2500, 5000"})
  void delaysDoubleWithJitterUpToTheCap(int retry, long min, long max) {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    SplittableRandom random = new SplittableRandom(retry);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delay(retry, random).toMillis()).isBetween(min, max);
    }
  }
}
