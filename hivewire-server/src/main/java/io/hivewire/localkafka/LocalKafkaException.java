package io.hivewire.localkafka;

/** The local broker could not be prepared or started; the message says what to do. */
public final class LocalKafkaException extends RuntimeException {

  public LocalKafkaException(String message) {
    super(message);
  }

  public LocalKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
