package io.hivewire.errors;

import java.util.List;
import java.util.Objects;

/** A request field holds a value hivewire cannot use; the message says what to enter instead. */
public final class InvalidInputException extends RuntimeException {

  private final String field;
  private final List<InvalidInputException> parts;
  private final List<String> problems;

  public InvalidInputException(String field, String message) {
    this(field, message, List.of(message));
  }

  /**
   * A rejection of one field for several broken rules, each of {@code problems} starting with the
   * field it is about ({@code "mapping.segment: ..."}), so that a caller can show each apart.
   */
  public InvalidInputException(String field, String message, List<String> problems) {
    super(message);
    this.field = Objects.requireNonNull(field, "field is null");
    this.parts = List.of(this);
    this.problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
  }

  /** One rejection naming every field of {@code parts}, each kept for a caller to show apart. */
  public InvalidInputException(List<InvalidInputException> parts) {
    super(String.join("; ", parts.stream().map(InvalidInputException::getMessage).toList()));
    this.field = String.join(", ", parts.stream().map(InvalidInputException::field).toList());
    this.parts = List.copyOf(parts);
    this.problems = List.of(getMessage());
  }

  /** Each rule this rejection names, or its message alone when it names one. */
  public List<String> problems() {
    return problems;
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
