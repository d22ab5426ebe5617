package io.hivewire.routing.log;

/**
 * The log cannot take or acknowledge appends now (its brokers are unreachable or too few replicas
 * are in sync). Nothing of the append is acknowledged: the sender should retry later.
 */
public class LogUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
