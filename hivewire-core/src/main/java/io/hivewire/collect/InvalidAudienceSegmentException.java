package io.hivewire.collect;

import java.util.List;
import java.util.Objects;

/** A segment that cannot be stored as sent; the message lists every problem, each by field. */
public final class InvalidAudienceSegmentException extends RuntimeException {

  /** One problem: the field at fault ({@code body} for the request as a whole) and what to do. */
  public record Problem(String field, String message) {
    public Problem {
      Objects.requireNonNull(field, "field is null");
      Objects.requireNonNull(message, "message is null");
    }
  }

  private final List<Problem> problems;

  public InvalidAudienceSegmentException(List<Problem> problems) {
    super(String.join("; ", problems.stream().map(Problem::message).toList()));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid segment has at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order of the fields. */
  public List<Problem> problems() {
    return problems;
  }
}
