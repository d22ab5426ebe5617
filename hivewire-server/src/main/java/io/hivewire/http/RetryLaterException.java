package io.hivewire.http;

/**
 * The server cannot take the request now (the event log is full); answered 503 with Retry-After.
 */
final class RetryLaterException extends RuntimeException {

  RetryLaterException(String reason) {
    super(
        "hivewire cannot accept data right now ("
            + reason
            + "): nothing of this request was stored; retry after "
            + CollectRoutes.RETRY_AFTER_SECONDS
            + " seconds");
  }
}
