package io.hivewire.routing;

import io.hivewire.s3.ObjectStoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an object-store call until it succeeds or fails for good: throttling, server errors and
 * network failures are retried without limit (the data waits safely in the log), with {@link
 * Backoff}; any other failure is thrown at once. Stops retrying when cancelled.
 */
final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Backoff backoff;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final BooleanSupplier cancelled;
  private final Runnable onRetry;

  public Retrier(
      Backoff backoff,
      Sleeper sleeper,
      RandomGenerator random,
      BooleanSupplier cancelled,
      Runnable onRetry) {
    this.backoff = Objects.requireNonNull(backoff, "backoff is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
    this.random = Objects.requireNonNull(random, "random is null");
    this.cancelled = Objects.requireNonNull(cancelled, "cancelled is null");
    this.onRetry = Objects.requireNonNull(onRetry, "onRetry is null");
  }

  /** Calls {@code call}, retrying retryable failures; {@code what} names it in the log. */
  public <T> T call(String what, Supplier<T> call) {
    for (int retry = 0; ; retry++) {
      try {
        return call.get();
      } catch (ObjectStoreException e) {
        if (!e.retryable()) {
          throw e;
        }
        if (cancelled.getAsBoolean()) {
          CancellationException stop = new CancellationException("stopped while retrying " + what);
          stop.initCause(e);
          throw stop;
        }
        Duration delay = backoff.delay(retry, random);
        LOG.warn(
            "{} failed ({}), retry {} in {} ms", what, e.getMessage(), retry + 1, delay.toMillis());
        onRetry.run();
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          CancellationException stop =
              new CancellationException("interrupted while retrying " + what);
          stop.initCause(e);
          throw stop;
        }
      }
    }
  }
}
