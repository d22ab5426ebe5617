package io.hivewire.errors;

/** The requested thing does not exist; the message names it. */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
