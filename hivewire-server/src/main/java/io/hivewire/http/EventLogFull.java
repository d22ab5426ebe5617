package io.hivewire.http;

import io.hivewire.routing.log.LogFullException;
import io.hivewire.routing.log.LogUnavailableException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full event log, told to each reader in their terms: the sender gets a 503 that says when to
 * retry; the operator gets what to change in the server log, once per episode (from the first
 * refused request until a write through the API succeeds again). Thread-safe.
 */
public final class EventLogFull {

  private static final Logger LOG = LoggerFactory.getLogger(EventLogFull.class);

  private final String operatorAdvice;
  private final AtomicLong refusedInEpisode = new AtomicLong();

  /** {@code operatorAdvice} says how to give the log more room, e.g. the setting to raise. */
  public EventLogFull(String operatorAdvice) {
    this.operatorAdvice = Objects.requireNonNull(operatorAdvice, "operatorAdvice is null");
  }

  /** The sender's answer to {@code full}; the first of an episode is also logged for operators. */
  public RetryLaterException refuse(LogFullException full) {
    if (refusedInEpisode.getAndIncrement() == 0) {
      LOG.warn(
          "{}. The API answers 503 to writes until there is room again: {}",
          full.getMessage(),
          operatorAdvice);
    }
    return new RetryLaterException();
  }

  /**
   * The sender's answer when the log (Kafka) could not acknowledge the request's records: none of
   * them will be delivered, so the whole request is to be sent again. The first of an episode is
   * logged for operators.
   */
  public RetryLaterException refuse(LogUnavailableException unavailable) {
    if (refusedInEpisode.getAndIncrement() == 0) {
      LOG.warn(
          "{}. The API answers 503 to writes until the event log acknowledges them again",
          unavailable.getMessage());
    }
    return new RetryLaterException("the event log cannot acknowledge writes now");
  }

  /** A write went through: ends an episode of a full log, if one is going on. */
  public void appended() {
    if (refusedInEpisode.get() > 0) {
      long refused = refusedInEpisode.getAndSet(0);
      if (refused > 0) {
        LOG.info(
            "the event log accepts writes again; {} requests were refused while it was full",
            refused);
      }
    }
  }
}
