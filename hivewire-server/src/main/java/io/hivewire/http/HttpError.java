package io.hivewire.http;

import java.util.Objects;

/** An error answer before it is written: its status, its code and what to do about it. */
public record HttpError(int status, ErrorCode code, String message) {

  public HttpError {
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    if (status != code.status()) {
      throw new IllegalArgumentException(
          "status " + status + " is not the status of " + code + " (" + code.status() + ")");
    }
  }

  /** The error {@code code} says {@code message}. */
  public HttpError(ErrorCode code, String message) {
    this(code.status(), code, message);
  }
}
