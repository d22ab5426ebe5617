package io.hivewire.store;

/** A database operation failed; the message says which one. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
