package io.hivewire.errors;

import java.util.Objects;

/** A request field holds a value hivewire cannot use; the message says what to enter instead. */
public final class InvalidInputException extends RuntimeException {

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field is null");
  }

  /** The request field at fault, e.g. {@code bucket}. */
  public String field() {
    return field;
  }
}
