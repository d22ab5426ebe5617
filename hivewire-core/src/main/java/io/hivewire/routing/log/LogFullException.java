package io.hivewire.routing.log;

/**
 * The log has reached its disk quota: nothing of the append was written. Retry once routing has
 * caught up (backpressure); accepted records are never dropped to make room.
 */
public class LogFullException extends RuntimeException {

  public LogFullException(String message) {
    super(message);
  }
}
