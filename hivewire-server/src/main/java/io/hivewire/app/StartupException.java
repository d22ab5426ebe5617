package io.hivewire.app;

/** A part of hivewire cannot start for a reason the user can fix; the message says how. */
public final class StartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
