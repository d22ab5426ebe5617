package io.hivewire.errors;

/** The request needs configuration the server lacks; the message names the keys to set. */
public final class NotConfiguredException extends RuntimeException {

  public NotConfiguredException(String message) {
    super(message);
  }
}
