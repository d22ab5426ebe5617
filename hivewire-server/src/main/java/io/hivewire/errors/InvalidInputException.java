package io.hivewire.errors;

import java.util.List;
import java.util.Objects;

/** A request field holds a value hivewire cannot use; the message says what to enter instead. */
public final class InvalidInputException extends RuntimeException {

  private final String field;
  private final List<InvalidInputException> parts;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field is null");
    this.parts = List.of(this);
  }

  /** One rejection naming every field of {@code parts}, each kept for a caller to show apart. */
  public InvalidInputException(List<InvalidInputException> parts) {
    super(String.join("; ", parts.stream().map(InvalidInputException::getMessage).toList()));
    this.field = String.join(", ", parts.stream().map(InvalidInputException::field).toList());
    this.parts = List.copyOf(parts);
  }

  /** Each field's own rejection (this one alone when one field is at fault), in request order. */
  public List<InvalidInputException> parts() {
    return parts;
  }

  /** The request field at fault, e.g. {@code bucket}. */
  public String field() {
    return field;
  }
}
