package io.hivewire.collect;

/**
 * The request body as a whole cannot be read as a batch of events (malformed JSON, too many
 * events): nothing of it was accepted.
 */
public final class InvalidBatchException extends RuntimeException {

  public InvalidBatchException(String message) {
    super(message);
  }
}
