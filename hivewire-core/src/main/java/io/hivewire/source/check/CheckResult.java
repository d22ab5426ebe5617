package io.hivewire.source.check;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating a connection: ACTIVE, or FAILED with a reason; the message says what
 * was checked or what to do.
 */
public record CheckResult(Outcome outcome, Optional<FailureReason> failure, String message) {

  /** Whether the connection may be used. */
  public enum Outcome {
    ACTIVE,
    FAILED
  }

  public CheckResult {
    Objects.requireNonNull(outcome, "outcome is null");
    Objects.requireNonNull(failure, "failure is null");
    Objects.requireNonNull(message, "message is null");
    if ((outcome == Outcome.FAILED) != failure.isPresent()) {
      throw new IllegalArgumentException("a FAILED result, and only one, has a failure reason");
    }
  }

  public static CheckResult active(String message) {
    return new CheckResult(Outcome.ACTIVE, Optional.empty(), message);
  }

  public static CheckResult failed(FailureReason reason, String message) {
    return new CheckResult(
        Outcome.FAILED, Optional.of(Objects.requireNonNull(reason, "reason is null")), message);
  }

  public boolean isActive() {
    return outcome == Outcome.ACTIVE;
  }
}
