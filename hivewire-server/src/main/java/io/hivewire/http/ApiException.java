package io.hivewire.http;

import java.util.Objects;

/** An error to answer with the JSON error body; the message says what to do. */
public final class ApiException extends RuntimeException {

  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }
}
