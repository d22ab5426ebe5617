package io.hivewire.errors;

/** The server has too much work queued to accept more now; the caller may retry. */
public final class BusyException extends RuntimeException {

  public BusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
