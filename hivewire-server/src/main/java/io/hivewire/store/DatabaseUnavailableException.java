package io.hivewire.store;

/**
 * hivewire's database does not answer (stopped, unreachable or refusing connections); the message
 * names the database and says what to do.
 */
public final class DatabaseUnavailableException extends StoreException {

  public DatabaseUnavailableException(String message) {
    super(message, null);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
