package io.hivewire.importer;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a partition filter cannot be used on a table: the message a new import's check gives, and the
 * 0-based character offset in the filter text where the problem is, when it is at one place.
 */
public record FilterProblem(String message, OptionalInt position) {

  public FilterProblem {
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(position, "position is null");
  }
}
