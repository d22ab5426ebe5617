package io.hivewire.collection;

import io.hivewire.http.ApiException;
import io.hivewire.http.RetryLaterException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The collection API's meters: {@code hivewire.collect.events.accepted}, {@code
 * hivewire.collect.events.rejected} by reason, and {@code hivewire.collect.requests} (latency) by
 * endpoint and outcome.
 */
public final class CollectMetrics {

  /** An event that broke a validation rule. */
  public static final String INVALID = "invalid";

  /** A valid event refused because the event log was full. */
  public static final String LOG_FULL = "log_full";

  private final MeterRegistry registry;
  private final Counter accepted;

  public CollectMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry is null");
    this.accepted =
        Counter.builder("hivewire.collect.events.accepted")
            .description("events durable in the event log")
            .register(registry);
    rejectedCounter(INVALID);
    rejectedCounter(LOG_FULL);
  }

  void accepted(int events) {
    accepted.increment(events);
  }

  /** Counts {@code events} rejected for {@code reason} ({@link #INVALID}, {@link #LOG_FULL}). */
  public void rejected(String reason, int events) {
    rejectedCounter(reason).increment(events);
  }

  /** Runs a request of {@code endpoint}, timing it by its outcome. */
  <T> T time(String endpoint, Supplier<T> request) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      T result = request.get();
      outcome = "accepted";
      return result;
    } catch (ApiException e) {
      outcome =
          switch (e.code()) {
            case INVALID_REQUEST -> "invalid";
            case PAYLOAD_TOO_LARGE -> "too_large";
            default -> "error";
          };
      throw e;
    } catch (RetryLaterException e) {
      outcome = LOG_FULL;
      throw e;
    } finally {
      Timer.builder("hivewire.collect.requests")
          .description("collection API requests, by endpoint and outcome")
          .tag("endpoint", endpoint)
          .tag("outcome", outcome)
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Counter rejectedCounter(String reason) {
    return Counter.builder("hivewire.collect.events.rejected")
        .description("events not stored, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
