package io.hivewire.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * {@code initial * 2^n}, capped at {@code max}, so that many workers do not retry in step.
 */
record Backoff(Duration initial, Duration max) {

  public Backoff {
    Objects.requireNonNull(initial, "initial is null");
    Objects.requireNonNull(max, "max is null");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
  }

  /** 200 ms doubling up to 30 s. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  /** How long to wait before retry number {@code retry} (0 for the first). */
  public Duration delay(int retry, RandomGenerator random) {
    long ceiling = initial.toMillis();
    for (int i = 0; i < retry && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
