package io.hivewire.http;

/** Every error the API returns, each with its HTTP status. */
public enum ErrorCode {
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  INTERNAL(500),
  NOT_CONFIGURED(503),
  DATABASE_UNAVAILABLE(503),
  BUSY(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
