package io.hivewire.errors;

/** The request cannot be done in the current state (e.g. previewing an inactive connection). */
public final class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
