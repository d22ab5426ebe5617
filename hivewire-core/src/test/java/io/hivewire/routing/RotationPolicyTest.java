package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotationPolicyTest {

  private final RotationPolicy policy = new RotationPolicy(Duration.ofSeconds(60), 1_000_000, 3);

  @ParameterizedTest(name = "age {0}s, {1} bytes, {2} open -> {3}")
  @CsvSource({
    "0, 0, 1, ",
    "59, 999999, 3, ",
    "60, 0, 1, AGE",
    "61, 10, 3, AGE",
    "1, 1000000, 1, SIZE",
    "120, 2000000, 9, SIZE",
    "1, 10, 4, TOO_MANY_OPEN",
  })
  void decidesWhetherAndWhyAFileRolls(long ageSeconds, long bytes, int open, RollReason expected) {
    assertThat(policy.decide(Duration.ofSeconds(ageSeconds), bytes, open))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void defaultsAreFiveMinutesAnd128MiB() {
    RotationPolicy defaults = RotationPolicy.defaults();
    assertThat(defaults.flushInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.maxFileBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(defaults.maxOpenPartitions()).isEqualTo(256);
  }

  @Test
  void flushIntervalGoesDownToOneSecondAndNoFurther() {
    assertThat(RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(1)).flushInterval())
        .isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> RotationPolicy.defaults().withFlushInterval(Duration.ofMillis(999)))
        .hasMessageContaining("at least 1s");
  }
}
