package io.hivewire.http;

/**
 * The server cannot take the request now (the event log is full, or Kafka does not acknowledge);
 * answered 503 with Retry-After. The message is for the sender: what to change on the server is the
 * operator's, in the log.
 */
public final class RetryLaterException extends RuntimeException {

  /** Seconds a sender should wait before retrying when the log is full. */
  static final String RETRY_AFTER_SECONDS = "5";

  RetryLaterException() {
    this("the event log is full");
  }

  RetryLaterException(String why) {
    super(
        why
            + "; nothing of this request was stored: retry after "
            + RETRY_AFTER_SECONDS
            + " seconds");
  }
}
